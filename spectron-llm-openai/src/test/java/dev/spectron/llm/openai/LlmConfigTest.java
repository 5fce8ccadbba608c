package dev.spectron.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void fromEnvironment_allVariables_readsEveryField() {
        LlmConfig config = LlmConfig.fromEnvironment(env("SPECTRON_LLM_BASE_URL",
                "http://127.0.0.1:11434/v1/", "SPECTRON_LLM_API_KEY", " sk-1 ",
                "SPECTRON_LLM_MODEL", "llama3.1:8b", "SPECTRON_LLM_TIMEOUT", "90",
                "SPECTRON_LLM_MAX_RETRIES", "4")::get);

        assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:11434/v1"));
        assertThat(config.apiKey()).contains("sk-1");
        assertThat(config.model()).isEqualTo("llama3.1:8b");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.maxRetries()).isEqualTo(4);
        assertThat(config.chatCompletionsUri())
                .isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
    }

    @Test
    void fromEnvironment_onlyRequired_usesDefaultsAndNoKey() {
        LlmConfig config = LlmConfig.fromEnvironment(env("SPECTRON_LLM_BASE_URL",
                "http://127.0.0.1:8080/v1", "SPECTRON_LLM_MODEL", "m",
                "SPECTRON_LLM_API_KEY", "  ")::get);

        assertThat(config.apiKey()).isEmpty();
        assertThat(config.timeout()).isEqualTo(LlmConfig.DEFAULT_TIMEOUT);
        assertThat(config.maxRetries()).isEqualTo(LlmConfig.DEFAULT_MAX_RETRIES);
    }

    @Test
    void chatCompletionsUri_baseUrlWithQuery_keepsQueryAfterPath() {
        LlmConfig config = LlmConfig.of(URI.create("https://127.0.0.1/openai/v1/?api-version=1"),
                "m");

        assertThat(config.baseUrl())
                .isEqualTo(URI.create("https://127.0.0.1/openai/v1?api-version=1"));
        assertThat(config.chatCompletionsUri()).isEqualTo(
                URI.create("https://127.0.0.1/openai/v1/chat/completions?api-version=1"));
    }

    @Test
    void fromEnvironment_isoTimeout_parsesDuration() {
        LlmConfig config = LlmConfig.fromEnvironment(env("SPECTRON_LLM_BASE_URL",
                "http://127.0.0.1:8080/v1", "SPECTRON_LLM_MODEL", "m",
                "SPECTRON_LLM_TIMEOUT", "PT2M")::get);

        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void fromEnvironment_missingBaseUrl_namesTheVariable() {
        assertThatThrownBy(() -> LlmConfig.fromEnvironment(env("SPECTRON_LLM_MODEL", "m")::get))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("SPECTRON_LLM_BASE_URL"))
                .hasMessageContaining("must be set");
    }

    @Test
    void fromEnvironment_missingModel_namesTheVariable() {
        assertThatThrownBy(() -> LlmConfig.fromEnvironment(env("SPECTRON_LLM_BASE_URL",
                "http://127.0.0.1:8080/v1")::get))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("SPECTRON_LLM_MODEL"));
    }

    @Test
    void fromEnvironment_relativeOrNonHttpUrl_isRejectedWithExample() {
        for (String url : new String[] {"localhost:11434", "ftp://127.0.0.1/v1", "/v1",
                "http://127.0.0.1/v1#top", "http://me:pw@127.0.0.1/v1", "http ://bad"}) {
            assertThatThrownBy(() -> LlmConfig.fromEnvironment(env("SPECTRON_LLM_BASE_URL", url,
                    "SPECTRON_LLM_MODEL", "m")::get))
                    .as(url)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("SPECTRON_LLM_BASE_URL"));
        }
    }

    @Test
    void fromEnvironment_badTimeoutOrRetries_namesTheVariable() {
        Map<String, String> base = env("SPECTRON_LLM_BASE_URL", "http://127.0.0.1:1/v1",
                "SPECTRON_LLM_MODEL", "m");
        for (String[] bad : new String[][] {{"SPECTRON_LLM_TIMEOUT", "soon"},
                {"SPECTRON_LLM_TIMEOUT", "0"}, {"SPECTRON_LLM_MAX_RETRIES", "-1"},
                {"SPECTRON_LLM_MAX_RETRIES", "11"}, {"SPECTRON_LLM_MAX_RETRIES", "two"}}) {
            Map<String, String> env = new HashMap<>(base);
            env.put(bad[0], bad[1]);
            assertThatThrownBy(() -> LlmConfig.fromEnvironment(env::get))
                    .as(bad[0] + "=" + bad[1])
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo(bad[0]));
        }
    }

    @Test
    void constructor_blankModelOrZeroTimeout_isRejected() {
        URI url = URI.create("http://127.0.0.1:1/v1");
        assertThatThrownBy(() -> new LlmConfig(url, Optional.empty(), " ", Duration.ofSeconds(1),
                0)).hasMessageContaining("llm.model");
        assertThatThrownBy(() -> new LlmConfig(url, Optional.empty(), "m", Duration.ZERO, 0))
                .hasMessageContaining("llm.timeout");
    }

    @Test
    void toString_withApiKey_hidesTheKey() {
        LlmConfig config = LlmConfig.of(URI.create("http://127.0.0.1:1/v1"), "m")
                .withApiKey("sk-secret");

        assertThat(config.toString()).doesNotContain("sk-secret").contains("apiKey=***");
    }
}
