package dev.spectron.extract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the pattern notation of {@code patterns.txt}:
 * <pre>
 *   prefer          a word, matched by lemma, word or singular
 *   "eats"          a word exactly as written
 *   {NOUN}          a part-of-speech tag (Universal Dependencies)
 *   {@literal @}diet           any phrase of lexicon table [diet]
 *   {@literal @}kin/animal     a phrase of table [kin] that has a column "animal"
 *   _               any one word
 *   &lt;np&gt;            a noun phrase          &lt;name&gt;  a name (any noun if lower case)
 *   &lt;cap&gt;           a capitalised name     &lt;num&gt;   a number
 *   &lt;qty&gt;           a number and unit      &lt;rest&gt;  the rest of the clause
 *   &lt;nn&gt;            a short noun compound  &lt;subj&gt;  a subject   &lt;poss&gt;  an owner
 *   &lt;np@role&gt;       a noun phrase headed by a phrase of table [role]
 *   [OBJ x y]       capture what x y match as slot OBJ; [OBJ] alone captures a noun phrase
 *   SUBJ, POSS      [SUBJ &lt;subj&gt;], [SUBJ &lt;poss&gt;]
 *   ( a | b c )     alternatives, tried in order
 *   x?  x*  x+      optional, any number, at least one (greedy, backtracking)
 *   !x              x must not match here (consumes nothing)
 *   ~               gap words between subject and verb ("don't", "also", "no longer")
 *   ^  $            start, end of the clause
 * </pre>
 */
final class PatternParser {
    private static final Set<String> CHUNKS = Set.of("np", "name", "cap", "num", "qty", "rest",
            "nn", "subj", "poss");
    private static final Set<String> TAGS = Set.of("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET",
            "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X");
    private static final String SPECIAL = "()|?*+[]!~^$";

    private final Lexicon lexicon;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> slots = new ArrayList<>();
    private int pos;

    private PatternParser(Lexicon lexicon, String source) {
        this.lexicon = lexicon;
        lex(source);
    }

    /**
     * The pattern tree of {@code source}.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    static PatternNode parse(String source, Lexicon lexicon) {
        PatternParser parser = new PatternParser(lexicon, source);
        PatternNode node = parser.alternatives();
        if (parser.pos < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.pos) + "'");
        }
        return node;
    }

    /** The slot names a pattern captures, in order of appearance. */
    static List<String> slots(String source, Lexicon lexicon) {
        PatternParser parser = new PatternParser(lexicon, source);
        parser.alternatives();
        return List.copyOf(parser.slots);
    }

    private PatternNode alternatives() {
        List<PatternNode> options = new ArrayList<>();
        options.add(sequence());
        while (peek("|")) {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.getFirst() : new PatternNode.Alt(options);
    }

    private PatternNode sequence() {
        List<PatternNode> items = new ArrayList<>();
        while (pos < tokens.size() && !peek(")") && !peek("]") && !peek("|")) {
            items.add(unary());
        }
        return items.size() == 1 ? items.getFirst() : new PatternNode.Seq(items);
    }

    private PatternNode unary() {
        if (peek("!")) {
            pos++;
            return new PatternNode.Not(unary());
        }
        PatternNode node = atom();
        while (peek("?") || peek("*") || peek("+")) {
            String op = tokens.get(pos++);
            node = switch (op) {
                case "?" -> new PatternNode.Repeat(node, 0, 1);
                case "*" -> new PatternNode.Repeat(node, 0, Integer.MAX_VALUE);
                default -> new PatternNode.Repeat(node, 1, Integer.MAX_VALUE);
            };
        }
        return node;
    }

    private PatternNode atom() {
        if (pos >= tokens.size()) {
            throw error("pattern ends too early");
        }
        String t = tokens.get(pos++);
        switch (t) {
            case "(" -> {
                PatternNode inner = alternatives();
                expect(")");
                return inner;
            }
            case "[" -> {
                return slot();
            }
            case "~" -> {
                return new PatternNode.Filler();
            }
            case "^" -> {
                return new PatternNode.Start();
            }
            case "$" -> {
                return new PatternNode.End();
            }
            case "SUBJ" -> {
                slots.add("SUBJ");
                return new PatternNode.Slot("SUBJ", new PatternNode.Chunk("subj", ""));
            }
            case "POSS" -> {
                slots.add("SUBJ");
                return new PatternNode.Slot("SUBJ", new PatternNode.Chunk("poss", ""));
            }
            default -> {
                return word(t);
            }
        }
    }

    private PatternNode slot() {
        if (pos >= tokens.size() || !tokens.get(pos).matches("[A-Z][A-Z0-9_]*")) {
            throw error("a slot needs an upper-case name: [OBJ …]");
        }
        String name = tokens.get(pos++);
        slots.add(name);
        PatternNode inner = peek("]") ? new PatternNode.Chunk("np", "") : alternatives();
        expect("]");
        return new PatternNode.Slot(name, inner);
    }

    private PatternNode word(String t) {
        if (t.length() > 1 && t.startsWith("\"") && t.endsWith("\"")) {
            return new PatternNode.Surface(t.substring(1, t.length() - 1).toLowerCase(Locale.ROOT));
        }
        if (t.startsWith("{") && t.endsWith("}")) {
            String tag = t.substring(1, t.length() - 1);
            if (!TAGS.contains(tag)) {
                throw error("unknown tag {" + tag + "}");
            }
            return new PatternNode.Tag(tag);
        }
        if (t.startsWith("@")) {
            String[] parts = t.substring(1).split("/", 2);
            return new PatternNode.TableRef(table(parts[0]), parts.length == 2 ? parts[1] : "");
        }
        if (t.equals("_")) {
            return new PatternNode.Any();
        }
        if (t.startsWith("<") && t.endsWith(">")) {
            String[] kind = t.substring(1, t.length() - 1).split("@", 2);
            if (!CHUNKS.contains(kind[0])) {
                throw error("unknown primitive " + t);
            }
            return new PatternNode.Chunk(kind[0], kind.length == 2 ? table(kind[1]) : "");
        }
        if (!t.equals(t.toLowerCase(Locale.ROOT))) {
            throw error("'" + t + "': words are lower case; slots are written [" + t + " …]");
        }
        return new PatternNode.Word(t);
    }

    private String table(String name) {
        if (!lexicon.has(name)) {
            throw error("no lexicon table [" + name + "]");
        }
        return name;
    }

    private void expect(String token) {
        if (!peek(token)) {
            throw error("expected '" + token + "'");
        }
        pos++;
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at element " + (pos + 1) + " of: "
                + String.join(" ", tokens));
    }

    private void lex(String source) {
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = source.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed quote in: " + source);
                }
                tokens.add(source.substring(i, close + 1));
                i = close + 1;
            } else if (c == '{' || c == '<') {
                int close = source.indexOf(c == '{' ? '}' : '>', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed " + c + " in: " + source);
                }
                tokens.add(source.substring(i, close + 1));
                i = close + 1;
            } else if (SPECIAL.indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < source.length() && !Character.isWhitespace(source.charAt(i))
                        && SPECIAL.indexOf(source.charAt(i)) < 0 && source.charAt(i) != '"') {
                    i++;
                }
                tokens.add(source.substring(start, i));
            }
        }
    }
}
