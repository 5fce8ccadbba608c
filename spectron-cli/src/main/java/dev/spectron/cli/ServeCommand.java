package dev.spectron.cli;

import dev.spectron.embedded.EmbeddedOptions;
import dev.spectron.server.ServerConfig;
import dev.spectron.server.SpectronServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectron serve}: the HTTP server on the embedded store, or with {@code --store postgres}
 * on a PostgreSQL database that several servers may share.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Spectron server on the embedded store (SQLite + Lucene) or, with"
                + " --store postgres, on PostgreSQL shared by several nodes.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "${env:SPECTRON_PORT:-9090}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--host", defaultValue = "${env:SPECTRON_HOST:-127.0.0.1}",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", defaultValue = "${env:SPECTRON_DATA:-${sys:user.home}/.spectron}",
            description = "Data directory (default: ${DEFAULT-VALUE}); with --store postgres it"
                    + " holds only credentials.json, written by the node that bootstraps.")
    Path data;

    @Mixin
    StoreOptions store;

    @Option(names = "--embedding-model",
            defaultValue = "${env:SPECTRON_EMBEDDING_MODEL:-bge-small}",
            description = "bge-small (default, better recall) or minilm (faster).")
    String embeddingModel;

    @Option(names = "--extractor", defaultValue = "${env:SPECTRON_EXTRACTOR:-rules}",
            description = "rules (default, offline), llm (SPECTRON_LLM_BASE_URL, SPECTRON_LLM_MODEL,"
                    + " SPECTRON_LLM_API_KEY) or none.")
    String extractor;

    @Option(names = "--rate-limit", defaultValue = "${env:SPECTRON_RATE_LIMIT:-200}",
            description = "Average requests per second per API key, bursts of twice that"
                    + " (default: ${DEFAULT-VALUE}; 0 turns limiting off).")
    double rateLimit;

    @Option(names = "--insecure",
            description = "Accept requests without API keys. Loopback addresses only.")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedOptions storage = store.apply(EmbeddedOptions.of(data)
                .withEmbeddingModel(embeddingModel).withExtractor(extractor));
        String where = store.describe(data);
        ServerConfig config = ServerConfig.of(data).withHost(host).withPort(port)
                .withStorage(storage).withInsecure(insecure)
                .withRateLimit(rateLimit, (int) Math.max(1, rateLimit * 2));
        long started = System.nanoTime();
        System.out.println("Opening " + where + " ...");
        Progress progress = new Progress("Catching up search index", System.out);
        SpectronServer server = SpectronServer.start(config, progress::update);
        progress.done();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "spectron-shutdown"));
        server.credentialsFile().ifPresent(file -> System.out.println(
                "First start: keys written to " + file + " (mode 0600; shown nowhere else)"));
        System.out.printf("Spectron listening on http://%s:%d (%s %s, ready in %d ms)%n",
                host, server.port(), store.postgres() ? "store" : "data", where,
                (System.nanoTime() - started) / 1_000_000);
        if (insecure) {
            System.out.println("WARNING: --insecure: requests without API keys are accepted");
        }
        stopped.await();
        return 0;
    }
}
