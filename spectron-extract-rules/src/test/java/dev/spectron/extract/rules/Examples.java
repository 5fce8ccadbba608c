package dev.spectron.extract.rules;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.ExtractedFact.Polarity;
import dev.spectron.engine.spi.ExtractedFact.Tense;
import dev.spectron.engine.spi.ExtractedInstruction;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.ExtractionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Example lines, {@code [{scope}] sentence => expected}, and their check. EXPECTED is "nothing"
 * or ";"-separated items: {@code [type/name ]key=value}, {@code [type/name ]key->type/name},
 * {@code +directive}, {@code -target}, with optional flags {@code !negate}, {@code ~past},
 * {@code ~change}. The extraction must hold exactly the expected facts and directives.
 */
final class Examples {
    private Examples() {}

    /**
     * One example.
     *
     * @param env the scope marker, "" for {user}
     * @param text the sentence
     * @param expected what must be extracted, exactly
     */
    record Example(String env, String text, List<Item> expected) {
        ExtractionRequest request() {
            return Requests.forEnv(env, text);
        }

        @Override
        public String toString() {
            return (env.isEmpty() ? "" : "{" + env + "} ") + text;
        }
    }

    /** An expected fact or directive. */
    sealed interface Item {}

    /** An expected fact; {@code value} is the object's address for relations. */
    record Fact(String subject, String key, String value, boolean relation, Polarity polarity,
            Tense tense) implements Item {
        @Override
        public String toString() {
            return subject + " " + key + (relation ? "->" : "=") + value
                    + (polarity == Polarity.NEGATE ? " !negate" : "")
                    + (tense == Tense.CURRENT ? "" : " ~" + tense.name().toLowerCase());
        }
    }

    /** An expected directive. */
    record Directive(ExtractedInstruction.Action action, String text) implements Item {}

    static Example parse(String line) {
        int arrow = line.lastIndexOf("=>");
        if (arrow < 0) {
            throw new IllegalArgumentException("example without '=>': " + line);
        }
        String left = line.substring(0, arrow).strip();
        String env = "";
        if (left.startsWith("{")) {
            int close = left.indexOf('}');
            env = left.substring(1, close);
            left = left.substring(close + 1).strip();
        }
        List<Item> items = new ArrayList<>();
        String right = line.substring(arrow + 2).strip();
        if (!right.equals("nothing")) {
            for (String item : right.split(";")) {
                items.add(item(item.strip()));
            }
        }
        return new Example(env, left, items);
    }

    private static Item item(String text) {
        if (text.startsWith("+")) {
            return new Directive(ExtractedInstruction.Action.START, text.substring(1).strip());
        }
        if (text.startsWith("-")) {
            return new Directive(ExtractedInstruction.Action.STOP, text.substring(1).strip());
        }
        Polarity polarity = Polarity.AFFIRM;
        Tense tense = Tense.CURRENT;
        String body = text;
        while (true) {
            if (body.endsWith(" !negate")) {
                polarity = Polarity.NEGATE;
                body = body.substring(0, body.length() - 8).strip();
            } else if (body.endsWith(" ~past")) {
                tense = Tense.PAST;
                body = body.substring(0, body.length() - 6).strip();
            } else if (body.endsWith(" ~change")) {
                tense = Tense.CHANGE;
                body = body.substring(0, body.length() - 8).strip();
            } else {
                break;
            }
        }
        String subject = Requests.SAM.address();
        int space = body.indexOf(' ');
        int sep = body.indexOf('=');
        int rel = body.indexOf("->");
        int keyEnd = rel >= 0 && (sep < 0 || rel < sep) ? rel : sep;
        if (space > 0 && space < keyEnd && body.substring(0, space).contains("/")) {
            subject = body.substring(0, space);
            body = body.substring(space + 1).strip();
            sep = body.indexOf('=');
            rel = body.indexOf("->");
        }
        boolean relation = rel >= 0 && (sep < 0 || rel < sep);
        int at = relation ? rel : sep;
        return new Fact(subject, body.substring(0, at).strip(),
                body.substring(at + (relation ? 2 : 1)).strip(), relation, polarity, tense);
    }

    /** What is wrong with {@code actual} for this example, or empty when it is right. */
    static Optional<String> check(Example example, Extraction actual) {
        List<String> problems = new ArrayList<>();
        List<ExtractedFact> facts = new ArrayList<>(actual.facts());
        List<ExtractedInstruction> instructions = new ArrayList<>(actual.instructions());
        for (Item item : example.expected()) {
            switch (item) {
                case Fact f -> {
                    Optional<ExtractedFact> hit = facts.stream().filter(a -> matches(f, a))
                            .findFirst();
                    hit.ifPresentOrElse(facts::remove, () -> problems.add("missing " + f));
                }
                case Directive d -> {
                    Optional<ExtractedInstruction> hit = instructions.stream()
                            .filter(i -> i.action() == d.action() && same(d.text(),
                                    d.action() == ExtractedInstruction.Action.STOP
                                            ? i.target().orElse("") : i.text()))
                            .findFirst();
                    hit.ifPresentOrElse(instructions::remove,
                            () -> problems.add("missing directive " + d));
                }
            }
        }
        facts.forEach(f -> problems.add("unexpected " + describe(f)));
        instructions.forEach(i -> problems.add("unexpected directive " + i.action() + " '"
                + i.text() + "'"));
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(example + " => " + String.join("; ", problems));
    }

    static String describe(ExtractedFact f) {
        return f.subject().address() + " " + f.key()
                + (f.isRelation() ? "->" + f.object().get().address() : "=" + f.value())
                + (f.polarity() == Polarity.NEGATE ? " !negate" : "")
                + (f.tense() == Tense.CURRENT ? "" : " ~" + f.tense().name().toLowerCase());
    }

    private static boolean matches(Fact expected, ExtractedFact actual) {
        if (!actual.subject().address().equals(expected.subject())
                || !actual.key().equals(expected.key())
                || actual.polarity() != expected.polarity()
                || actual.tense() != expected.tense()
                || actual.isRelation() != expected.relation()) {
            return false;
        }
        return expected.relation()
                ? actual.object().get().equals(EntityKey.parse(expected.value()))
                : same(expected.value(), actual.value());
    }

    private static boolean same(String a, String b) {
        return comparable(a).equals(comparable(b));
    }

    private static String comparable(String value) {
        return EntityKey.normalize(value).replaceAll("[.!?,;:]+$", "").strip();
    }
}
