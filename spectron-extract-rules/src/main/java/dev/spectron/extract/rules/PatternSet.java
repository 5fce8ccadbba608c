package dev.spectron.extract.rules;

import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The statement patterns of {@code patterns.txt}, in file order (earlier patterns win ties).
 * Format, one block per pattern:
 * <pre>
 * pattern pref.prefer conf=0.9
 *   match   SUBJ ~ prefer [OBJ] ((over|to|rather than) [ALT])?
 *   fact    SUBJ {@literal @}pref OBJ
 *   example I prefer tea over coffee. =&gt; drink_preference=tea
 * </pre>
 * Options ({@code conf=}, {@code tense=current|past|change}, {@code polarity=affirm|negate},
 * {@code questions}) go on the {@code pattern} line or after a {@code fact}. Facts name a subject
 * (a slot, or SELF, GROUP, ADDRESSEE, ORG), a key ({@code likes}, {@code @table},
 * {@code @table(SLOT)}, {@code favorite_{K}}) and a value (a slot or {@code "literal"}).
 * {@code start SLOT} and {@code stop SLOT} yield directives. Immutable and thread-safe.
 */
final class PatternSet {
    static final String RESOURCE = "/dev/spectron/extract/rules/patterns.txt";
    private static final Set<String> SUBJECTS = Set.of("SELF", "GROUP", "ADDRESSEE", "ORG");
    private static final java.util.regex.Pattern FACT = java.util.regex.Pattern.compile(
            "(\\S+)\\s+(\\S+)\\s+(\"[^\"]*\"|\\S+)(.*)");

    private final List<Pattern> patterns;

    private PatternSet(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    static PatternSet builtIn(Lexicon lexicon) {
        try (InputStream in = PatternSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), lexicon);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses pattern text.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    static PatternSet parse(String text, Lexicon lexicon) {
        List<Pattern> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Builder current = null;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] head = line.split("\\s+", 2);
            String rest = head.length > 1 ? head[1].strip() : "";
            try {
                if (head[0].equals("pattern")) {
                    if (current != null) {
                        out.add(current.build(lexicon));
                    }
                    String[] parts = rest.split("\\s+", 2);
                    if (!ids.add(parts[0])) {
                        throw new IllegalArgumentException("duplicate pattern id " + parts[0]);
                    }
                    current = new Builder(parts[0], n + 1,
                            options(parts.length > 1 ? parts[1] : ""));
                } else if (current == null) {
                    throw new IllegalArgumentException("'" + head[0] + "' before any pattern");
                } else {
                    current.add(head[0], rest);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("patterns line " + (n + 1) + ": "
                        + e.getMessage(), e);
            }
        }
        if (current != null) {
            out.add(current.build(lexicon));
        }
        return new PatternSet(out);
    }

    List<Pattern> patterns() {
        return patterns;
    }

    static Pattern.Options options(String text) {
        Pattern.Options out = Pattern.Options.NONE;
        for (String option : text.strip().split("\\s+")) {
            if (option.isEmpty()) {
                continue;
            }
            String[] kv = option.split("=", 2);
            String value = kv.length > 1 ? kv[1].toUpperCase(Locale.ROOT) : "";
            out = out.with(switch (kv[0]) {
                case "conf" -> new Pattern.Options(OptionalDouble.of(Double.parseDouble(kv[1])),
                        Optional.empty(), Optional.empty(), false);
                case "tense" -> new Pattern.Options(OptionalDouble.empty(),
                        Optional.of(Tense.valueOf(value)), Optional.empty(), false);
                case "polarity" -> new Pattern.Options(OptionalDouble.empty(), Optional.empty(),
                        Optional.of(Polarity.valueOf(value)), false);
                case "questions" -> new Pattern.Options(OptionalDouble.empty(), Optional.empty(),
                        Optional.empty(), true);
                default -> throw new IllegalArgumentException("unknown option " + option);
            });
        }
        return out;
    }

