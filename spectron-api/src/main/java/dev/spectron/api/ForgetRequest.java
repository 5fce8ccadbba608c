package dev.spectron.api;

import java.util.Optional;

/**
 * What to forget.
 *
 * @param scope every record whose scope contains all these tags ({@code {user: alice}} reaches
 *     Alice's memory under any org)
 * @param query narrow to records that match this query
 * @param entity narrow to facts about this entity ({@code type/name})
 * @param key narrow to facts with this key or label
 * @param purge remove rows physically instead of hiding them
 * @param dryRun count only, change nothing
 */
public record ForgetRequest(Scope scope, Optional<String> query, Optional<String> entity,
        Optional<String> key, boolean purge, boolean dryRun) {
    public ForgetRequest {
        scope = scope == null ? Scope.empty() : scope;
        query = query == null ? Optional.empty() : query;
        entity = entity == null ? Optional.empty() : entity;
        key = key == null ? Optional.empty() : key;
    }

    /** Everything of {@code scope}, hidden from every read. */
    public static ForgetRequest of(Scope scope) {
        return new ForgetRequest(scope, Optional.empty(), Optional.empty(), Optional.empty(),
                false, false);
    }
}
