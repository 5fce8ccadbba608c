package dev.spectron.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Prompt-ready context.
 *
 * @param formatted text to append to a system prompt; exactly {@code ""} when nothing relevant
 *     is stored, so that the caller's prompt stays byte-identical
 * @param items the memories in {@code formatted}, in the order they appear there
 * @param tier how the context was assembled ({@code none} when empty)
 */
public record Context(String formatted, List<Hit> items, String tier) {
    public Context {
        items = List.copyOf(items);
    }

    /** True when there is nothing to inject. */
    @JsonIgnore
    public boolean isEmpty() {
        return formatted.isEmpty();
    }
}
