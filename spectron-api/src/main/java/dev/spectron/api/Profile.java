package dev.spectron.api;

import java.util.List;

/**
 * What is known about a scope's subject (its user, else its agent, else its org), ready to put at
 * the start of a conversation.
 *
 * @param summary a short deterministic paragraph built from current facts; {@code ""} when
 *     nothing is known
 * @param identity who the subject is (name, role, employer, home, family…)
 * @param preferences facts and preferences
 * @param context the short-lived working set (today's task)
 * @param instructions active directives
 * @param uncertainties open questions, including authority conflicts
 */
public record Profile(String summary, List<ProfileFact> identity, List<ProfileFact> preferences,
        List<ProfileFact> context, List<Instruction> instructions,
        List<Uncertainty> uncertainties) {
    public Profile {
        identity = List.copyOf(identity);
        preferences = List.copyOf(preferences);
        context = List.copyOf(context);
        instructions = List.copyOf(instructions);
        uncertainties = List.copyOf(uncertainties);
    }
}
