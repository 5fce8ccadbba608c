package dev.spectron.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spectron.api.AuthenticationException;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.ApiKeyRecord;
import dev.spectron.engine.spi.MemoryStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyServiceTest {
    private final Map<String, ApiKeyRecord> keys = new HashMap<>();
    private final Set<String> contexts = new HashSet<>();
    private final KeyService service = new KeyService(keyOnlyStore(),
            InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void mint_thenAuthenticate_returnsThePrincipal() {
        KeyService.Minted minted = service.mint(ApiKeyRecord.Kind.DATA, Optional.of("default"),
                Principal.READER, Scope.of("user", "alice"));
        assertThat(minted.plaintext()).startsWith("spk_" + minted.record().id() + "_");
        Principal principal = service.authenticate(minted.plaintext());
        assertThat(principal.context()).contains("default");
        assertThat(principal.floor()).isEqualTo(Scope.of("user", "alice"));
        assertThat(principal.canWrite()).isFalse();
    }

    @Test
    void mint_storesOnlyASaltedHash() {
        KeyService.Minted minted = service.mint(ApiKeyRecord.Kind.DATA, Optional.of("default"),
                Principal.AGENT, Scope.empty());
        String secret = minted.plaintext().substring(minted.plaintext().lastIndexOf('_') + 1);
        assertThat(minted.record().hash()).startsWith("pbkdf2-sha256$").doesNotContain(secret);
    }

    @Test
    void authenticate_wrongSecretOrUnknownIdOrGarbage_isRejected() {
        KeyService.Minted minted = service.mint(ApiKeyRecord.Kind.DATA, Optional.of("default"),
                Principal.AGENT, Scope.empty());
        String wrong = minted.plaintext().substring(0, minted.plaintext().length() - 1)
                + (minted.plaintext().endsWith("0") ? "1" : "0");
        assertThatThrownBy(() -> service.authenticate(wrong))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> service.authenticate("spk_000000000000_abc"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> service.authenticate("spk_"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> service.authenticate(null))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void mint_unknownRole_isInvalid() {
        assertThatThrownBy(() -> service.mint(ApiKeyRecord.Kind.DATA, Optional.of("default"),
                "admin", Scope.empty())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("role");
    }

    @Test
    void bootstrap_onlyOnce() {
        Optional<Credentials> first = service.bootstrap("default");
        assertThat(first).isPresent();
        assertThat(contexts).contains("default");
        assertThat(service.authenticate(first.get().apiKey()).kind())
                .isEqualTo(ApiKeyRecord.Kind.DATA);
        assertThat(service.authenticate(first.get().managementKey()).kind())
                .isEqualTo(ApiKeyRecord.Kind.MANAGEMENT);
        assertThat(service.bootstrap("default")).isEmpty();
    }

    /** A store that holds keys and contexts and refuses everything else. */
    private MemoryStore keyOnlyStore() {
        return (MemoryStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "insertKey" -> {
                        ApiKeyRecord key = (ApiKeyRecord) args[0];
                        keys.put(key.id(), key);
                        yield null;
                    }
                    case "key" -> Optional.ofNullable(keys.get((String) args[0]));
                    case "hasManagementKey" -> keys.values().stream()
                            .anyMatch(k -> k.kind() == ApiKeyRecord.Kind.MANAGEMENT);
                    case "createContext" -> contexts.add((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
