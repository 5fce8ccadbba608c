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

    @Test
    void authenticate_keyRevokedThroughAnotherNode_isRefusedAtOnce() {
        KeyService.Minted minted = service.mint(ApiKeyRecord.Kind.DATA, Optional.of("default"),
                Principal.AGENT, Scope.empty());
        assertThat(service.authenticate(minted.plaintext()).keyId())
                .isEqualTo(minted.record().id());
        KeyService otherNode = new KeyService(keyOnlyStore(),
                InstantSource.fixed(Instant.parse("2026-01-01T00:00:01Z")));

        otherNode.revoke("default", minted.record().id());

        assertThatThrownBy(() -> service.authenticate(minted.plaintext()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void authenticate_keyDeletedFromTheStore_isRefusedAtOnce() {
        KeyService.Minted minted = service.mint(ApiKeyRecord.Kind.DATA, Optional.of("default"),
                Principal.AGENT, Scope.empty());
        service.authenticate(minted.plaintext());

        keys.remove(minted.record().id());

        assertThatThrownBy(() -> service.authenticate(minted.plaintext()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void bootstrap_anotherNodeBootstrappedFirst_returnsEmpty() {
        KeyService otherNode = new KeyService(keyOnlyStore(), InstantSource.system());
        Optional<Credentials> first = otherNode.bootstrap("default");

        assertThat(service.bootstrap("default")).isEmpty();
        assertThat(service.authenticate(first.orElseThrow().apiKey()).context())
                .contains("default");
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
                    case "revokeKey" -> {
                        ApiKeyRecord key = keys.get((String) args[0]);
                        keys.put(key.id(), new ApiKeyRecord(key.id(), key.kind(), key.context(),
                                key.role(), key.floor(), key.hash(), key.createdAt(),
                                Optional.of((Instant) args[1])));
                        yield true;
                    }
                    case "bootstrap" -> {
                        if (keys.values().stream()
                                .anyMatch(k -> k.kind() == ApiKeyRecord.Kind.MANAGEMENT)) {
                            yield false;
                        }
                        contexts.add((String) args[0]);
                        for (Object key : new Object[] {args[2], args[3]}) {
                            keys.put(((ApiKeyRecord) key).id(), (ApiKeyRecord) key);
                        }
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
