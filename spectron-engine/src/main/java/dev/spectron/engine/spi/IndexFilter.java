package dev.spectron.engine.spi;

import java.util.Optional;
import java.util.Set;

/**
 * What every index query is restricted to, inside the query itself (never by filtering results
 * afterwards, which could drop a small tenant's hits).
 *
 * @param context the tenant
 * @param scopeKeys the scope keys the reader may see ({@link dev.spectron.api.Scope#floorKeys()})
 * @param kinds record kinds to return; empty means all
 * @param sessionId restrict to one session
 */
public record IndexFilter(String context, Set<String> scopeKeys, Set<String> kinds,
        Optional<String> sessionId) {
    public IndexFilter {
        scopeKeys = Set.copyOf(scopeKeys);
        kinds = Set.copyOf(kinds);
    }
}
