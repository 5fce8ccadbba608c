package dev.spectron.cli;

import dev.spectron.client.SpectronClient;
import dev.spectron.embed.onnx.EmbeddingModel;
import dev.spectron.embedded.EmbeddedOptions;
import dev.spectron.embedded.EmbeddedSpectron;
import dev.spectron.eval.ContextCalibration;
import dev.spectron.eval.LocomoEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spectron eval …}: retrieval-quality measurements. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval quality.",
        subcommands = {EvalCommand.ContextThreshold.class, EvalCommand.Locomo.class})
final class EvalCommand {
    /** {@code spectron eval context}: the context relevance threshold on the calibration set. */
    @Command(name = "context", mixinStandardHelpOptions = true,
            description = "How often related questions get context and unrelated ones get \"\".")
    static final class ContextThreshold implements Callable<Integer> {
        @Option(names = "--embedding-model", defaultValue = "bge-small",
                description = "bge-small or minilm.")
        String model;

        @Option(names = "--set", description = "Another question set of the same shape "
                + "(default: the committed calibration set).")
        java.nio.file.Path set;

        @Override
        public Integer call() throws Exception {
            new ContextCalibration(model, System.out, java.util.Optional.ofNullable(set)).run();
            return 0;
        }
    }

    /** {@code spectron eval locomo}: evidence recall and context quality on LoCoMo. */
    @Command(name = "locomo", mixinStandardHelpOptions = true,
            description = "Store LoCoMo conversations, ask their questions, report evidence recall"
                    + " and context quality beside BM25-only and dense-only baselines.")
    static final class Locomo implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "LoCoMo JSON file.")
        Path data;

        @Option(names = "--out", defaultValue = "bench-results/locomo",
                description = "Directory for locomo.json, locomo.md and locomo.png.")
        Path out;

        @Option(names = "--conversations", defaultValue = "0",
                description = "Use only the first N conversations (0: all).")
        int conversations;

        @Option(names = "--embedding-model", defaultValue = "bge-small",
                description = "bge-small or minilm (embedded run; also the embedding baseline).")
        String model;

        @Option(names = "--extractor", defaultValue = "rules",
                description = "rules, llm or none (embedded run).")
        String extractor;

        @Option(names = "--data-dir", description = "Keep the embedded store here (default: a"
                + " temporary directory, deleted after); a later run reuses what it holds.")
        Path dataDir;

        @Option(names = "--url", description = "Measure a running server instead of an embedded"
                + " Spectron in a temporary directory.")
        String url;

        @Option(names = "--api-key", description = "Data key for --url (default:"
                + " SPECTRON_API_KEY).")
        String apiKey;

        @Option(names = "--context", defaultValue = "default",
                description = "Context to store into with --url; use a fresh one.")
        String context;

        @Override
        public Integer call() throws Exception {
            LocomoEval eval = new LocomoEval(new LocomoEval.Options(data, out, model,
                    conversations), System.out);
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("spectron-locomo");
            // The baselines' store: the same turns as a plain store holds them, no extraction.
            EmbeddedOptions plain = EmbeddedOptions.of(dir.resolve("baseline"))
                    .withEmbeddingModel(model).withExtractor("none")
                    .withEngine(EmbeddedSpectron.calibrated(EmbeddingModel.parse(model))
                            .withPlainTurnIndex());
            try (EmbeddedSpectron baseline = EmbeddedSpectron.open(plain, n -> { })) {
                if (url != null) {
                    String key = apiKey != null ? apiKey : System.getenv("SPECTRON_API_KEY");
                    try (SpectronClient client = SpectronClient.builder().baseUrl(url)
                            .apiKey(key).context(context).build()) {
                        eval.run(client.memory(context), baseline.memory());
                    }
                    return 0;
                }
                try (EmbeddedSpectron spectron = EmbeddedSpectron.open(EmbeddedOptions.of(dir)
                        .withEmbeddingModel(model).withExtractor(extractor), n -> { })) {
                    eval.run(spectron.memory(), baseline.memory());
                }
            } finally {
                if (dataDir == null) {
                    deleteRecursively(dir);
                }
            }
            return 0;
        }

        private static void deleteRecursively(Path dir) throws java.io.IOException {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
