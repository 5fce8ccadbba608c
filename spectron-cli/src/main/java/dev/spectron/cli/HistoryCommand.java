package dev.spectron.cli;

import dev.spectron.api.Attribute;
import dev.spectron.api.Fact;
import dev.spectron.api.Relation;
import dev.spectron.client.SpectronClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code spectron history ENTITY KEY}: a supersession chain, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show how a fact changed, e.g."
                + " spectron history --scope user=alice person/alice food_preference")
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "ENTITY", description = "type/name, e.g. person/alice")
    String entity;

    @Parameters(index = "1", paramLabel = "KEY", description = "attribute key or relation label")
    String key;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            for (Fact fact : c.memory().history(entity, key, client.scope())) {
                String value = switch (fact) {
                    case Attribute a -> a.value();
                    case Relation r -> r.object();
                };
                System.out.printf("%-10s %s  (from %s)%n", fact.status().wireName(), value,
                        switch (fact) {
                            case Attribute a -> a.validFrom();
                            case Relation r -> r.validFrom();
                        });
            }
            return 0;
        }
    }
}
