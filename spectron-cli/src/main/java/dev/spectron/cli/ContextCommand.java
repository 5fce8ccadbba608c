package dev.spectron.cli;

import dev.spectron.api.Context;
import dev.spectron.api.ContextRequest;
import dev.spectron.client.SpectronClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spectron context QUERY}: what would be added to a prompt. */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = "Print the prompt-ready context for a query"
                + " (nothing when nothing is relevant).")
final class ContextCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--max-tokens", defaultValue = "1000", description = "Token budget.")
    int maxTokens;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The user's message.")
    String[] words;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            Context context = c.memory().context(new ContextRequest(String.join(" ", words),
                    client.scope(), 10, maxTokens));
            if (!context.formatted().isEmpty()) {
                System.out.println(context.formatted());
            }
            return 0;
        }
    }
}
