package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.SpectronException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A minimal client of the OpenAI chat-completions protocol that asks for JSON matching a schema.
 * Each call is one {@code POST {baseUrl}/chat/completions} with {@code model}, {@code messages},
 * {@code temperature: 0} and {@code response_format: {"type": "json_schema", "json_schema":
 * {"name", "strict": true, "schema"}}}, and {@code Authorization: Bearer <key>} when a key is
 * configured.
 *
 * <p>HTTP 429, 5xx and failed connections are retried up to {@link LlmConfig#maxRetries()} times,
 * with doubling waits or the server's {@code Retry-After}; every other failure is thrown at once.
 * Each attempt is bounded by {@link LlmConfig#timeout()}, body included, and a timed-out attempt is
 * not repeated. Failures are thrown as {@link SpectronException} with code {@link #UNAVAILABLE}
 * (503), {@link #REJECTED} (502) or {@link #BAD_RESPONSE} (502); nothing is swallowed.
 *
 * <p>Thread-safe; one instance may serve any number of concurrent calls.
 */
public final class OpenAiCompatibleClient implements AutoCloseable {
    /** Code of the failure to get an answer: connection, timeout, 429 or 5xx after retries. */
    public static final String UNAVAILABLE = "llm_unavailable";
    /** Code of a 4xx answer other than 429: wrong key, unknown model, unsupported request. */
    public static final String REJECTED = "llm_rejected";
    /** Code of an answer that is not the expected JSON. */
    public static final String BAD_RESPONSE = "llm_bad_response";

    private static final System.Logger LOG =
            System.getLogger(OpenAiCompatibleClient.class.getName());
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final LlmConfig config;
    private final Sleeper sleeper;
    private final RetryPolicy retries;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final CompletionReader reader;

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    OpenAiCompatibleClient(LlmConfig config, Sleeper sleeper, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = sleeper;
        this.retries = new RetryPolicy(config.maxRetries(), clock);
        this.reader = new CompletionReader(json, config.chatCompletionsUri());
        // HTTP/1.1: local servers (llama.cpp, Ollama) do not speak h2c, and the upgrade attempt
        // the JDK makes for plain http with HTTP/2 has confused some of them.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                        ? config.timeout() : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client for the endpoint of {@code config}. */
    public static OpenAiCompatibleClient create(LlmConfig config) {
        return new OpenAiCompatibleClient(config, Thread::sleep, Clock.systemUTC());
    }

    /** The configuration this client was created with. */
    public LlmConfig config() {
        return config;
    }

    /**
     * One chat message.
     *
     * @param role {@code system}, {@code user} or {@code assistant}
     * @param content the message text
     */
    public record Message(String role, String content) {
        private static final Set<String> ROLES = Set.of("system", "user", "assistant");

        /** @throws InvalidInputException for another role or a null content */
        public Message {
            InvalidInputException.require(role != null && ROLES.contains(role), "message.role",
                    "must be system, user or assistant");
            InvalidInputException.require(content != null, "message.content", "must be set");
        }

        /** A system message. */
        public static Message system(String content) {
            return new Message("system", content);
        }

        /** A user message. */
        public static Message user(String content) {
            return new Message("user", content);
        }
    }

    /**
     * Asks the model to answer {@code messages} with a JSON object matching {@code schema} and
     * returns that object, parsed. The object is only checked to be JSON; checking it against the
     * schema is the caller's job, since not every compatible server enforces the schema.
     *
     * @param messages the conversation, usually one system and one user message
     * @param schemaName a name for the schema, {@code [a-zA-Z0-9_-]{1,64}}
     * @param schema a JSON schema for strict mode: every property required, no additional ones
     * @return the JSON object the model answered with
     * @throws SpectronException {@link #UNAVAILABLE} (503) when no answer arrived in time or the
     *     server kept failing, {@link #REJECTED} (502) when it refused the request,
     *     {@link #BAD_RESPONSE} (502) when the answer is not a JSON object, and
     *     {@code interrupted} (503) when the thread was interrupted while waiting
     */
    public ObjectNode completeJson(List<Message> messages, String schemaName, JsonNode schema) {
        InvalidInputException.require(messages != null && !messages.isEmpty(), "messages",
                "must hold at least one message");
        InvalidInputException.require(schemaName != null
                && SCHEMA_NAME.matcher(schemaName).matches(), "schemaName",
                "must match [a-zA-Z0-9_-]{1,64}");
        InvalidInputException.require(schema != null && schema.isObject(), "schema",
                "must be a JSON object");
        HttpRequest request = request(body(messages, schemaName, schema));
        return reader.content(send(request));
    }

    /** Releases the connection pool. Calls after this fail. */
    @Override
    public void close() {
        http.close();
    }

    private byte[] body(List<Message> messages, String schemaName, JsonNode schema) {
        ObjectNode body = json.createObjectNode();
        body.put("model", config.model());
        ArrayNode list = body.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role()).put("content", m.content()));
        body.put("temperature", 0);
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", schemaName).put("strict", true)
                .set("schema", schema);
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.chatCompletionsUri())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "spectron-llm-openai")
                .POST(BodyPublishers.ofByteArray(body));
        config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request.build();
    }

    /** Sends until an attempt succeeds, fails for good, or the retries are used up. */
    private HttpResponse<byte[]> send(HttpRequest request) {
        for (int retry = 0; ; retry++) {
            HttpResponse<byte[]> response;
            try {
                response = exchangeOnce(request);
            } catch (AttemptFailed e) {
                if (!isConnectionFailure(e.io) || !retries.mayRetry(retry)) {
                    throw unreachable(e.io, retry + 1);
                }
                pause(retries.backoff(retry), retry, e.io.toString());
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response;
            }
            if (!RetryPolicy.isRetryableStatus(status)) {
                throw reader.failure(REJECTED, 502, response, "rejected the request");
            }
            Optional<Duration> retryAfter = retries.retryAfter(response.headers());
            if (retryAfter.filter(d -> d.compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0).isPresent()) {
                throw reader.failure(UNAVAILABLE, 503, response, "asked to retry after "
                        + retryAfter.get().toSeconds() + " s, longer than Spectron waits ("
                        + RetryPolicy.MAX_RETRY_AFTER.toSeconds() + " s)");
            }
            if (!retries.mayRetry(retry)) {
                throw reader.failure(UNAVAILABLE, 503, response, "kept failing after " + (retry + 1)
                        + " attempt(s)");
            }
            pause(retries.delay(retry, retryAfter), retry, "HTTP " + status);
        }
    }

    /**
     * One attempt under one deadline. The request timeout only covers the wait for the headers,
     * so a server that stalls in the middle of a body would block forever; waiting on the
     * future bounds the whole exchange.
     */
    private HttpResponse<byte[]> exchangeOnce(HttpRequest request) throws AttemptFailed {
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request, BodyHandlers.ofByteArray());
        try {
            return answer.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new AttemptFailed(io);
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AttemptFailed(new HttpTimeoutException("request timed out"));
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw interrupted(e);
        }
    }

    /** Carries the I/O error of one attempt to the retry decision. */
    private static final class AttemptFailed extends Exception {
        final IOException io;

        AttemptFailed(IOException io) {
            super(io);
            this.io = io;
        }
    }

    /**
     * Refused, reset or dropped connections, and connections not made in time: the request
     * never reached the model. An answer that did not come in time is not retried, since a
     * second wait as long as the first rarely ends differently and the caller is waiting.
     */
    private static boolean isConnectionFailure(IOException e) {
        return !(e instanceof HttpTimeoutException) || e instanceof HttpConnectTimeoutException;
    }

    private void pause(Duration delay, int retry, String why) {
        LOG.log(System.Logger.Level.INFO, "chat completion at {0} failed ({1}); retry {2} of {3}"
                + " in {4} ms", config.baseUrl(), why, retry + 1, config.maxRetries(),
                String.valueOf(delay.toMillis())); // no digit grouping
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private SpectronException unreachable(IOException e, int attempts) {
        String where = "the model endpoint " + config.chatCompletionsUri();
        String message;
        if (e instanceof HttpConnectTimeoutException) {
            message = "cannot reach " + where + ": no connection within "
                    + http.connectTimeout().orElseThrow();
        } else if (e instanceof HttpTimeoutException) {
            message = where + " did not answer within " + config.timeout()
                    + " (raise " + LlmConfig.ENV_TIMEOUT + " for slow models)";
        } else {
            message = "cannot reach " + where + ": " + e;
        }
        return new SpectronException(UNAVAILABLE, 503, message + " (" + attempts
                + " attempt(s))", e);
    }

    private SpectronException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SpectronException("interrupted", 503, "interrupted while waiting for "
                + config.chatCompletionsUri(), e);
    }

}
