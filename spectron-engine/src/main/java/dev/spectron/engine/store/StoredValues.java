package dev.spectron.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spectron.api.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Column encodings every store shares: JSON text for metadata and provenance, and vectors as
 * little-endian float32 bytes. Stateless and thread-safe.
 */
public final class StoredValues {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    /** Resolved once: recall reads a metadata object per hit. */
    private static final ObjectReader OBJECT_READER = JSON.readerFor(OBJECT);
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() {};

    private StoredValues() {}

    /**
     * Free JSON as text.
     *
     * @throws InvalidInputException naming {@code field} when a value cannot be written as JSON
     */
    public static String json(Object value, String field) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "must be JSON: " + e.getOriginalMessage());
        }
    }

    /** A JSON object read back: nested maps, lists, strings, numbers, booleans and nulls. */
    public static Map<String, Object> jsonObject(String text) {
        try {
            return OBJECT_READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON array read back, its elements as {@link #jsonObject} reads values. */
    public static List<Object> jsonArray(String text) {
        try {
            return JSON.readValue(text, ARRAY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** A vector as little-endian IEEE-754 float32, 4 bytes per dimension. */
    public static byte[] vector(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    public static float[] vector(byte[] data) {
        float[] vector = new float[data.length / Float.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
