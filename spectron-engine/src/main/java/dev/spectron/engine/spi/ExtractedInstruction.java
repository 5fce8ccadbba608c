package dev.spectron.engine.spi;

import java.util.Optional;

/**
 * A behavioural directive read from text ("From now on, always answer in metric units.").
 *
 * @param text the directive, as it should be shown to an LLM ("always answer in metric units")
 * @param action whether it starts a directive or stops one
 * @param target for {@link Action#STOP}: words naming the directive being stopped ("replying
 *     formally"); matched against active instructions
 * @param span where in the text it was read
 */
public record ExtractedInstruction(String text, Action action, Optional<String> target,
        Span span) {
    public ExtractedInstruction {
        target = target == null ? Optional.empty() : target;
    }

    /** Start or stop a directive. */
    public enum Action { START, STOP }
}
