package dev.spectron.engine;

import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * How a turn reads in the index and in answers. The index text names the speaker and the date
 * the turn was said, so that "what did Alice say in May" finds it by words as well as by meaning.
 */
final class TurnText {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private TurnText() {}

    /**
     * Who said it, for display: the given speaker, else the scope's user for user turns and the
     * scope's agent for assistant turns, else the role.
     */
    static String speaker(Role role, Optional<String> speaker, Scope scope) {
        if (speaker.isPresent() && !speaker.get().isBlank()) {
            return speaker.get();
        }
        Optional<String> fromScope = switch (role) {
            case USER -> scope.get("user");
            case ASSISTANT -> scope.get("agent");
            default -> Optional.empty();
        };
        return fromScope.orElse(role.wireName());
    }

    /** The text the search index holds for a turn. */
    static String index(String speaker, String content, Instant observedAt) {
        return speaker + ": " + content + " (" + day(observedAt) + ")";
    }

    /** The text of a hit that cites a turn. */
    static String hit(String speaker, String content) {
        return speaker + ": " + content;
    }

    /** A date as people write it, e.g. {@code 8 May 2023}. */
    static String day(Instant at) {
        return DAY.format(at);
    }
}
