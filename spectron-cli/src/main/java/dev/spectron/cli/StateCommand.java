package dev.spectron.cli;

import dev.spectron.api.MemoryState;
import dev.spectron.client.SpectronClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spectron state}: everything current at a scope. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Show every current fact, instruction and open question of a scope.")
final class StateCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            MemoryState state = c.memory().state(client.scope());
            state.attributes().forEach(a -> System.out.printf("%s  %s = %s%n", a.entity(),
                    a.key(), a.value()));
            state.relations().forEach(r -> System.out.printf("%s  -[%s]->  %s%n", r.subject(),
                    r.label(), r.object()));
            state.instructions().forEach(i -> System.out.println("instruction: " + i.text()));
            state.uncertainties().forEach(u -> System.out.println("open " + u.kind() + " "
                    + u.about() + ": " + u.reason() + " (id " + u.id() + ")"));
            return 0;
        }
    }
}
