package dev.spectron.cli;

import dev.spectron.client.SpectronClient;
import dev.spectron.eval.Mem0Import;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code spectron import mem0 FILE}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import memories from another system.",
        subcommands = {ImportCommand.Mem0.class})
final class ImportCommand {
    /** Replays a Mem0 get_all export. */
    @Command(name = "mem0", mixinStandardHelpOptions = true,
            description = "Replay a Mem0 get_all export (JSON list of {id, memory, user_id,"
                    + " agent_id, created_at, metadata}) into scopes {user, agent}."
                    + " Running it twice adds nothing.")
    static final class Mem0 implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "FILE", description = "The export, as JSON.")
        Path file;

        @Override
        public Integer call() throws Exception {
            long total = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile())
                    .size();
            try (SpectronClient c = client.client();
                    ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing")
                            .setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                                    System.err)).build()) {
                Mem0Import.Summary s = new Mem0Import(c.memory()).run(file, bar::stepTo);
                bar.close();
                System.out.printf("read %d memories: imported %d, skipped %d already imported;"
                        + " %d facts added or changed in %d scopes%n", s.read(), s.imported(),
                        s.skipped(), s.facts(), s.scopes());
                return 0;
            }
        }
    }
}
