package dev.spectron.engine;

import dev.spectron.api.FactStatus;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.FactQuery;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.FactStore;
import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The direct-lookup path for entity/key questions ("What is Alice's favourite book?", "Where do I
 * live?"): when the query names a key of the registry (or one of its synonyms) and it is clear
 * whom it asks about, the current facts of that entity and key are read from the store of record
 * by their indexed columns and put first, whatever the search ranked.
 *
 * <p>Only keys with one current value ({@code favorite_book}, {@code lives_in}, {@code role})
 * are looked up: that value is the answer. For keys with many values ({@code likes},
 * {@code hobby}) search finds the ones that matter to the question better.
 *
 * <p>Whom it asks about: an entity holding that key whose name the query contains as words; else
 * the scope's user when the query speaks in the first person ("my", "I", "me"); else the only
 * entity that holds the key at this scope. When none of these is certain, no lookup is made
 * and search alone answers.
 */
final class KeyLookup {
    /** Longest key phrase looked for, in words ({@code favourite_film_director}). */
    private static final int MAX_WORDS = 3;
    private static final int MAX_FACTS = 200;
    private static final Set<String> FIRST_PERSON = Set.of("i", "my", "me", "mine", "myself");

    private final FactStore store;

    KeyLookup(FactStore store) {
        this.store = store;
    }

    /** The current facts the query asks for directly, best guess first; empty when unsure. */
    List<FactRecord> find(String context, String query, Scope scope, KeyRegistry registry) {
        List<String> words = words(query);
        Set<String> keys = keys(words, registry);
        if (keys.isEmpty()) {
            return List.of();
        }
        String text = " " + String.join(" ", words) + " ";
        boolean firstPerson = words.stream().anyMatch(FIRST_PERSON::contains);
        Optional<EntityKey> self = scope.get("user").map(u -> EntityKey.of("person", u));
        List<FactRecord> out = new ArrayList<>();
        for (String key : keys) {
            List<FactRecord> holders = store.facts(context, new FactQuery(Optional.empty(),
                    Optional.of(key), Optional.empty(), scope.floorKeys(),
                    Set.of(FactStatus.CURRENT), MAX_FACTS));
            List<FactRecord> named = holders.stream().filter(f -> text.contains(
                    " " + String.join(" ", words(f.subject().name())) + " ")).toList();
            if (!named.isEmpty()) {
                out.addAll(named);
            } else if (firstPerson && self.isPresent()) {
                holders.stream().filter(f -> f.subject().equals(self.get())).forEach(out::add);
            } else if (holders.stream().map(FactRecord::subject).distinct().count() == 1) {
                out.addAll(holders);
            }
        }
        return out;
    }

    /**
     * Single-valued keys the words name: every run of 1–{@link #MAX_WORDS} words that is such a
     * key or one of its synonyms.
     */
    static Set<String> keys(List<String> words, KeyRegistry registry) {
        Set<String> keys = new LinkedHashSet<>();
        for (int n = MAX_WORDS; n >= 1; n--) {
            for (int i = 0; i + n <= words.size(); i++) {
                String phrase = String.join("_", words.subList(i, i + n));
                if (n == 1 && ContentWords.of(phrase).isEmpty()) {
                    continue; // "name", "is": a lone stop word is no key
                }
                registry.find(phrase).filter(spec -> spec.cardinality() == KeySpec.Cardinality.ONE)
                        .map(KeySpec::key).ifPresent(keys::add);
            }
        }
        return keys;
    }

    /** Lower-case words, possessive {@code 's} dropped. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
            String word = w.replaceAll("'s$|'$", "").replaceAll("^'+|'+$", "");
            if (!word.isEmpty()) {
                out.add(word);
            }
        }
        return out;
    }
}
