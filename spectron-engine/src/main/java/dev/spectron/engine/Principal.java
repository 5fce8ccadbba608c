package dev.spectron.engine;

import dev.spectron.api.Scope;
import dev.spectron.engine.spi.ApiKeyRecord;
import java.util.Optional;

/**
 * Who is calling: the key a request authenticated with.
 *
 * @param keyId the key's public id
 * @param kind management or data
 * @param context the context a data key is bound to
 * @param role {@code agent} (reads and writes) or {@code reader} (reads only)
 * @param floor scope merged into every request made with the key
 */
public record Principal(String keyId, ApiKeyRecord.Kind kind, Optional<String> context,
        String role, Scope floor) {
    /** Role of keys that read and write. */
    public static final String AGENT = "agent";
    /** Role of keys that only read. */
    public static final String READER = "reader";

    /** True when the key may write memory. */
    public boolean canWrite() {
        return kind == ApiKeyRecord.Kind.DATA && AGENT.equals(role);
    }

    static Principal of(ApiKeyRecord key) {
        return new Principal(key.id(), key.kind(), key.context(), key.role(), key.floor());
    }
}
