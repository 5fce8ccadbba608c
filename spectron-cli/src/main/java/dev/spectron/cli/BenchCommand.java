package dev.spectron.cli;

import dev.spectron.eval.HttpBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectron bench}: recall latency and ingestion over HTTP on a fresh store, embedded or
 * (with {@code --store postgres}) PostgreSQL.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ingestion and recall latency over HTTP at several store sizes.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000",
            description = "Stored-turn counts to measure at (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--queries", defaultValue = "500", description = "Recall queries per size.")
    int queries;

    @Option(names = "--ingest", defaultValue = "2000",
            description = "Turns sent over HTTP to measure ingestion.")
    int ingest;

    @Option(names = "--clients", defaultValue = "2", description = "Concurrent ingest clients.")
    int clients;

    @Option(names = "--fill-threads", defaultValue = "2",
            description = "Threads filling the store.")
    int fillThreads;

    @Option(names = "--embedding-model", defaultValue = "bge-small",
            description = "bge-small or minilm.")
    String model;

    @Option(names = "--data", description = "Empty data directory (default: a temp directory).")
    Path data;

    @Option(names = "--out", defaultValue = "bench-results",
            description = "Where results.json and results.md go.")
    Path out;

    /**
     * {@code --store postgres --postgres-url URL} runs the server on PostgreSQL; without
     * {@code --postgres-schema} in a fresh schema, dropped afterwards.
     */
    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws Exception {
        List<Integer> ascending = sizes.stream().sorted().toList();
        new HttpBenchmark(new HttpBenchmark.Options(ascending, queries, ingest, clients,
                fillThreads, model, data, out, store.postgresOptions()), System.out).run();
        return 0;
    }
}
