package dev.spectron.engine;

import dev.spectron.api.HitKind;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.Turn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a turn reads in the index and in answers. The index text names the speaker and the date
 * the turn was said, so that "what did Alice say in May" finds it by words as well as by meaning.
 */
final class TurnText {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String[] MONTHS = Arrays.stream(Month.values())
            .map(m -> m.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toArray(String[]::new);

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

    /** Longest excerpt of the previous turn carried into a reply's index text. */
    static final int REPLY_CONTEXT_CHARS = 200;

    /**
     * Separates what a turn says ({@code speaker: content}, which is embedded) from what the
     * index adds for word search (resolved relative dates, the date, the turn replied to). On
     * LoCoMo, embedding the additions too cost 4 points of dense recall@10.
     */
    static final char ADDITIONS = '\u2029';

    /**
     * In the text to embed for a reply, separates the turn from the sentence it answers (see
     * {@link SentenceVectors}: that sentence joins the turn's sentence vectors).
     */
    static final char ANSWERS = '\u2028';

    private static final String REPLYING = " [replying to ";

    /**
     * The text the search index holds for a turn: {@code speaker: content}, then
     * {@link #ADDITIONS} and the resolved relative dates and the date it was said.
     */
    static String index(String speaker, String content, Instant observedAt) {
        String notes = RelativeDates.notes(content, observedAt);
        return hit(speaker, plain(content)) + ADDITIONS
                + (notes.isEmpty() ? "" : "(" + notes + ") ") + "(" + day(observedAt) + ")";
    }

    /**
     * The text to embed for an index text: what the turn says (all of it up to
     * {@link #ADDITIONS}); for a reply, then {@link #ANSWERS} and the sentence of the turn it
     * replies to that it answers ({@code quinn: Can you suggest a restaurant?}).
     */
    static String embedded(String indexText) {
        int at = indexText.indexOf(ADDITIONS);
        if (at < 0) {
            return indexText;
        }
        String own = indexText.substring(0, at);
        int replying = indexText.indexOf(REPLYING, at);
        if (replying < 0 || !indexText.endsWith("]")) {
            return own;
        }
        String quoted = indexText.substring(replying + REPLYING.length(),
                indexText.length() - 1);
        return own + ANSWERS + SentenceVectors.answeredSentence(quoted);
    }

    /**
     * The index text of a turn that answers the previous one: an answer often names only half of
     * what it is about ("Sure, try Green Leaf." to "Can you suggest a restaurant?"), so the
     * question it answers is indexed with it: the end of the previous turn, where the question
     * usually is, up to {@link #REPLY_CONTEXT_CHARS}.
     */
    static String reply(String speaker, String content, Instant observedAt, String prevSpeaker,
            String prevContent) {
        String previous = plain(prevContent);
        String excerpt = previous;
        if (previous.length() > REPLY_CONTEXT_CHARS) {
            String tail = previous.substring(previous.length() - REPLY_CONTEXT_CHARS);
            excerpt = "…" + tail.substring(tail.indexOf(' ') + 1);
        }
        return index(speaker, content, observedAt) + REPLYING + prevSpeaker + ": " + excerpt + "]";
    }

    /** {@code text} without the characters index texts use as separators. */
    private static String plain(String text) {
        return text.replace(ADDITIONS, ' ').replace(ANSWERS, ' ');
    }

    /**
     * True when a turn is answered by the next one: an assistant reply, or any turn after one
     * that {@linkplain #asks asks}.
     */
    static boolean answeredBy(Turn previous, Role next) {
        return next == Role.ASSISTANT || asks(previous.content());
    }

    /**
     * True when a text asks something anywhere, not only at its end: "Ever been to one? [shares
     * a photo: a poster]" and "What concert was it? The advocacy event was cool!" are answered by
     * the next turn as much as "Where should we eat?" is.
     */
    static boolean asks(String text) {
        return text.indexOf('?') >= 0;
    }

    /**
     * What was said, without the {@code speaker: } that {@link #hit} and {@link #index} put
     * first: a speaker's name is not a thing the turn talks about.
     */
    static String spoken(String text) {
        int at = text.indexOf(": ");
        return at < 0 ? text : text.substring(at + 2);
    }

    /**
     * The part of a record's text that names things, for the lexicon: what a turn said
     * ({@link #spoken}), any other record's text whole. Indexing and ranking both ask it, so the
     * kinds a question is matched against are the kinds the index holds.
     *
     * @param kind the record's kind as the index and hits name it ({@link HitKind#wireName()})
     */
    static String naming(String kind, String text) {
        return HitKind.TURN.wireName().equals(kind) ? spoken(text) : text;
    }

    /** The text of a hit that cites a turn. */
    static String hit(String speaker, String content) {
        return speaker + ": " + content;
    }

    /** A date as people write it, e.g. {@code 8 May 2023}. */
    static String day(Instant at) {
        // Field by field for four-digit years: recall writes one per hit, and the formatter
        // costs ten times as much.
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), 86_400));
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return DAY.format(at);
        }
        return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " "
                + date.getYear();
    }
}
