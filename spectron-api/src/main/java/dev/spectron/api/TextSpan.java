package dev.spectron.api;

/**
 * Character offsets {@code [start, end)} in a turn or passage.
 *
 * @param start first character
 * @param end one past the last character
 */
public record TextSpan(int start, int end) {}
