package dev.spectron.engine;

import dev.spectron.api.Hit;
import dev.spectron.api.Scope;
import dev.spectron.engine.spi.KeyRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a recall candidate is relevant enough to enter a context (SPEC §4: empty when nothing
 * passes the relevance threshold).
 *
 * <p>A candidate passes when its cosine similarity to the query reaches a threshold, or a lower
 * one when it also shares a content word with the query ({@link ContentWords}; a fact also counts
 * its key's synonyms from the key registry, so "job" meets {@code role}). Which pair of
 * thresholds applies depends on the query:
 * <ul>
 *   <li>a query about someone — a personal pronoun ("she", "his", "my", "I", "we"), or the name
 *       of the scope's user or agent or of a person or animal the candidates are about — uses
 *       {@link EngineConfig#contextMinSimilarity()} and
 *       {@link EngineConfig#contextMinSimilarityWithTerms()};</li>
 *   <li>any other query uses the stricter {@link EngineConfig#contextImpersonalMinSimilarity()}
 *       and {@link EngineConfig#contextImpersonalMinSimilarityWithTerms()}.</li>
 * </ul>
 * Memory is about people. A question that refers to nobody ("Who discovered penicillin?",
 * "How do I exit Vim?") is a question about the world: a memory that shares its topic
 * ("alice — allergy: penicillin") is no answer to it unless it is a close paraphrase. The "I" of
 * a how-to question ("how do I …", "how can we …") is the impersonal "one" and does not count.
 * Names count only as written with a capital, unless the whole query is lower case.
 */
final class Relevance {
    /** Pronouns that make a query about someone; "me" and "us" are who gets the answer. */
    static final Set<String> PERSONAL_PRONOUNS = Set.of("i", "my", "mine", "myself", "we", "our",
            "ours", "ourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself");
    /**
     * Asking for ideas or suggestions is asking about the asker's own taste ("Any vegetarian
     * dinner ideas?"), so such a query is about someone even without a pronoun.
     */
    static final Set<String> ASKING_ADVICE = Set.of("idea", "ideas", "suggest", "suggestion",
            "suggestions", "advice", "tips");
    private static final Pattern HOW_TO = Pattern.compile(
            "\\bhow (?:do|can|could|should|would|might|will|to) (?:i|we)\\b",
            Pattern.CASE_INSENSITIVE);

    private final Set<String> queryWords;
    /** {@link #sharesWord} by hit id, for this one query. */
    private final java.util.Map<String, Boolean> sharing = new java.util.HashMap<>();
    private final boolean personal;
    private final double alone;
    private final double withTerms;
    private final double strictAlone;
    private final double strictWithTerms;
    private final KeyRegistry registry;

    private Relevance(Set<String> queryWords, boolean personal, EngineConfig config,
            KeyRegistry registry) {
        this.queryWords = queryWords;
        this.personal = personal;
        this.alone = config.contextMinSimilarity();
        this.withTerms = config.contextMinSimilarityWithTerms();
        this.strictAlone = config.contextImpersonalMinSimilarity();
        this.strictWithTerms = config.contextImpersonalMinSimilarityWithTerms();
        this.registry = registry;
    }

    /**
     * The relevance test for one query.
     *
     * @param candidates what recall found for it (their people count as names the query may use)
     * @param registry the context's key registry, for the synonyms of fact keys
     */
    static Relevance of(String query, Scope scope, List<Candidate> candidates,
            KeyRegistry registry, EngineConfig config) {
        Set<String> names = new HashSet<>();
        scope.get("user").ifPresent(n -> names.add(n.toLowerCase(Locale.ROOT)));
        scope.get("agent").ifPresent(n -> names.add(n.toLowerCase(Locale.ROOT)));
        candidates.forEach(c -> names.addAll(c.people()));
        return new Relevance(ContentWords.of(query), aboutSomeone(query, names), config,
                registry);
    }

    /** True when the query refers to someone by a personal pronoun or by one of {@code names}. */
    static boolean aboutSomeone(String query, Set<String> names) {
        boolean lowerCase = query.equals(query.toLowerCase(Locale.ROOT));
        for (String word : ContentWords.words(HOW_TO.matcher(query).replaceAll("how to"))) {
            String lower = ContentWords.withoutPossessive(word.toLowerCase(Locale.ROOT));
            if (PERSONAL_PRONOUNS.contains(lower) || ASKING_ADVICE.contains(lower)) {
                return true;
            }
            boolean capitalised = Character.isUpperCase(word.codePointAt(0));
            if ((capitalised || lowerCase) && names.contains(lower)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the query refers to someone (and so the lower thresholds apply). */
    boolean personal() {
        return personal;
    }

    /**
     * Whether a candidate is relevant. A question that refers to nobody is about the world: a
     * memory by or about someone (Alice's allergy, her friend's records) answers it only at the
     * stricter impersonal thresholds; a memory about no one in particular (the org's support
     * hours) at the usual ones.
     */
    boolean test(Candidate c) {
        boolean strict = !personal && !c.people().isEmpty();
        double a = strict ? strictAlone : alone;
        double w = strict ? strictWithTerms : withTerms;
        return c.similarity() >= a || (c.similarity() >= w && sharesWord(c.hit()));
    }

    /**
     * Whether a forget with this query reaches the candidate: it names a content word of the
     * query, or is close enough in meaning on its own. Stricter than {@link #test}: "forget
     * Porto" must not take "I live in Lisbon" with it because both are about cities.
     */
    boolean forgets(Candidate c) {
        return sharesWord(c.hit()) || c.similarity() >= (personal ? alone : strictAlone);
    }

    /**
     * True when the hit and the query share a content word. Remembered per hit: the context asks
     * it of a candidate both to judge it and to see whether it may join as a companion.
     */
    boolean sharesWord(Hit hit) {
        if (queryWords.isEmpty()) {
            return false;
        }
        return sharing.computeIfAbsent(hit.id(), id -> {
            Set<String> words = new HashSet<>(ContentWords.of(text(hit)));
            words.retainAll(queryWords);
            return !words.isEmpty();
        });
    }

    /** A hit's text, with the synonyms of a fact's key (so "job" meets "alice — role: …"). */
    private String text(Hit hit) {
        return switch (hit.kind()) {
            case ATTRIBUTE, RELATION, UNCERTAINTY -> FactText.key(hit.text())
                    .map(key -> hit.text() + " " + String.join(" ",
                            registry.spec(key).synonyms()).replace('_', ' '))
                    .orElse(hit.text());
            case INSTRUCTION, TURN, CHUNK -> hit.text();
        };
    }
}
