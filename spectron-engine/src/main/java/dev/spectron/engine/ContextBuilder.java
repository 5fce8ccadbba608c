package dev.spectron.engine;

import dev.spectron.api.Context;
import dev.spectron.api.Hit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns recall candidates into prompt-ready text within a token budget, keeping only what passes
 * the relevance threshold, so that an unrelated question yields exactly {@code ""}.
 *
 * <p>Relevance: a candidate enters when its cosine similarity to the query reaches
 * {@link EngineConfig#contextMinSimilarity()}, or reaches the lower
 * {@link EngineConfig#contextMinSimilarityWithTerms()} while also sharing a content word with the
 * query. Tokens are estimated as one per four characters, rounded up (the usual rule of thumb
 * for English with BPE tokenizers).
 */
final class ContextBuilder {
    static final String TURNS_HEADING = "Relevant past conversation:";

    private final EngineConfig config;

    ContextBuilder(EngineConfig config) {
        this.config = config;
    }

    Context build(List<Candidate> candidates, int maxTokens) {
        List<Hit> relevant = new ArrayList<>();
        for (Candidate c : candidates) {
            if (isRelevant(c)) {
                relevant.add(c.hit());
            }
        }
        if (relevant.isEmpty()) {
            return new Context("", List.of(), "none");
        }
        StringBuilder text = new StringBuilder(TURNS_HEADING);
        List<Hit> items = new ArrayList<>();
        for (Hit hit : relevant) {
            String line = "\n" + line(hit);
            if (tokens(text.length() + line.length()) > maxTokens) {
                break;
            }
            text.append(line);
            items.add(hit);
        }
        if (items.isEmpty()) {
            return new Context("", List.of(), "none");
        }
        return new Context(text.toString(), items, "turns");
    }

    boolean isRelevant(Candidate c) {
        return c.similarity() >= config.contextMinSimilarity()
                || (c.lexical() && c.similarity() >= config.contextMinSimilarityWithTerms());
    }

    /** One hit as a dated bullet line. */
    static String line(Hit hit) {
        return "- [" + TurnText.day(hit.validFrom()) + "] " + hit.text();
    }

    /** Hits as bullet lines under a heading, or {@code ""} when there are none. */
    static String format(List<Hit> hits) {
        if (hits.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(TURNS_HEADING);
        hits.forEach(hit -> text.append('\n').append(line(hit)));
        return text.toString();
    }

    static int tokens(int chars) {
        return (chars + 3) / 4;
    }
}
