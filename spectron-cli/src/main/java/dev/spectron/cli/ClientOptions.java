package dev.spectron.cli;

import dev.spectron.api.Scope;
import dev.spectron.client.SpectronClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a client command connects. Flags win over SPECTRON_URL / SPECTRON_API_KEY /
 * SPECTRON_CONTEXT, which win over the local credentials file.
 */
final class ClientOptions {
    @Option(names = "--url",
            description = "Server URL (default: SPECTRON_URL or http://127.0.0.1:9090).")
    String url;

    @Option(names = "--key",
            description = "API key (default: SPECTRON_API_KEY or credentials.json).")
    String key;

    @Option(names = "--context", description = "Context (default: SPECTRON_CONTEXT or default).")
    String context;

    @Option(names = "--scope", paramLabel = "DIM=VALUE", split = ",",
            description = "Scope tags, e.g. --scope user=alice,org=acme.")
    Map<String, String> scope = new LinkedHashMap<>();

    SpectronClient client() {
        SpectronClient.Builder builder = SpectronClient.environmentBuilder();
        if (url != null) {
            builder.baseUrl(url);
        }
        if (key != null) {
            builder.apiKey(key);
        }
        if (context != null) {
            builder.context(context);
        }
        return builder.build();
    }

    Scope scope() {
        return Scope.of(scope);
    }
}
