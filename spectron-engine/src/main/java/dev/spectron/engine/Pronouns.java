package dev.spectron.engine;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.EntityKey;
import java.util.Optional;

/**
 * Who "I", "we" and "you" are in a text, from the scope's tags, the turn's role and speaker (SPEC
 * §2.4, self entity): in a user turn "I" is {@code person/<speaker>} or {@code person/<user>};
 * in an assistant turn "I" is {@code other/<agent>}; "we" is the scope's org; "you" is the other
 * side of the conversation.
 *
 * @param self who I/me/my refer to
 * @param group who we/our/us refer to
 * @param addressee who you/your refer to
 */
record Pronouns(Optional<EntityKey> self, Optional<EntityKey> group,
        Optional<EntityKey> addressee) {

    static Pronouns of(Role role, Optional<String> speaker, Scope scope, boolean document) {
        Optional<EntityKey> user = speaker.filter(s -> role == Role.USER && !s.isBlank())
                .or(() -> scope.get("user")).map(name -> EntityKey.of("person", name));
        Optional<EntityKey> agent = scope.get("agent").map(name -> EntityKey.of("other", name));
        Optional<EntityKey> org = scope.get("org").map(name -> EntityKey.of("organization", name));
        if (document) {
            return new Pronouns(org, org, Optional.empty());
        }
        if (role == Role.ASSISTANT) {
            // The assistant's "I" is its agent, never the org: an assistant echoing "I prefer
            // vegetarian food" must not become the organisation's preference.
            return new Pronouns(agent, org.or(() -> agent), user);
        }
        return new Pronouns(user, org.or(() -> user), agent.or(() -> org));
    }
}
