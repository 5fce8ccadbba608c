package dev.spectron.client;

import static dev.spectron.client.WireSamples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.AuthenticationException;
import dev.spectron.api.ConflictException;
import dev.spectron.api.ForbiddenException;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.PayloadTooLargeException;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SpectronException;
import dev.spectron.api.TurnInput;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
    private static final Scope ALICE = Scope.of("user", "alice");
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private FakeServer server;
    private SpectronClient client;
    private Memory memory;

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
        client = SpectronClient.builder().baseUrl(server.url()).apiKey("spk_x_y")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).timeout(Duration.ofSeconds(5)).build();
        memory = client.memory();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @ParameterizedTest
    @CsvSource({
        "401, unauthenticated,   dev.spectron.api.AuthenticationException",
        "403, forbidden,         dev.spectron.api.ForbiddenException",
        "409, conflict,          dev.spectron.api.ConflictException",
        "413, payload_too_large, dev.spectron.api.PayloadTooLargeException",
        "429, rate_limited,      dev.spectron.client.RateLimitedException",
        "500, internal,          dev.spectron.api.SpectronException",
    })
    void addTurn_problemWithCode_throwsMatchingExceptionWithDetail(int status, String code,
            Class<?> type) {
        server.problem(status, code, "the detail of " + code);

        assertThatThrownBy(() -> memory.addTurn("s1", TurnInput.of(Role.USER, "hi")))
                .isExactlyInstanceOf(type)
                .hasMessage("the detail of " + code)
                .isInstanceOfSatisfying(SpectronException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(status);
                });
    }

    @Test
    void remember_invalidInputProblem_keepsFieldAndRule() {
        server.answer(400, "application/problem+json", json("{'type':'about:blank',"
                + "'title':'Invalid input','status':400,'detail':'scope.user: value must be "
                + "1-128 characters','code':'invalid_input','field':'scope.user'}"), Map.of());

        assertThatThrownBy(() -> memory.remember("hi", ALICE))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("scope.user");
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessage("scope.user: value must be 1-128 characters");
    }

    @Test
    void remember_invalidInputProblemWithoutField_throwsSpectronExceptionWithDetail() {
        server.problem(400, "invalid_input", "body is not valid JSON");

        assertThatThrownBy(() -> memory.remember("hi", ALICE))
                .isExactlyInstanceOf(SpectronException.class)
                .hasMessage("body is not valid JSON")
                .extracting(e -> ((SpectronException) e).code()).isEqualTo("invalid_input");
    }

    @Test
    void session_notFoundProblem_keepsDetailVerbatim() {
        server.problem(404, "not_found", "session 's404' not found");

        assertThatThrownBy(() -> memory.session("s404"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("session 's404' not found");
    }

    @Test
    void recall_rateLimitedWithDelaySeconds_exposesRetryAfter() {
        server.answer(429, "application/problem+json", json("{'status':429,'code':'rate_limited',"
                + "'detail':'slow down'}"), Map.of("Retry-After", "7"));

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void recall_rateLimitedWithHttpDate_exposesDelayFromClock() {
        server.answer(429, "text/plain", "Too Many Requests",
                Map.of("Retry-After", "Thu, 02 Jan 2025 03:05:05 GMT"));

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(1)));
    }

    @Test
    void recall_rateLimitedWithoutRetryAfter_hasNoDelay() {
        server.problem(429, "rate_limited", "slow down");

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void recall_unknownCode_throwsSpectronExceptionWithCodeAndStatus() {
        server.problem(418, "quota_exceeded", "monthly quota used up");

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isExactlyInstanceOf(SpectronException.class)
                .hasMessage("monthly quota used up")
                .isInstanceOfSatisfying(SpectronException.class, e -> {
                    assertThat(e.code()).isEqualTo("quota_exceeded");
                    assertThat(e.status()).isEqualTo(418);
                });
    }

    @Test
    void recall_problemWithoutCode_derivesCodeFromStatus() {
        server.answer(415, "application/problem+json",
                json("{'title':'Unsupported Media Type','status':415}"), Map.of());

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .hasMessage("Unsupported Media Type")
                .isInstanceOfSatisfying(SpectronException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_input"));
    }

    @Test
    void recall_proxyHtml502_throwsUnavailableDescribingTheAnswer() {
        server.answer(502, "text/html", "<html><head><title>502 Bad Gateway</title></head>"
                + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
                + "</body></html>", Map.of());

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isExactlyInstanceOf(SpectronException.class)
                .hasMessageContaining("POST " + server.url() + "/api/v1/default/recall")
                .hasMessageContaining("HTTP 502 with text/html")
                .hasMessageContaining("502 Bad Gateway 502 Bad Gateway nginx")
                .isInstanceOfSatisfying(SpectronException.class, e -> {
                    assertThat(e.code()).isEqualTo("unavailable");
                    assertThat(e.status()).isEqualTo(502);
                });
    }

    @Test
    void session_jsonErrorThatIsNotAProblem_usesStatus() {
        server.json(401, "[\"nope\"]");

        assertThatThrownBy(() -> memory.session("s1"))
                .isExactlyInstanceOf(SpectronException.class)
                .hasMessageContaining("HTTP 401")
                .extracting(e -> ((SpectronException) e).code()).isEqualTo("unauthenticated");
    }

    @Test
    void closeSession_emptyError500_saysTheBodyWasEmpty() {
        server.answer(500, null, "", Map.of());

        assertThatThrownBy(() -> memory.closeSession("s1"))
                .hasMessageContaining("HTTP 500 with an empty body")
                .extracting(e -> ((SpectronException) e).code()).isEqualTo("internal");
    }

    @Test
    void session_redirect_namesTheNewLocation() {
        server.answer(301, "text/html", "moved", Map.of("Location", "https://mem.example/"));

        assertThatThrownBy(() -> memory.session("s1"))
                .hasMessageContaining("HTTP 301")
                .hasMessageContaining("https://mem.example/")
                .extracting(e -> ((SpectronException) e).code()).isEqualTo("http_301");
    }

    @Test
    void recall_connectionRefused_throwsUnavailableWithCause() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SpectronClient refused = SpectronClient.builder()
                .baseUrl("http://127.0.0.1:" + port).build()) {
            assertThatThrownBy(() -> refused.memory().recall("food", ALICE, 1))
                    .isExactlyInstanceOf(SpectronException.class)
                    .hasMessageContaining("cannot reach the Spectron server at http://127.0.0.1:"
                            + port)
                    .hasCauseInstanceOf(ConnectException.class)
                    .isInstanceOfSatisfying(SpectronException.class, e -> {
                        assertThat(e.code()).isEqualTo("unavailable");
                        assertThat(e.status()).isEqualTo(503);
                    });
        }
    }

    @Test
    void turns_connectionDroppedOnce_retriesAndSucceeds() throws Exception {
        server.dropConnection().json(200, json("{'turns':[]}"));

        assertThat(memory.turns("s1")).isEmpty();

        assertThat(server.take().rawPath()).isEqualTo("/api/v1/default/sessions/s1/turns");
        assertThat(server.take().rawPath()).isEqualTo("/api/v1/default/sessions/s1/turns");
    }

    @Test
    void turns_answerCutOffOnce_retriesAndSucceeds() throws Exception {
        server.cutOff().json(200, json("{'turns':[]}"));

        assertThat(memory.turns("s1")).isEmpty();

        server.take();
        server.take();
    }

    @Test
    void addTurn_answerCutOff_isNotRetried() throws Exception {
        server.cutOff().json(201, json("{}"));

        assertThatThrownBy(() -> memory.addTurn("s1", TurnInput.of(Role.USER, "hi")))
                .isInstanceOfSatisfying(SpectronException.class,
                        e -> assertThat(e.code()).isEqualTo("unavailable"))
                .hasMessageContaining("failed during POST");
        server.take();
        Thread.sleep(200);
        assertThat(server.pending()).isZero();
    }

    @Test
    void session_connectionAlwaysDropped_throwsUnavailable() {
        for (int i = 0; i < 8; i++) {
            server.dropConnection();
        }

        assertThatThrownBy(() -> memory.session("s1"))
                .extracting(e -> ((SpectronException) e).code()).isEqualTo("unavailable");
    }

    @Test
    void addTurn_connectionDropped_isNotRetried() throws Exception {
        server.dropConnection().json(201, json("{}"));

        assertThatThrownBy(() -> memory.addTurn("s1", TurnInput.of(Role.USER, "hi")))
                .isInstanceOfSatisfying(SpectronException.class,
                        e -> assertThat(e.code()).isEqualTo("unavailable"))
                .hasMessageContaining("POST " + server.url() + "/api/v1/default/sessions/s1/turns");
        server.take();
        Thread.sleep(200);
        assertThat(server.pending()).isZero();
    }

    @Test
    void remember_slowServer_throwsTimeoutSayingItMayHaveApplied() {
        server.slow(Duration.ofSeconds(3));
        try (SpectronClient impatient = SpectronClient.builder().baseUrl(server.url())
                .timeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(() -> impatient.memory().remember("hi", ALICE))
                    .hasMessageContaining("no answer within PT0.3S")
                    .hasMessageContaining("may still have applied it")
                    .isInstanceOfSatisfying(SpectronException.class, e -> {
                        assertThat(e.code()).isEqualTo("timeout");
                        assertThat(e.status()).isEqualTo(504);
                    });
        }
    }

    @Test
    void turns_bodyStallsPastTimeout_throwsTimeout() {
        server.stallBody(Duration.ofSeconds(3));
        try (SpectronClient impatient = SpectronClient.builder().baseUrl(server.url())
                .timeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(() -> impatient.memory().turns("s1"))
                    .hasMessageContaining("GET " + server.url() + "/api/v1/default/sessions/s1")
                    .isInstanceOfSatisfying(SpectronException.class,
                            e -> assertThat(e.code()).isEqualTo("timeout"));
        }
    }

    @Test
    void recall_closedClient_throwsIllegalState() {
        client.close();

        assertThatThrownBy(() -> memory.recall("food", ALICE, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void typedExceptions_carryTheDocumentedStatuses() {
        assertThat(new AuthenticationException("x").status()).isEqualTo(401);
        assertThat(new ForbiddenException("x").status()).isEqualTo(403);
        assertThat(new ConflictException("x").status()).isEqualTo(409);
        assertThat(new PayloadTooLargeException("x").status()).isEqualTo(413);
    }
}
