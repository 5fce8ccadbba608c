package dev.spectron.engine;

import dev.spectron.api.FactStatus;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.ScoredId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads of the past (SPEC §2.5). The search index holds only what is current, so facts as they
 * were — "as known at" ({@code asOf}, known time: stored by then and not yet superseded or
 * retracted by then) or "as held in the world at" ({@code validAt}, valid time) — are read from
 * the store of record, where superseded and retracted rows are kept.
 */
final class TimeTravel {
    private static final Set<FactStatus> HISTORY = Set.of(FactStatus.CURRENT,
            FactStatus.SUPERSEDED, FactStatus.RETRACTED);
    private static final int MAX_FACTS = 5000;
    private static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "was", "were",
            "what", "who", "where", "when", "which", "how", "do", "does", "did", "of", "in", "on",
            "at", "to", "for", "and", "or", "s", "my", "your", "their", "her", "his");

    private final FactStore store;

    TimeTravel(FactStore store) {
        this.store = store;
    }

    /** Facts visible at {@code scope} that held at the given instants (either may be absent). */
    List<FactRecord> factsAt(String context, Scope scope, Optional<Instant> asOf,
            Optional<Instant> validAt) {
        List<FactRecord> out = new ArrayList<>();
        for (FactRecord f : store.facts(context, FactQuery.visible(scope.floorKeys(), HISTORY,
                MAX_FACTS))) {
            if (holds(f, asOf, validAt)) {
                out.add(f);
            }
        }
        return out;
    }

    /** True when {@code fact} was known at {@code asOf} and held in the world at {@code validAt}. */
    static boolean holds(FactRecord fact, Optional<Instant> asOf, Optional<Instant> validAt) {
        boolean known = asOf.map(at -> !fact.createdAt().isAfter(at)
                && fact.closedAt().map(closed -> closed.isAfter(at)).orElse(true)).orElse(
                        fact.status() == FactStatus.CURRENT || validAt.isPresent());
        boolean valid = validAt.map(at -> !fact.validFrom().isAfter(at)
                && fact.validUntil().map(until -> until.isAfter(at)).orElse(true)).orElse(true);
        return known && valid;
    }

    /** Facts ranked by how many content words of the query their sentence shares, best first. */
    static List<ScoredId> rank(List<FactRecord> facts, String query) {
        Set<String> terms = words(query);
        List<ScoredId> out = new ArrayList<>();
        for (FactRecord f : facts) {
            Set<String> have = words(f.subject().name() + " " + f.key().replace('_', ' ') + " "
                    + f.value());
            long shared = terms.stream().filter(t -> have.stream().anyMatch(h ->
                    h.startsWith(t) || t.startsWith(h))).count();
            if (shared > 0) {
                out.add(new ScoredId(f.id(), shared));
            }
        }
        out.sort(Comparator.comparingDouble(ScoredId::score).reversed());
        return out;
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(w.length() > 5 ? w.substring(0, 5) : w);
            }
        }
        return out;
    }
}
