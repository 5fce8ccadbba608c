package dev.spectron.engine.spi;

/**
 * Character offsets of the text a fact was read from, in the turn or passage: {@code [start, end)}.
 *
 * @param start first character
 * @param end one past the last character
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
