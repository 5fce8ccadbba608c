package dev.spectron.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spectron.client.SpectronClient;
import dev.spectron.embedded.EmbeddedOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real server on a free loopback port over a temporary data directory, for tests. */
final class TestServer implements AutoCloseable {
    final Path data;
    final SpectronServer server;
    final String apiKey;
    final String managementKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(Path data, SpectronServer server, String apiKey, String managementKey) {
        this.data = data;
        this.server = server;
        this.apiKey = apiKey;
        this.managementKey = managementKey;
    }

    static TestServer start(Path data) {
        return start(data, java.util.function.UnaryOperator.identity());
    }

    static TestServer start(Path data, java.util.function.UnaryOperator<ServerConfig> tweak) {
        SpectronServer server = SpectronServer.start(tweak.apply(ServerConfig.of(data)
                .withPort(0).withStorage(EmbeddedOptions.of(data))));
        try {
            JsonNode credentials = Json.MAPPER.readTree(data.resolve("credentials.json").toFile());
            return new TestServer(data, server, credentials.get("apiKey").asText(),
                    credentials.get("managementKey").asText());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Restarts on the same data directory, keeping the keys of the first start. */
    TestServer restart() {
        server.close();
        SpectronServer again = SpectronServer.start(ServerConfig.of(data).withPort(0)
                .withStorage(EmbeddedOptions.of(data)));
        return new TestServer(data, again, apiKey, managementKey);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    SpectronClient client() {
        return client(apiKey);
    }

    SpectronClient client(String key) {
        return SpectronClient.builder().baseUrl(url()).apiKey(key).build();
    }

    /** A raw request; {@code key} may be null for none. */
    Response send(String method, String path, String key, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        // A server refusing an oversized body answers before reading it and closes the
        // connection; with 100-continue the client waits for that answer instead of racing it.
        if (body != null && body.length() > 64 * 1024) {
            request.expectContinue(true);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response post(String path, String json) {
        return send("POST", path, apiKey, "application/json", json);
    }

    @Override
    public void close() {
        server.close();
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
