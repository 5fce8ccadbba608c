package dev.spectron.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.SpectronException;
import dev.spectron.llm.openai.OpenAiCompatibleClient.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleClientIT {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final List<Message> MESSAGES =
            List.of(Message.system("be brief"), Message.user("hello"));
    private static final ObjectNode SCHEMA = new ObjectMapper().createObjectNode()
            .put("type", "object");

    private static FakeChatServer server;
    private RecordingSleeper sleeper;

    @BeforeAll
    static void startServer() throws IOException {
        server = FakeChatServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
        sleeper = new RecordingSleeper();
    }

    private OpenAiCompatibleClient client(LlmConfig config) {
        return new OpenAiCompatibleClient(config, sleeper, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static LlmConfig config() {
        return LlmConfig.of(server.baseUrl(), "test-model").withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void completeJson_anyCall_postsModelMessagesTemperatureAndStrictSchema() throws Exception {
        server.completion("{\"ok\":true}");

        client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        FakeChatServer.Request request = server.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("temperature").asDouble()).isZero();
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("hello");
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("answer");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(SCHEMA);
    }

    @Test
    void completeJson_withApiKey_sendsBearerAuthorization() throws Exception {
        server.completion("{}");

        client(config().withApiKey("sk-test-123")).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(server.take().header("Authorization")).isEqualTo("Bearer sk-test-123");
    }

    @Test
    void completeJson_withoutApiKey_sendsNoAuthorization() throws Exception {
        server.completion("{}");

        client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(server.take().header("Authorization")).isNull();
    }

    @Test
    void completeJson_jsonContent_returnsParsedObject() {
        server.completion("{\"facts\":[1,2]}");

        ObjectNode answer = client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(answer.path("facts")).hasSize(2);
    }

    @Test
    void completeJson_contentInCodeFence_returnsParsedObject() {
        server.completion("```json\n{\"facts\":[]}\n```");

        ObjectNode answer = client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(answer.has("facts")).isTrue();
    }

    @Test
    void completeJson_500Then200_retriesAndReturnsAnswer() throws Exception {
        server.error(500, "boom", Map.of()).completion("{\"ok\":true}");

        ObjectNode answer = client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(answer.path("ok").asBoolean()).isTrue();
        server.take();
        server.take();
        assertThat(sleeper.waits).containsExactly(RetryPolicy.BASE_DELAY);
    }

    @Test
    void completeJson_429WithRetryAfterSeconds_waitsThatLongThenRetries() throws Exception {
        server.error(429, "slow down", Map.of("Retry-After", "3")).completion("{}");

        client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        server.take();
        server.take();
    }

    @Test
    void completeJson_429WithRetryAfterDate_waitsUntilThatDate() {
        server.error(429, "slow down", Map.of("Retry-After", "Sat, 01 Mar 2025 12:00:07 GMT"))
                .completion("{}");

        client(config()).completeJson(MESSAGES, "answer", SCHEMA);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void completeJson_retryAfterBeyondLimit_failsWithoutWaiting() {
        server.error(429, "quota", Map.of("Retry-After", "3600"));

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> client(config()).completeJson(MESSAGES, "answer", SCHEMA));

        assertThat(e.code()).isEqualTo("llm_unavailable");
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("3600");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void completeJson_persistent503_throwsUnavailableAfterAllRetries() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.error(503, "overloaded", Map.of());
        }

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> client(config().withMaxRetries(2)).completeJson(MESSAGES, "a", SCHEMA));

        assertThat(e.code()).isEqualTo("llm_unavailable");
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("overloaded").contains("3 attempt(s)");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            server.take();
        }
        assertThat(server.pending()).isZero();
    }

    @Test
    void completeJson_401_throwsRejectedWithoutRetry() {
        server.error(401, "Incorrect API key provided", Map.of());

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> client(config()).completeJson(MESSAGES, "answer", SCHEMA));

        assertThat(e.code()).isEqualTo("llm_rejected");
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("HTTP 401").contains("Incorrect API key provided");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void completeJson_garbageBody_throwsBadResponse() {
        server.answer(200, "<html>proxy error</html>", Map.of(), Duration.ZERO);

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> client(config()).completeJson(MESSAGES, "answer", SCHEMA));

        assertThat(e.code()).isEqualTo("llm_bad_response");
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("proxy error");
    }

    @Test
    void completeJson_contentNotJson_throwsBadResponse() {
        server.completion("Sure! Here are the facts: Alice likes jazz.");

        assertThatThrownBy(() -> client(config()).completeJson(MESSAGES, "answer", SCHEMA))
                .isInstanceOfSatisfying(SpectronException.class, e -> assertThat(e.code())
                        .isEqualTo("llm_bad_response"))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void completeJson_noChoices_throwsBadResponse() {
        server.answer(200, "{\"id\":\"x\",\"choices\":[]}", Map.of(), Duration.ZERO);

        assertThatThrownBy(() -> client(config()).completeJson(MESSAGES, "answer", SCHEMA))
                .isInstanceOfSatisfying(SpectronException.class, e -> assertThat(e.code())
                        .isEqualTo("llm_bad_response"))
                .hasMessageContaining("choices[0].message");
    }

    @Test
    void completeJson_refusal_throwsBadResponseWithReason() {
        server.answer(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I cannot help with that.\"}}]}", Map.of(), Duration.ZERO);

        assertThatThrownBy(() -> client(config()).completeJson(MESSAGES, "answer", SCHEMA))
                .isInstanceOf(SpectronException.class)
                .hasMessageContaining("I cannot help with that.");
    }

    @Test
    void completeJson_truncatedAtTokenLimit_throwsBadResponse() {
        server.answer(200, "{\"choices\":[{\"finish_reason\":\"length\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"{\\\"turns\\\":\"}}]}", Map.of(),
                Duration.ZERO);

        assertThatThrownBy(() -> client(config()).completeJson(MESSAGES, "answer", SCHEMA))
                .isInstanceOfSatisfying(SpectronException.class, e -> assertThat(e.code())
                        .isEqualTo("llm_bad_response"))
                .hasMessageContaining("token limit");
    }

    @Test
    void completeJson_answerSlowerThanTimeout_throwsUnavailableWithoutRetry() throws Exception {
        server.slowCompletion("{}", Duration.ofSeconds(3));
        LlmConfig config = config().withTimeout(Duration.ofMillis(300)).withMaxRetries(2);

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> client(config).completeJson(MESSAGES, "answer", SCHEMA));

        assertThat(e.code()).isEqualTo("llm_unavailable");
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("did not answer within PT0.3S");
        server.take();
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void completeJson_connectionRefused_retriesThenThrowsUnavailable() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }
        LlmConfig config = new LlmConfig(closed, Optional.empty(), "m", Duration.ofSeconds(2), 2);

        SpectronException e = catchThrowableOfType(SpectronException.class,
                () -> client(config).completeJson(MESSAGES, "answer", SCHEMA));

        assertThat(e.code()).isEqualTo("llm_unavailable");
        assertThat(e.getMessage()).contains("cannot reach").contains("3 attempt(s)");
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void completeJson_badSchemaName_throwsInvalidInput() {
        assertThatThrownBy(() -> client(config()).completeJson(MESSAGES, "no spaces", SCHEMA))
                .hasMessageContaining("schemaName");
    }
}