    private static final class Builder {
        private final String id;
        private final int line;
        private final Pattern.Options options;
        private String match;
        private final List<String> factLines = new ArrayList<>();
        private final List<Pattern.InstructionTemplate> instructions = new ArrayList<>();
        private final List<String> examples = new ArrayList<>();

        Builder(String id, int line, Pattern.Options options) {
            this.id = id;
            this.line = line;
            this.options = options;
        }

        void add(String keyword, String rest) {
            switch (keyword) {
                case "match" -> {
                    if (match != null) {
                        throw new IllegalArgumentException(id + " has two match lines");
                    }
                    match = rest;
                }
                case "fact" -> factLines.add(rest);
                case "start" -> instructions.add(
                        new Pattern.InstructionTemplate(Action.START, rest));
                case "stop" -> instructions.add(new Pattern.InstructionTemplate(Action.STOP, rest));
                case "example" -> examples.add(rest);
                default -> throw new IllegalArgumentException("unknown keyword '" + keyword
                        + "' (expected match, fact, start, stop or example)");
            }
        }

        Pattern build(Lexicon lexicon) {
            try {
                return buildChecked(lexicon);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pattern " + id + " (patterns line " + line
                        + "): " + e.getMessage(), e);
            }
        }

        private Pattern buildChecked(Lexicon lexicon) {
            if (match == null) {
                throw new IllegalArgumentException(id + " has no match line");
            }
            if (factLines.isEmpty() && instructions.isEmpty()) {
                throw new IllegalArgumentException(id + " yields nothing (no fact, start, stop)");
            }
            PatternNode node = PatternParser.parse(match, lexicon);
            List<String> slots = PatternParser.slots(match, lexicon);
            List<Pattern.FactTemplate> facts = new ArrayList<>();
            for (String line : factLines) {
                facts.add(fact(line, slots, lexicon));
            }
            for (Pattern.InstructionTemplate i : instructions) {
                requireSlot(i.slot(), slots);
            }
            return new Pattern(id, match, node, facts, instructions, options, examples);
        }

        private Pattern.FactTemplate fact(String line, List<String> slots, Lexicon lexicon) {
            Matcher m = FACT.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(id + ": a fact is 'SUBJECT KEY VALUE', got '"
                        + line + "'");
            }
            String subject = m.group(1);
            if (!SUBJECTS.contains(subject)) {
                requireSlot(subject, slots);
            }
            Pattern.ValueExpr value = m.group(3).startsWith("\"")
                    ? new Pattern.ValueExpr.Literal(m.group(3).substring(1,
                            m.group(3).length() - 1))
                    : new Pattern.ValueExpr.FromSlot(requireSlot(m.group(3), slots));
            return new Pattern.FactTemplate(subject, key(m.group(2), slots, lexicon), value,
                    options(m.group(4)));
        }

        private Pattern.KeyExpr key(String text, List<String> slots, Lexicon lexicon) {
            if (text.startsWith("@")) {
                int paren = text.indexOf('(');
                String table = paren < 0 ? text.substring(1) : text.substring(1, paren);
                lexicon.table(table);
                Optional<String> slot = paren < 0 ? Optional.empty()
                        : Optional.of(requireSlot(text.substring(paren + 1,
                                text.length() - 1), slots));
                return new Pattern.KeyExpr.Lookup(table, slot);
            }
            int open = text.indexOf('{');
            if (open >= 0) {
                int close = text.indexOf('}', open);
                return new Pattern.KeyExpr.Template(text.substring(0, open),
                        requireSlot(text.substring(open + 1, close), slots),
                        text.substring(close + 1));
            }
            if (!text.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(id + ": key '" + text + "' is not snake_case");
            }
            return new Pattern.KeyExpr.Fixed(text);
        }

        private String requireSlot(String slot, List<String> slots) {
            if (!slots.contains(slot)) {
                throw new IllegalArgumentException(id + " uses slot " + slot
                        + " that its match line does not capture (has " + slots + ")");
            }
            return slot;
        }
    }
}
