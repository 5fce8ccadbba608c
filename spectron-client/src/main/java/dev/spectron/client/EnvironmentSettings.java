package dev.spectron.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Client settings from the environment: {@code SPECTRON_URL}, {@code SPECTRON_API_KEY},
 * {@code SPECTRON_CONTEXT}, and, when no key is set, the {@code credentials.json} that a first
 * start of the server writes into its data directory ({@code SPECTRON_DATA} or
 * {@code ~/.spectron}).
 */
final class EnvironmentSettings {
    static final String CREDENTIALS_FILE = "credentials.json";

    private EnvironmentSettings() {}

    /**
     * A builder filled from {@code env}; {@code home} is the user's home directory.
     *
     * @throws UncheckedIOException when a credentials file exists but cannot be read
     * @throws IllegalStateException when a credentials file exists but is not the expected JSON
     */
    static SpectronClient.Builder builder(Function<String, String> env, Path home) {
        SpectronClient.Builder builder = SpectronClient.builder()
                .baseUrl(value(env, "SPECTRON_URL").orElse(SpectronClient.DEFAULT_URL));
        Optional<String> context = value(env, "SPECTRON_CONTEXT");
        Optional<String> key = value(env, "SPECTRON_API_KEY");
        if (key.isPresent()) {
            builder.apiKey(key.get());
        } else {
            Path dir = value(env, "SPECTRON_DATA").map(Path::of).orElse(home.resolve(".spectron"));
            Optional<JsonNode> credentials = readCredentials(dir.resolve(CREDENTIALS_FILE));
            credentials.flatMap(c -> field(c, "apiKey")).ifPresent(builder::apiKey);
            if (context.isEmpty()) {
                context = credentials.flatMap(c -> field(c, "context"));
            }
        }
        return builder.context(context.orElse(SpectronClient.DEFAULT_CONTEXT));
    }

    private static Optional<JsonNode> readCredentials(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Spectron credentials " + file, e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("Spectron credentials " + file
                    + " must be a JSON object {\"context\", \"apiKey\", \"managementKey\"}");
        }
        return Optional.of(node);
    }

    private static Optional<String> field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
