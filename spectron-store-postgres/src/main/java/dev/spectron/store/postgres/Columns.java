package dev.spectron.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spectron.api.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How values are written to and read from columns. Stateless and thread-safe. */
final class Columns {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() {};

    private Columns() {}

    /**
     * Binds an instant as {@code timestamptz}. PostgreSQL keeps microseconds; finer digits are
     * truncated here rather than rounded by the driver (which could carry into the next second).
     */
    static void instant(PreparedStatement st, int index, Instant at) throws SQLException {
        st.setObject(index, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS),
                ZoneOffset.UTC));
    }

    /** Binds an optional instant, SQL NULL when empty. */
    static void instant(PreparedStatement st, int index, Optional<Instant> at)
            throws SQLException {
        if (at.isPresent()) {
            instant(st, index, at.get());
        } else {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** A {@code timestamptz} column that is never NULL. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
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

    /** A {@code text[]} column as a list; never null for a NOT NULL column. */
    static List<String> textList(ResultSet row, String column) throws SQLException {
        java.sql.Array array = row.getArray(column);
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
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
