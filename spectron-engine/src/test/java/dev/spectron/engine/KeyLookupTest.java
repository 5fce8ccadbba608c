package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spectron.api.FactStatus;
import dev.spectron.api.Scope;
import dev.spectron.api.Source;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.FactRecord;
import dev.spectron.engine.spi.KeyRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyLookupTest {
    private static final Instant AT = Instant.parse("2025-06-01T00:00:00Z");
    private final InMemoryFactStore store = new InMemoryFactStore();
    private final KeyLookup lookup = new KeyLookup(store);
    private final KeyRegistry registry = KeyRegistry.builtIn();

    @Test
    void find_namedEntityAndKeySynonym_readsItsCurrentFact() {
        fact("f1", "alice", "favorite_book", "Dune", Scope.of("team", "x"));
        fact("f2", "bob", "favorite_book", "Emma", Scope.of("team", "x"));
        assertThat(find("What is Alice's favourite book?", Scope.of("team", "x")))
                .containsExactly("Dune");
    }

    @Test
    void find_firstPerson_meansTheScopesUser() {
        fact("f1", "alice", "favorite_book", "Dune", Scope.of("user", "alice"));
        fact("f2", "bob", "favorite_book", "Emma", Scope.of("user", "bob"));
        assertThat(find("remind me, what's my favorite book", Scope.of("user", "alice")))
                .containsExactly("Dune");
    }

    @Test
    void find_unclearWhom_looksNothingUp() {
        fact("f1", "alice", "favorite_book", "Dune", Scope.of("team", "x"));
        fact("f2", "bob", "favorite_book", "Emma", Scope.of("team", "x"));
        assertThat(find("What is her favourite book?", Scope.of("team", "x"))).isEmpty();
    }

    @Test
    void find_onlyOneHolder_isTheAnswer() {
        fact("f1", "alice", "favorite_book", "Dune", Scope.of("team", "x"));
        assertThat(find("Which favourite book?", Scope.of("team", "x"))).containsExactly("Dune");
    }

    @Test
    void find_otherScopes_stayInvisible() {
        fact("f1", "alice", "favorite_book", "Dune", Scope.of("team", "y"));
        assertThat(find("What is Alice's favourite book?", Scope.of("team", "x"))).isEmpty();
    }

    @Test
    void find_noKeyNamed_looksNothingUp() {
        fact("f1", "alice", "favorite_book", "Dune", Scope.of("team", "x"));
        assertThat(find("What did Alice say about the weather?", Scope.of("team", "x")))
                .isEmpty();
    }

    private List<String> find(String query, Scope scope) {
        return lookup.find("ctx", query, scope, registry).stream().map(FactRecord::value)
                .toList();
    }

    private void fact(String id, String subject, String key, String value, Scope scope) {
        FactRecord f = new FactRecord(id, EntityKey.of("person", subject), key, value,
                Optional.empty(), "knowledge", 0.5, 0.9, scope, FactStatus.CURRENT, AT,
                Optional.empty(), AT, Optional.empty(), Optional.empty(), Optional.empty(),
                new Source("turn", "turn:t" + id, Optional.of("s"), Optional.of("t" + id),
                        Map.of()));
        store.facts.put(id, f);
    }
}
