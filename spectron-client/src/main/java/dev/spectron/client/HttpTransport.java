package dev.spectron.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.SpectronException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP connection pool, one JSON mapper and the rules for talking to a Spectron server:
 * authentication, timeouts, the single retry of a GET, and mapping failures to
 * {@link SpectronException}. Thread-safe; shared by every {@link HttpMemory} of a client.
 */
final class HttpTransport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());
    private static final String USER_AGENT = "spectron-java-client";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final String base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final ProblemDecoder problems;
    private volatile boolean closed;

    HttpTransport(URI baseUrl, Optional<String> apiKey, Duration timeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.base = baseUrl.toString();
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.json = objectMapper();
        this.problems = new ProblemDecoder(json, clock);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0
                        ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The mapper for the wire format: ISO-8601 instants, absent optionals omitted. */
    static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(
                        JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
                .build();
    }

    URI baseUrl() {
        return baseUrl;
    }

    ObjectMapper json() {
        return json;
    }

    /** GET with the API key; retried once when the connection fails (not when it times out). */
    <T> T get(String path, Class<T> type) {
        return read(send("GET", path, null, true), type);
    }

    /** POST of {@code body} (no body when null) with the API key; never retried. */
    <T> T post(String path, Object body, Class<T> type) {
        return read(send("POST", path, body, true), type);
    }

    /** DELETE with the API key; never retried, since a second try would answer 404. */
    void delete(String path) {
        read(send("DELETE", path, null, true), Void.class);
    }

    /** DELETE with the API key, reading an answer body; never retried. */
    <T> T delete(String path, Class<T> type) {
        return read(send("DELETE", path, null, true), type);
    }

    /** GET without the API key, returning the body whatever the status (for health checks). */
    HttpResponse<byte[]> getUnauthenticated(String path) {
        return exchange(request("GET", path, null, false), true);
    }

    SpectronException problem(HttpResponse<byte[]> response) {
        return problems.decode(response);
    }

    private HttpResponse<byte[]> send(String method, String path, Object body,
            boolean authenticated) {
        return exchange(request(method, path, body, authenticated), "GET".equals(method));
    }

    private HttpRequest request(String method, String path, Object body, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (authenticated) {
            apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        }
        if (body == null) {
            return request.method(method, BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofByteArray(write(body)))
                .build();
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Every field but metadata is a string, number, enum or instant.
            throw new InvalidInputException("metadata",
                    "must be plain JSON values (maps, lists, strings, numbers, booleans): "
                            + e.getOriginalMessage());
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, boolean retryable) {
        if (closed) {
            throw new IllegalStateException("this SpectronClient is closed");
        }
        try {
            return exchangeOnce(request);
        } catch (ConnectionFailure e) {
            if (retryable && isConnectionFailure(e.io)) {
                LOG.log(System.Logger.Level.DEBUG, "retrying {0} {1} after {2}",
                        request.method(), request.uri(), e.io.toString());
                try {
                    return exchangeOnce(request);
                } catch (ConnectionFailure again) {
                    throw failure(request, again.io);
                }
            }
            throw failure(request, e.io);
        }
    }

    /**
     * One exchange under one deadline. The request's own timeout only covers waiting for the
     * status line and headers, so a server that stalls in the middle of a body would block
     * {@code HttpClient.send} forever; waiting on the future bounds the whole exchange.
     */
    private HttpResponse<byte[]> exchangeOnce(HttpRequest request) throws ConnectionFailure {
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request, BodyHandlers.ofByteArray());
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new ConnectionFailure(io);
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ConnectionFailure(new HttpTimeoutException("request timed out"));
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw interrupted(request, e);
        }
    }

    /** Carries the I/O error of one attempt to the retry decision. */
    private static final class ConnectionFailure extends Exception {
        final IOException io;

        ConnectionFailure(IOException io) {
            super(io);
            this.io = io;
        }
    }

    /**
     * True for a refused, reset or dropped connection. Timeouts are not retried: a second wait
     * as long as the first rarely ends differently. (The JDK client may also retry a GET on a
     * stale pooled connection by itself; this retry does not depend on that.)
     */
    private static boolean isConnectionFailure(IOException e) {
        return !(e instanceof HttpTimeoutException);
    }

    private SpectronException failure(HttpRequest request, IOException e) {
        String call = request.method() + " " + request.uri();
        String server = "the Spectron server at " + baseUrl;
        SpectronException failure;
        if (e instanceof HttpConnectTimeoutException) {
            failure = new SpectronException("unavailable", 503, "cannot reach " + server
                    + ": no connection within " + http.connectTimeout().orElseThrow()
                    + " (" + call + ")");
        } else if (e instanceof HttpTimeoutException) {
            failure = new SpectronException("timeout", 504, call + " got no answer within "
                    + timeout + ("GET".equals(request.method()) ? ""
                            : "; the server may still have applied it"));
        } else if (e instanceof ConnectException) {
            failure = new SpectronException("unavailable", 503, "cannot reach " + server
                    + ": connection refused; is it running? (" + call + ")");
        } else {
            failure = new SpectronException("unavailable", 503, "connection to " + server
                    + " failed during " + call + ": " + e);
        }
        failure.initCause(e);
        return failure;
    }

    private static SpectronException interrupted(HttpRequest request, InterruptedException e) {
        Thread.currentThread().interrupt();
        SpectronException failure = new SpectronException("interrupted", 503,
                "interrupted while waiting for " + request.method() + " " + request.uri());
        failure.initCause(e);
        return failure;
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() / 100 != 2) {
            throw problems.decode(response);
        }
        if (type == Void.class) {
            return null;
        }
        try {
            T value = json.readValue(response.body(), type);
            if (value == null) {
                throw new IOException("the body is empty or null");
            }
            return value;
        } catch (IOException e) {
            SpectronException failure = new SpectronException("bad_response", 502,
                    response.request().method() + " " + response.uri() + " answered HTTP "
                            + response.statusCode() + " with a body that is not a "
                            + type.getSimpleName() + ": " + firstLine(e) + " (body: "
                            + ProblemDecoder.snippet(response.body()) + ")");
            failure.initCause(e);
            throw failure;
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage();
        return message == null ? e.toString() : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        closed = true;
        http.close();
    }
}
