package dev.spectron.cli;

import dev.spectron.api.RememberResult;
import dev.spectron.client.SpectronClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code spectron remember TEXT}. */
@Command(name = "remember", mixinStandardHelpOptions = true,
        description = "Remember a statement, e.g."
                + " spectron remember --scope user=alice \"I prefer tea.\"")
final class RememberCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to remember.")
    String[] words;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            RememberResult result = c.memory().remember(String.join(" ", words), client.scope());
            System.out.println("remembered turn " + result.turnId() + " in session "
                    + result.sessionId());
            return 0;
        }
    }
}
