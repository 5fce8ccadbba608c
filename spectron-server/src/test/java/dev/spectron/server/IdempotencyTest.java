package dev.spectron.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdempotencyTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/acme/remember|acme",
        "/api/v1/acme/sessions/s1/turns|acme",
        "/api/v1/contexts|''",
        "/api/v1/contexts/acme/keys|acme",
        "/api/v1/contexts/acme|acme",
        "/health|''"
    })
    void context_ofAPath_isTheContextItAddresses(String path, String context) {
        assertThat(Idempotency.context(path)).isEqualTo(context);
    }
}
