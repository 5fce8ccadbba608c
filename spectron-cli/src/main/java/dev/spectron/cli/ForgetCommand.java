package dev.spectron.cli;

import dev.spectron.api.ForgetRequest;
import dev.spectron.api.ForgetResult;
import dev.spectron.client.SpectronClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectron forget}: scoped forget, optionally narrowed, optionally purged. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Forget memory, e.g. spectron forget --scope user=alice --dry-run")
final class ForgetCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--query", description = "Only records matching this query.")
    String query;

    @Option(names = "--entity", description = "Only facts about this entity (type/name).")
    String entity;

    @Option(names = "--fact-key", description = "Only facts with this key or label.")
    String key;

    @Option(names = "--purge", description = "Delete rows physically (erasure).")
    boolean purge;

    @Option(names = "--dry-run", description = "Count only.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            ForgetResult result = c.memory().forget(new ForgetRequest(client.scope(),
                    Optional.ofNullable(query), Optional.ofNullable(entity),
                    Optional.ofNullable(key), purge, dryRun));
            System.out.println((dryRun ? "would forget " : "forgot ") + result.forgotten()
                    + " records");
            return 0;
        }
    }
}
