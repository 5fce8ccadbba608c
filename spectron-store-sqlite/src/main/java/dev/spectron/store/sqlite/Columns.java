package dev.spectron.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spectron.api.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How values are written to and read from columns. Stateless and thread-safe. */
final class Columns {
    /**
     * Fixed-width UTC text with nine fractional digits: lossless for {@link Instant} and sorted
     * correctly by text comparison, so {@code ORDER BY created_at} needs no conversion.
     */
    private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z')
            .toFormatter(Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() {};

    private Columns() {}

    static String instant(Instant at) {
        return INSTANT.format(at);
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }

    static String instant(Optional<Instant> at) {
        return at.map(Columns::instant).orElse(null);
    }

    static Optional<Instant> optionalInstant(String text) {
        return Optional.ofNullable(text).map(Columns::instant);
    }

    /**
     * Free JSON as text.
     *
     * @throws InvalidInputException naming {@code field} when a value cannot be written as JSON
     */
    static String json(Object value, String field) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "must be JSON: " + e.getOriginalMessage());
        }
    }

    /** A JSON object read back: nested maps, lists, strings, numbers, booleans and nulls. */
    static Map<String, Object> jsonObject(String text) {
        try {
            return JSON.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON array read back, its elements as {@link #jsonObject} reads values. */
    static List<Object> jsonArray(String text) {
        try {
            return JSON.readValue(text, ARRAY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** A vector as little-endian IEEE-754 float32, 4 bytes per dimension. */
    static byte[] vector(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    static float[] vector(byte[] data) {
        float[] vector = new float[data.length / Float.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
