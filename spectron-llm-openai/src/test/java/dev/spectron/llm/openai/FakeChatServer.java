package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * A chat-completions server on 127.0.0.1 and an ephemeral port: records every request and
 * answers with the scripted responses queued by the test, in order; with nothing queued it
 * answers 500.
 */
final class FakeChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    record Request(String method, String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The content of the message with {@code role}. */
        String message(String role) {
            for (JsonNode message : json().path("messages")) {
                if (role.equals(message.path("role").asText())) {
                    return message.path("content").asText();
                }
            }
            throw new AssertionError("no " + role + " message in " + body);
        }
    }

    private record Answer(int status, String body, Map<String, String> headers, Duration delay) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    private FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeChatServer start() throws IOException {
        return new FakeChatServer();
    }

    /** The API root, as {@code SPECTRON_LLM_BASE_URL} would hold it. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Forgets queued answers and unread requests. */
    void reset() {
        answers.clear();
        requests.clear();
    }

    /** A 200 completion whose message content is {@code content}. */
    FakeChatServer completion(String content) {
        return answer(200, envelope(content), Map.of(), Duration.ZERO);
    }

    /** A 200 completion whose message content is {@code content}, after {@code delay}. */
    FakeChatServer slowCompletion(String content, Duration delay) {
        return answer(200, envelope(content), Map.of(), delay);
    }

    /** An OpenAI-style error. */
    FakeChatServer error(int status, String message, Map<String, String> headers) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "server_error");
        return answer(status, body.toString(), headers, Duration.ZERO);
    }

    /** Any status and body. */
    FakeChatServer answer(int status, String body, Map<String, String> headers, Duration delay) {
        answers.add(new Answer(status, body, headers, delay));
        return this;
    }

    /** The chat-completions envelope around {@code content}. */
    static String envelope(String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0)
                .put("model", "fake");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1);
        return root.toString();
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
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = new Answer(500, "{\"error\":{\"message\":\"nothing scripted\"}}", Map.of(),
                    Duration.ZERO);
        }
        pause(answer.delay());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            exchange.close(); // the client gave up waiting; nothing to answer
        }
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
