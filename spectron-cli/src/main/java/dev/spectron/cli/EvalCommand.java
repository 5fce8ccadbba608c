package dev.spectron.cli;

import dev.spectron.eval.ContextCalibration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spectron eval …}: retrieval-quality measurements. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval quality.",
        subcommands = {EvalCommand.ContextThreshold.class})
final class EvalCommand {
    /** {@code spectron eval context}: the context relevance threshold on the calibration set. */
    @Command(name = "context", mixinStandardHelpOptions = true,
            description = "How often related questions get context and unrelated ones get \"\".")
    static final class ContextThreshold implements Callable<Integer> {
        @Option(names = "--embedding-model", defaultValue = "bge-small",
                description = "bge-small or minilm.")
        String model;

        @Override
        public Integer call() throws Exception {
            new ContextCalibration(model, System.out).run();
            return 0;
        }
    }
}
