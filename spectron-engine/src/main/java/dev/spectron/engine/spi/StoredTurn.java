package dev.spectron.engine.spi;

import dev.spectron.api.Scope;
import dev.spectron.api.Turn;

/**
 * A turn as read back from the store, with the scope it inherited from its session.
 *
 * @param turn the turn
 * @param scope its session's scope
 */
public record StoredTurn(Turn turn, Scope scope) {}
