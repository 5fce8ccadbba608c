package dev.spectron.cli;

import dev.spectron.api.EntityInfo;
import dev.spectron.api.EntitySearch;
import dev.spectron.client.SpectronClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectron entities}: entities visible at a scope. */
@Command(name = "entities", mixinStandardHelpOptions = true,
        description = "List entities with facts visible at a scope.")
final class EntitiesCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--type", defaultValue = "", description = "Only this type, e.g. person.")
    String type;

    @Option(names = "--name", defaultValue = "", description = "Only names containing this.")
    String name;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            for (EntityInfo e : c.memory().entities(new EntitySearch(client.scope(), type, name,
                    100))) {
                System.out.printf("%-40s %d attributes, %d relations%n", e.address(),
                        e.attributes().size(), e.relations().size());
            }
            return 0;
        }
    }
}
