package dev.spectron.extract.rules;

import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Stage 6: polarity, tense, dates and hedging from the clause's marker words ({@code [marker]}:
 * "not", "no longer" → negate; "used to" → past; "now", "actually" → change; "might", "if"
 * → hedge, the candidate is dropped; "last month" → valid from a month before the text was said;
 * "since 2019"). Words inside slots are not markers, and the pattern's own words neither negate
 * nor hedge ("can't stand" is one phrase; "I'd prefer" is a preference).
 * A negation counts only before the value ("I like jazz, not blues" affirms jazz). A simple
 * past main verb ("I lived in Paris") makes the fact past unless the pattern fixes a tense.
 */
final class MarkerReader {
    /** Effects a pattern's own words cannot have: "can't stand", "I'd prefer" are phrases. */
    private static final java.util.Set<String> SPOKEN_FOR = java.util.Set.of("negate", "hedge",
            "soft");

    private final Lexicon.Table markers;
    private final Lexicon.Table pastForms;
    private final Lexicon.Table units;

    MarkerReader(Lexicon lexicon) {
        this.markers = lexicon.table("marker");
        this.pastForms = lexicon.table("pasttense");
        this.units = lexicon.table("unit");
    }

    /** The candidate with markers applied, or empty when the clause hedges it. */
    Optional<Candidate> read(Candidate candidate, Optional<Instant> observedAt) {
        Found found = scan(candidate, observedAt);
        if (found.hedged) {
            return Optional.empty();
        }
        if (candidate.implied()) {
            return Optional.of(candidate);
        }
        // An explicit "used to" wins over the pattern's hint, which wins over "now", which
        // wins over the verb's form ("I just started learning" is a change, not a past).
        Tense tense = found.past ? Tense.PAST : candidate.tense().orElse(found.change
                ? Tense.CHANGE : pastVerb(candidate.match()) ? Tense.PAST : Tense.CURRENT);
        Polarity polarity = candidate.polarity().orElse(found.negate ? Polarity.NEGATE
                : Polarity.AFFIRM);
        Optional<Instant> from = found.since.or(candidate::validFrom);
        Optional<Instant> until = found.until.or(candidate::validUntil);
        if (tense != Tense.CURRENT && found.relative.isPresent()) {
            // "moved last month", "left last year" date the change; in "my daughter's party
            // last year" the date belongs to the event, not to the fact.
            from = found.relative;
        }
        if (tense == Tense.PAST && until.isEmpty() && from.isPresent()) {
            until = from; // "I left Acme last year": the date says when it ended
            from = Optional.empty();
        }
        return Optional.of(candidate.withMarkers(polarity, tense,
                candidate.confidence() * found.factor, from, until));
    }

    /** What the marker words of a candidate's clause say. */
    private static final class Found {
        boolean negate;
        boolean past;
        boolean change;
        boolean hedged;
        double factor = 1.0;
        Optional<Instant> since = Optional.empty();
        Optional<Instant> until = Optional.empty();
        Optional<Instant> relative = Optional.empty();
    }

    private Found scan(Candidate candidate, Optional<Instant> observedAt) {
        Match m = candidate.match();
        Clause c = m.clause();
        int valueStart = candidate.valueRange().map(Match.Range::from).orElse(m.end());
        Found found = new Found();
        int i = c.borrowed();
        while (i < c.size() && !found.hedged) {
            Optional<Lexicon.Hit> hit = m.inSlot(i) ? Optional.empty()
                    : markers.longestAt(c.tokens(), i, c.size()).filter(h -> applies(h, m));
            if (hit.isEmpty()) {
                i++;
                continue;
            }
            String effect = hit.get().entry().column(0);
            switch (effect) {
                case "negate" -> found.negate |= i < valueStart;
                case "past" -> found.past = true;
                case "change" -> found.change = true;
                case "hedge" -> found.hedged = true;
                case "soft" -> found.factor *= 0.8;
                case "since" -> found.since = year(c, hit.get().end());
                case "until" -> found.until = year(c, hit.get().end());
                case "ago" -> found.relative = ago(c, i, observedAt);
                default -> {
                    if (effect.startsWith("from:")) {
                        found.relative = shift(observedAt, effect.substring(5));
                    }
                }
            }
            i = hit.get().end();
        }
        return found;
    }

    /** A marker counts unless its tag does not fit or the pattern's own words speak for it. */
    private static boolean applies(Lexicon.Hit hit, Match m) {
        String tag = hit.entry().column(1);
        if (!tag.isEmpty() && !m.clause().token(hit.start()).tagged(tag)) {
            return false;
        }
        return !(m.isLiteral(hit.start()) && SPOKEN_FOR.contains(hit.entry().column(0)));
    }

    /**
     * True when the clause's first verb after the subject is in the past: "lived", "had a dog",
     * "had lived"; not "have lived" (a perfect that still holds).
     */
    private boolean pastVerb(Match m) {
        Clause c = m.clause();
        int from = m.slot("SUBJ").map(Match.Range::to).orElse(m.start());
        for (int i = from; i < m.end(); i++) {
            Token t = c.token(i);
            if (t.tagged("VERB") || t.tagged("AUX")) {
                return isPast(t);
            }
        }
        return false;
    }

    private boolean isPast(Token t) {
        return !t.lower().equals(t.lemma()) && (t.lower().endsWith("ed")
                || pastForms.contains(t.lower()));
    }

    private static Optional<Instant> year(Clause c, int pos) {
        if (pos < c.size() && c.token(pos).text().matches("(19|20)\\d\\d")) {
            int year = Integer.parseInt(c.token(pos).text());
            return Optional.of(ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                    .toInstant());
        }
        return Optional.empty();
    }

    /** "two years ago", "3 weeks ago", "a month ago". */
    private Optional<Instant> ago(Clause c, int agoAt, Optional<Instant> observedAt) {
        if (observedAt.isEmpty() || agoAt < 2) {
            return Optional.empty();
        }
        Token count = c.token(agoAt - 2);
        Optional<Lexicon.Hit> unit = units.longestAt(c.tokens(), agoAt - 1, agoAt);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        long n = count.lower().matches("\\d+") ? Long.parseLong(count.lower())
                : count.lower().equals("a") || count.lower().equals("an") ? 1
                : NUMBER_WORDS.indexOf(" " + count.lower() + " ") >= 0
                ? wordNumber(count.lower()) : -1;
        if (n < 0) {
            return Optional.empty();
        }
        ChronoUnit chrono = switch (unit.get().entry().column(0)) {
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            case "year" -> ChronoUnit.YEARS;
            default -> null;
        };
        if (chrono == null) {
            return Optional.empty();
        }
        return Optional.of(observedAt.get().atZone(ZoneOffset.UTC).minus(n, chrono).toInstant());
    }

    private static final String NUMBER_WORDS =
            " zero one two three four five six seven eight nine ten eleven twelve ";

    private static long wordNumber(String word) {
        return java.util.Arrays.asList(NUMBER_WORDS.strip().split(" ")).indexOf(word);
    }

    private static Optional<Instant> shift(Optional<Instant> observedAt, String period) {
        return observedAt.map(at -> at.atZone(ZoneOffset.UTC).plus(Period.parse(period))
                .toInstant());
    }
}
