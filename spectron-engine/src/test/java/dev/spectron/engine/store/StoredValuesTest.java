package dev.spectron.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredValuesTest {
    @Test
    void vector_knownValues_littleEndianFloat32() {
        assertThat(StoredValues.vector(new float[] {1f, -2f}))
                .containsExactly(0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0);
    }

    @Test
    void vector_specialValues_roundTripBitForBit() {
        float[] vector = {0f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE,
            Float.NEGATIVE_INFINITY};
        assertThat(StoredValues.vector(StoredValues.vector(vector))).containsExactly(vector);
    }

    @Test
    void json_valueThatIsNotJson_throwsInvalidInputNamingField() {
        assertThatThrownBy(() -> StoredValues.json(Map.of("x", new Object()), "metadata"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("metadata:");
    }
}
