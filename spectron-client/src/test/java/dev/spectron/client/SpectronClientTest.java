package dev.spectron.client;

import static dev.spectron.client.WireSamples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.SpectronException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpectronClientTest {
    @TempDir
    Path home;

    @Test
    void build_defaults_usesLocalServerAndDefaultContext() {
        try (SpectronClient client = SpectronClient.builder().build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9090"));
            assertThat(client.context()).isEqualTo("default");
            assertThat(client.memory().context()).isEqualTo("default");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9090/,              http://127.0.0.1:9090",
        "  HTTPS://mem.example.com//  ,       https://mem.example.com",
        "https://mem.example.com/spectron/,   https://mem.example.com/spectron",
        "http://[::1]:9090,                   http://[::1]:9090",
    })
    void baseUrl_acceptedForms_areNormalised(String given, String expected) {
        try (SpectronClient client = SpectronClient.builder().baseUrl(given).build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create(expected));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:9090             | must start with http:// or https://",
        "127.0.0.1:9090             | is not a valid URL",
        "ftp://host                 | must start with http:// or https://",
        "http://                    | is not a valid URL",
        "http://bad_host:9090       | has no valid host name",
        "http://user:pw@host:9090   | must not carry user info",
        "http://host:9090/?x=1      | must not have a query or fragment",
        "http://host:9090/api/v1    | without the API path",
        "http://host/api/v1/default | without the API path",
        "'  '                       | must not be blank",
    })
    void baseUrl_invalid_throwsSayingWhatIsWrong(String given, String problem) {
        assertThatThrownBy(() -> SpectronClient.builder().baseUrl(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void builder_invalidSettings_throwNamingTheSetting() {
        SpectronClient.Builder builder = SpectronClient.builder();

        assertThatThrownBy(() -> builder.apiKey("spk_a_b\n")).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> builder.apiKey("")).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> builder.context(" ")).hasMessageContaining("context");
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO))
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> builder.baseUrl(null)).hasMessageContaining("baseUrl");
    }

    @Test
    void memory_blankContext_throws() {
        try (SpectronClient client = SpectronClient.builder().build()) {
            assertThatThrownBy(() -> client.memory(""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("context");
        }
    }

    @Test
    void toString_withApiKey_neverShowsTheKey() {
        try (SpectronClient client = SpectronClient.builder().apiKey("spk_id_secret").build()) {
            assertThat(client.toString()).contains("127.0.0.1:9090").doesNotContain("secret");
            assertThat(client.memory().toString()).doesNotContain("secret");
        }
    }

    @Test
    void fromEnvironment_variablesSet_usesThem() {
        Map<String, String> env = Map.of("SPECTRON_URL", "http://10.0.0.5:8080",
                "SPECTRON_API_KEY", "spk_env_key", "SPECTRON_CONTEXT", "team");

        try (SpectronClient client = EnvironmentSettings.builder(env::get, home).build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create("http://10.0.0.5:8080"));
            assertThat(client.context()).isEqualTo("team");
        }
    }

    @Test
    void fromEnvironment_nothingSet_usesDefaults() {
        try (SpectronClient client = EnvironmentSettings.builder(name -> null, home).build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create(SpectronClient.DEFAULT_URL));
            assertThat(client.context()).isEqualTo("default");
        }
    }

    @Test
    void fromEnvironment_noKeyButCredentialsInHome_sendsTheirKeyToTheirContext()
            throws Exception {
        Files.createDirectories(home.resolve(".spectron"));
        Files.writeString(home.resolve(".spectron/credentials.json"),
                json("{'context':'home','apiKey':'spk_home_key','managementKey':'spk_m_k'}"));

        try (FakeServer server = FakeServer.start()) {
            server.json(200, json("{'turns':[]}"));
            Map<String, String> env = Map.of("SPECTRON_URL", server.url());
            try (SpectronClient client = EnvironmentSettings.builder(env::get, home).build()) {
                client.memory().turns("s1");

                FakeServer.Request sent = server.take();
                assertThat(sent.rawPath()).isEqualTo("/api/v1/home/sessions/s1/turns");
                assertThat(sent.header("Authorization")).isEqualTo("Bearer spk_home_key");
            }
        }
    }

    @Test
    void fromEnvironment_spectronDataAndContextSet_readsKeyThereAndKeepsContext()
            throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.writeString(data.resolve("credentials.json"),
                json("{'context':'default','apiKey':'spk_data_key'}"));
        Map<String, String> env = Map.of("SPECTRON_DATA", data.toString(),
                "SPECTRON_CONTEXT", "other");

        try (SpectronClient client = EnvironmentSettings.builder(env::get, home).build()) {
            assertThat(client.context()).isEqualTo("other");
        }
    }

    @Test
    void fromEnvironment_malformedCredentials_throwsNamingTheFile() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.writeString(data.resolve("credentials.json"), "[1, 2]");
        Map<String, String> env = Map.of("SPECTRON_DATA", data.toString());

        assertThatThrownBy(() -> EnvironmentSettings.builder(env::get, home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(data.resolve("credentials.json").toString());
    }

    @Test
    void fromEnvironment_invalidUrl_throwsSayingWhatIsWrong() {
        Map<String, String> env = Map.of("SPECTRON_URL", "localhost:9090");

        assertThatThrownBy(() -> EnvironmentSettings.builder(env::get, home))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }

    @Test
    void health_serverUp_returnsStatusWithoutSendingTheKey() throws Exception {
        try (FakeServer server = FakeServer.start();
                SpectronClient client = SpectronClient.builder().baseUrl(server.url() + "/")
                        .apiKey("spk_a_b").build()) {
            server.json(200, json("{'status':'ok','version':'0.1.0','store':'sqlite'}"));

            HealthStatus health = client.health();

            FakeServer.Request sent = server.take();
            assertThat(sent.method()).isEqualTo("GET");
            assertThat(sent.rawPath()).isEqualTo("/health");
            assertThat(sent.header("Authorization")).isNull();
            assertThat(health.isOk()).isTrue();
            assertThat(health.details()).containsEntry("version", "0.1.0")
                    .doesNotContainKey("status");
        }
    }

    @Test
    void health_serverReportsDegradedWith503_returnsTheStatus() throws Exception {
        try (FakeServer server = FakeServer.start();
                SpectronClient client = SpectronClient.builder().baseUrl(server.url()).build()) {
            server.json(503, json("{'status':'degraded','store':'locked'}"));

            HealthStatus health = client.health();

            assertThat(health.isOk()).isFalse();
            assertThat(health.status()).isEqualTo("degraded");
        }
    }

    @Test
    void health_proxyPage_throwsDescribingTheAnswer() throws Exception {
        try (FakeServer server = FakeServer.start();
                SpectronClient client = SpectronClient.builder().baseUrl(server.url()).build()) {
            server.answer(404, "text/html", "<h1>Not Found</h1>", Map.of());

            assertThatThrownBy(client::health)
                    .isInstanceOf(SpectronException.class)
                    .hasMessageContaining("GET " + server.url() + "/health answered HTTP 404")
                    .hasMessageContaining("Not Found");
        }
    }
}
