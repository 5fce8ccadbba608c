package dev.spectron.api;

/**
 * The answer to adding a turn: the stored turn and what it changed.
 *
 * @param turn the stored turn
 * @param diff the extraction diff
 */
public record TurnResult(Turn turn, Diff diff) {}
