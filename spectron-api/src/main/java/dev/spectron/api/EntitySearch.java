package dev.spectron.api;

/**
 * Which entities to list.
 *
 * @param scope the reader's scope: an entity is listed when a fact about it is visible there
 * @param type only this entity type; {@code ""} for any
 * @param nameContains only names containing this text (case-insensitive); {@code ""} for any
 * @param limit most entities, 1 to 1000
 */
public record EntitySearch(Scope scope, String type, String nameContains, int limit) {
    public EntitySearch {
        scope = scope == null ? Scope.empty() : scope;
        type = type == null ? "" : type;
        nameContains = nameContains == null ? "" : nameContains;
    }

    /** Every entity visible at {@code scope}, at most 100. */
    public static EntitySearch of(Scope scope) {
        return new EntitySearch(scope, "", "", 100);
    }
}
