package dev.spectron.extract.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Word lists that map language to memory: {@code [pref] food | food_preference | strip} says that
 * "I prefer vegetarian food" is about {@code food_preference}, value "vegetarian". Read from
 * {@code lexicon.txt}: {@code [table]} headers, then one line per entry, {@code phrase[, phrase…]
 * [| column…]}; {@code #} starts a comment and {@code \,} is a literal comma. Phrases match
 * tokens by word, lemma or singular, so entries are written in their base form; {@code _}
 * matches any one word ("_ _ ago"). Immutable and thread-safe.
 */
final class Lexicon {
    static final String RESOURCE = "/dev/spectron/extract/rules/lexicon.txt";

    private final Map<String, Table> tables;

    private Lexicon(Map<String, Table> tables) {
        this.tables = Map.copyOf(tables);
    }

    /** The lexicon shipped with the extractor. */
    static Lexicon builtIn() {
        try (InputStream in = Lexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses lexicon text.
     *
     * @throws IllegalArgumentException naming the line when an entry comes before any table
     */
    static Lexicon parse(String text) {
        Map<String, List<Entry>> entries = new LinkedHashMap<>();
        String table = null;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = stripComment(lines[n]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                table = line.substring(1, line.length() - 1).strip();
                entries.computeIfAbsent(table, k -> new ArrayList<>());
                continue;
            }
            if (table == null) {
                throw new IllegalArgumentException("lexicon line " + (n + 1)
                        + ": entry before any [table] header");
            }
            entries.get(table).addAll(Entry.parse(line));
        }
        Map<String, Table> tables = new HashMap<>();
        entries.forEach((name, list) -> tables.put(name, new Table(name, list)));
        return new Lexicon(tables);
    }

    /**
     * A table by name.
     *
     * @throws IllegalArgumentException when the lexicon has no such table
     */
    Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("lexicon has no table [" + name + "]");
        }
        return table;
    }

    /** True when the lexicon has a table of that name. */
    boolean has(String name) {
        return tables.containsKey(name);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /**
     * One entry: a phrase and its columns.
     *
     * @param words the phrase, lower case, one word per element; {@code ["*"]} is a table's
     *     default
     * @param columns what the table says about the phrase
     */
    record Entry(List<String> words, List<String> columns) {
        Entry {
            words = List.copyOf(words);
            columns = List.copyOf(columns);
        }

        static List<Entry> parse(String line) {
            String[] parts = line.split("\\|", -1);
            List<String> columns = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                columns.add(parts[i].strip());
            }
            List<Entry> out = new ArrayList<>();
            for (String phrase : parts[0].split("(?<!\\\\),")) {
                String p = phrase.replace("\\,", ",").strip().toLowerCase(Locale.ROOT);
                if (!p.isEmpty()) {
                    out.add(new Entry(Arrays.asList(p.split("\\s+")), columns));
                }
            }
            return out;
        }

        /** Column {@code index} (0 is the first after the phrase), or "" when absent. */
        String column(int index) {
            return index < columns.size() ? columns.get(index) : "";
        }

        String phrase() {
            return String.join(" ", words);
        }
    }

    /**
     * Where an entry matched: tokens {@code [start, end)}.
     *
     * @param entry the entry
     * @param start first token
     * @param end one past the last token
     */
    record Hit(Entry entry, int start, int end) {}

    /** A named list of entries, indexed by first word. */
    static final class Table {
        private final String name;
        private final Map<String, List<Entry>> byFirst = new HashMap<>();
        private final List<Entry> wildFirst = new ArrayList<>();
        private final Map<String, Entry> byPhrase = new HashMap<>();
        private final Entry fallback;

        Table(String name, List<Entry> entries) {
            this.name = name;
            Entry star = null;
            for (Entry e : entries) {
                if (e.words().equals(List.of("*"))) {
                    star = e;
                    continue;
                }
                if (e.words().getFirst().equals("_")) {
                    wildFirst.add(e);
                } else {
                    byFirst.computeIfAbsent(e.words().getFirst(), k -> new ArrayList<>()).add(e);
                }
                byPhrase.putIfAbsent(e.phrase(), e);
            }
            byFirst.values().forEach(list -> list.sort(
                    Comparator.comparingInt((Entry e) -> e.words().size()).reversed()));
            this.fallback = star;
        }

        String name() {
            return name;
        }

        /** The {@code *} entry, if the table has one. */
        Optional<Entry> fallback() {
            return Optional.ofNullable(fallback);
        }

        /** The entry for exactly this phrase (lower case, single spaces). */
        Optional<Entry> get(String phrase) {
            return Optional.ofNullable(byPhrase.get(phrase));
        }

        /** True when the table has exactly this phrase. */
        boolean contains(String phrase) {
            return byPhrase.containsKey(phrase);
        }

        /** Every entry matching at {@code pos} and ending by {@code limit}, longest first. */
        List<Hit> at(List<Token> tokens, int pos, int limit) {
            if (pos >= limit) {
                return List.of();
            }
            Token first = tokens.get(pos);
            List<Hit> out = new ArrayList<>(2);
            addHits(byFirst.get(first.lower()), tokens, pos, limit, out);
            if (!first.lemma().equals(first.lower())) {
                addHits(byFirst.get(first.lemma()), tokens, pos, limit, out);
            }
            String singular = first.singular();
            if (!singular.equals(first.lower()) && !singular.equals(first.lemma())) {
                addHits(byFirst.get(singular), tokens, pos, limit, out);
            }
            addHits(wildFirst, tokens, pos, limit, out);
            if (out.size() > 1) {
                out.sort(Comparator.comparingInt((Hit h) -> h.end() - h.start()).reversed());
            }
            return out;
        }

        /** The longest entry matching at {@code pos}, if any. */
        Optional<Hit> longestAt(List<Token> tokens, int pos, int limit) {
            List<Hit> hits = at(tokens, pos, limit);
            return hits.isEmpty() ? Optional.empty() : Optional.of(hits.getFirst());
        }

        /**
         * The entry that best names a phrase {@code [from, to)}: the longest match, and among
         * equally long ones the rightmost (English puts the head last: "vegetarian food").
         */
        Optional<Hit> best(List<Token> tokens, int from, int to) {
            Hit best = null;
            for (int pos = to - 1; pos >= from; pos--) {
                Optional<Hit> hit = longestAt(tokens, pos, to);
                if (hit.isPresent() && (best == null
                        || hit.get().end() - hit.get().start() > best.end() - best.start())) {
                    best = hit.get();
                }
            }
            return Optional.ofNullable(best);
        }

        /** The entry matching furthest right inside {@code [from, to)}: a phrase's head. */
        Optional<Hit> rightmost(List<Token> tokens, int from, int to) {
            for (int pos = to - 1; pos >= from; pos--) {
                Optional<Hit> hit = longestAt(tokens, pos, to);
                if (hit.isPresent()) {
                    return hit;
                }
            }
            return Optional.empty();
        }

        /** True when some entry matches at {@code pos}. */
        boolean matchesAt(List<Token> tokens, int pos) {
            return !at(tokens, pos, tokens.size()).isEmpty();
        }

        private static void addHits(List<Entry> candidates, List<Token> tokens, int pos,
                int limit, List<Hit> out) {
            if (candidates == null) {
                return;
            }
            for (Entry e : candidates) {
                int end = pos + e.words().size();
                if (end > limit) {
                    continue;
                }
                boolean all = true;
                for (int i = 1; i < e.words().size() && all; i++) {
                    String word = e.words().get(i);
                    all = word.equals("_") || tokens.get(pos + i).is(word);
                }
                if (all && out.stream().noneMatch(h -> h.entry() == e)) {
                    out.add(new Hit(e, pos, end));
                }
            }
        }
    }
}
