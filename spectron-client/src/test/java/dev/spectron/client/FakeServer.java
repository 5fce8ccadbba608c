package dev.spectron.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a Spectron server on 127.0.0.1 and an ephemeral port: records every request
 * and answers with the canned responses queued by the test, in order.
 */
final class FakeServer implements AutoCloseable {
    /** One request as the server saw it, with the path and query still percent-encoded. */
    record Request(String method, String rawPath, String rawQuery, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /**
     * A canned answer; {@code status} 0 drops the connection without answering, -1 cuts the
     * connection in the middle of a 200 answer's body, -2 sends a 200's headers and only after
     * {@code delay} its body.
     */
    private record Answer(int status, String contentType, String body, Map<String, String> headers,
            Duration delay) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    private FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeServer start() throws IOException {
        return new FakeServer();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeServer json(int status, String body) {
        return answer(status, "application/json", body, Map.of());
    }

    FakeServer problem(int status, String code, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        return answer(status, "application/problem+json", body, Map.of());
    }

    FakeServer answer(int status, String contentType, String body, Map<String, String> headers) {
        answers.add(new Answer(status, contentType, body, headers, Duration.ZERO));
        return this;
    }

    FakeServer noContent() {
        return answer(204, null, "", Map.of());
    }

    FakeServer slow(Duration delay) {
        answers.add(new Answer(200, "application/json", "{}", Map.of(), delay));
        return this;
    }

    /** A 200 answer whose headers arrive at once and whose body arrives after {@code delay}. */
    FakeServer stallBody(Duration delay) {
        answers.add(new Answer(-2, "application/json", "{}", Map.of(), delay));
        return this;
    }

    FakeServer dropConnection() {
        answers.add(new Answer(0, null, "", Map.of(), Duration.ZERO));
        return this;
    }

    FakeServer cutOff() {
        answers.add(new Answer(-1, "application/json", "{\"turns\":", Map.of(), Duration.ZERO));
        return this;
    }

    /** The next request received, waiting up to five seconds. */
    Request take() throws InterruptedException {
        Request request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the client sent no request");
        }
        return request;
    }

    /** How many requests arrived and were not taken yet. */
    int pending() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = new Answer(500, "text/plain", "no canned answer", Map.of(), Duration.ZERO);
        }
        if (answer.status() == 0) {
            exchange.close(); // closes the connection: no status line ever reaches the client
            return;
        }
        if (answer.status() == -1) {
            cut(exchange, answer.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (answer.status() == -2) {
            stall(exchange, answer);
            return;
        }
        pause(answer.delay());
        send(exchange, answer);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void stall(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().flush();
        pause(answer.delay());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void cut(HttpExchange exchange, byte[] part) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, part.length + 100);
        OutputStream out = exchange.getResponseBody();
        out.write(part);
        out.flush();
        // Fewer bytes than announced: close() throws, and the server drops the connection
        // because the exception leaves the handler.
        out.close();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
