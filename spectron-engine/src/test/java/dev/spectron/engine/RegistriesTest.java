package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.engine.spi.KeyRegistry;
import dev.spectron.engine.spi.KeySpec;
import dev.spectron.engine.spi.MemoryStore;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistriesTest {
    private final List<KeySpec> stored = new ArrayList<>();
    private int reads;

    @Test
    void of_specsSavedThroughAnotherNode_applyAtOnce() {
        Registries here = new Registries(store(), KeyRegistry.builtIn());
        Registries otherNode = new Registries(store(), KeyRegistry.builtIn());
        assertThat(here.of("acme").find("locker_code")).isEmpty();

        otherNode.extend("acme", List.of(book(KeySpec.Cardinality.ONE)));

        assertThat(here.of("acme").find("locker_code")).map(KeySpec::cardinality)
                .contains(KeySpec.Cardinality.ONE);
    }

    @Test
    void of_specsRedefinedThroughAnotherNode_applyAtOnce() {
        Registries here = new Registries(store(), KeyRegistry.builtIn());
        stored.add(book(KeySpec.Cardinality.ONE));
        assertThat(here.of("acme").find("locker_code").orElseThrow().cardinality())
                .isEqualTo(KeySpec.Cardinality.ONE);

        stored.set(0, book(KeySpec.Cardinality.MANY));

        assertThat(here.of("acme").find("locker_code").orElseThrow().cardinality())
                .isEqualTo(KeySpec.Cardinality.MANY);
    }

    @Test
    void of_unchangedSpecs_reusesTheBuiltRegistryButReadsTheStoreEachTime() {
        Registries here = new Registries(store(), KeyRegistry.builtIn());
        stored.add(book(KeySpec.Cardinality.ONE));

        KeyRegistry first = here.of("acme");
        KeyRegistry second = here.of("acme");

        assertThat(second).isSameAs(first);
        assertThat(reads).isEqualTo(2);
    }

    private static KeySpec book(KeySpec.Cardinality cardinality) {
        return new KeySpec("locker_code", false, cardinality, KeySpec.Category.KNOWLEDGE,
                List.of("locker combination"));
    }

    /** Key specs of one context, shared by every Registries made over it. */
    private MemoryStore store() {
        return (MemoryStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MemoryStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "keySpecs" -> {
                        reads++;
                        yield List.copyOf(stored);
                    }
                    case "saveKeySpecs" -> {
                        @SuppressWarnings("unchecked")
                        List<KeySpec> specs = (List<KeySpec>) args[1];
                        for (KeySpec spec : specs) {
                            stored.removeIf(s -> s.key().equals(spec.key()));
                            stored.add(spec);
                        }
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
