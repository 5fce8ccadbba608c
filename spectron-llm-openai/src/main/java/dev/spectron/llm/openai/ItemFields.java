package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Strict readers of one field of an item of the model's answer: each returns the value or throws
 * {@link MalformedItem} saying what was wrong, so that the item can be dropped with a reason.
 */
final class ItemFields {
    private ItemFields() {}

    /** Why an item is dropped. No stack trace: it is an expected outcome, not a bug. */
    static final class MalformedItem extends Exception {
        MalformedItem(String reason) {
            super(reason, null, false, false);
        }
    }

    static void requireObject(JsonNode item, String what) throws MalformedItem {
        if (item == null || !item.isObject()) {
            throw new MalformedItem("must be " + what + " object, got " + kind(item));
        }
    }

    /** A string field, stripped; empty allowed unless {@code nonEmpty}. */
    static String text(JsonNode item, String field, boolean nonEmpty) throws MalformedItem {
        JsonNode node = item.get(field);
        if (node == null || !node.isTextual()) {
            throw new MalformedItem(field + " must be a string, got " + kind(node));
        }
        String text = node.asText().strip();
        if (nonEmpty && text.isEmpty()) {
            throw new MalformedItem(field + " must not be empty");
        }
        return text;
    }

    static Optional<String> nullableText(JsonNode item, String field) throws MalformedItem {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(item, field, false)).filter(t -> !t.isEmpty());
    }

    static <E extends Enum<E>> E choice(JsonNode item, String field, Class<E> type)
            throws MalformedItem {
        JsonNode node = item.get(field);
        if (node != null && node.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(node.asText().strip())) {
                    return constant;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new MalformedItem(field + " must be one of " + String.join(", ", names) + ", got "
                + kind(node));
    }

    static double confidence(JsonNode item) throws MalformedItem {
        JsonNode node = item.get("confidence");
        if (node == null || !node.isNumber()) {
            throw new MalformedItem("confidence must be a number, got " + kind(node));
        }
        double confidence = node.asDouble();
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new MalformedItem("confidence must be between 0 and 1, got " + confidence);
        }
        return confidence;
    }

    /** An ISO date, month, year or date-time; null or absent for none. */
    static Optional<Instant> date(JsonNode item, String field) throws MalformedItem {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new MalformedItem(field + " must be a date string or null, got " + kind(node));
        }
        String text = node.asText().strip();
        try {
            return Optional.of(switch (text.length()) {
                case 4 -> Year.parse(text).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                case 7 -> YearMonth.parse(text).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                case 10 -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                default -> OffsetDateTime.parse(text).toInstant();
            });
        } catch (DateTimeException e) {
            throw new MalformedItem(field + " must be YYYY-MM-DD, got '" + text + "'");
        }
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
