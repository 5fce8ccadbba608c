package dev.spectron.extract.rules;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractedFact;
import dev.spectron.engine.spi.KeyRegistry;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Stage 8: canonical keys and the final fact. Keys go through the {@link KeyRegistry}
 * ({@code favorite_film} → {@code favorite_movie}); a label a type does not use is renamed
 * ({@code [retype]}: an organization is {@code located_in}, not {@code lives_in}); a relation's
 * value becomes its object entity, typed by {@code [objtype]} or the lexicon entry; values of
 * keys listed in {@code [shape]} are cut to a number ({@code age}: "34") or a quantity
 * ({@code return_window}: "30 days").
 */
final class KeyCanonicalizer {
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final java.util.regex.Pattern QUANTITY = java.util.regex.Pattern.compile(
            "(\\d+(?:[.,]\\d+)?(?:\\s*(?:to|-|–)\\s*\\d+(?:[.,]\\d+)?)?)");

    private final KeyRegistry registry;
    private final Lexicon.Table retype;
    private final Lexicon.Table objectTypes;
    private final Lexicon.Table shapes;
    private final Lexicon.Table units;

    KeyCanonicalizer(Lexicon lexicon, KeyRegistry registry) {
        this.registry = registry;
        this.retype = lexicon.table("retype");
        this.objectTypes = lexicon.table("objtype");
        this.shapes = lexicon.table("shape");
        this.units = lexicon.table("unit");
    }

    Optional<ExtractedFact> canonical(SubjectResolver.Resolved resolved) {
        Candidate c = resolved.candidate();
        EntityKey subject = resolved.subject();
        String key = registry.canonical(c.key());
        key = retype.get(subject.type() + " " + key).map(e -> e.column(0)).orElse(key);
        if (key.isEmpty() || c.value().isBlank()) {
            return Optional.empty();
        }
        Optional<EntityKey> object = Optional.empty();
        String value = c.value();
        if (registry.isRelation(key)) {
            String type = c.objectType().orElseGet(() -> objectTypes.get(registry.canonical(
                    c.key())).or(() -> objectTypes.get(c.key())).map(e -> e.column(0))
                    .orElse("other"));
            object = SubjectResolver.entity(type, value);
            if (object.isEmpty() || object.get().equals(subject)) {
                return Optional.empty();
            }
        } else {
            value = shape(key, value);
            if (value.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ExtractedFact(subject, key, value, object,
                c.polarity().orElse(ExtractedFact.Polarity.AFFIRM),
                c.tense().orElse(ExtractedFact.Tense.CURRENT), c.validFrom(), c.validUntil(),
                Math.min(1.0, c.confidence()), c.span()));
    }

    private String shape(String key, String value) {
        String shape = shapes.get(key).map(e -> e.column(0)).orElse("");
        return switch (shape) {
            case "num" -> {
                Matcher m = NUMBER.matcher(value);
                yield m.find() ? m.group() : value;
            }
            case "qty" -> quantity(value);
            default -> value;
        };
    }

    /** "30 days from delivery" → "30 days"; "45 minute" → "45 minutes"; "3-5 business days". */
    private String quantity(String value) {
        Matcher m = QUANTITY.matcher(value);
        if (!m.find()) {
            return value;
        }
        String number = m.group(1).replaceAll("\\s+", " ");
        String[] words = value.substring(m.end(1)).strip().split("[\\s-]+");
        for (int n = Math.min(2, words.length); n >= 1; n--) {
            String unit = singular(String.join(" ", java.util.Arrays.copyOf(words, n)));
            if (!unit.isEmpty() && units.contains(unit)) {
                return number + " " + (number.equals("1") ? unit : plural(unit));
            }
        }
        return number;
    }

    private static String singular(String unit) {
        String u = unit.toLowerCase(java.util.Locale.ROOT);
        return u.length() > 3 && u.endsWith("s") && !u.endsWith("ss")
                ? u.substring(0, u.length() - 1) : u;
    }

    private static String plural(String unit) {
        return unit.endsWith("s") ? unit : unit + "s";
    }
}
