package dev.spectron.engine;

import dev.spectron.api.Context;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns recall candidates into prompt-ready text within a token budget: sections for known facts,
 * document passages, instructions and relevant past turns (with dates), keeping only what passes
 * the relevance threshold, so that an unrelated question yields exactly {@code ""}. Active
 * instructions are directives for every answer, so they are always included.
 *
 * <p>Relevance: a candidate enters when its cosine similarity to the query reaches
 * {@link EngineConfig#contextMinSimilarity()}, or reaches the lower
 * {@link EngineConfig#contextMinSimilarityWithTerms()} while also sharing a content word with the
 * query. Tokens are estimated as one per four characters, rounded up (the usual rule of thumb
 * for English with BPE tokenizers). {@code items} holds exactly the hits in the text, in order.
 */
final class ContextBuilder {
    static final String FACTS_HEADING = "Known facts:";
    static final String DOCUMENTS_HEADING = "From documents:";
    static final String INSTRUCTIONS_HEADING = "Instructions:";
    static final String TURNS_HEADING = "Relevant past conversation:";

    private final EngineConfig config;

    ContextBuilder(EngineConfig config) {
        this.config = config;
    }

    Context build(List<Candidate> candidates, int maxTokens) {
        return build(candidates, List.of(), maxTokens);
    }

    Context build(List<Candidate> candidates, List<Hit> instructions, int maxTokens) {
        Map<String, List<Hit>> sections = new LinkedHashMap<>();
        sections.put(FACTS_HEADING, new ArrayList<>());
        sections.put(DOCUMENTS_HEADING, new ArrayList<>());
        sections.put(INSTRUCTIONS_HEADING, new ArrayList<>(instructions));
        sections.put(TURNS_HEADING, new ArrayList<>());
        for (Candidate c : candidates) {
            if (!isRelevant(c)) {
                continue;
            }
            Hit hit = c.hit();
            String section = switch (hit.kind()) {
                case ATTRIBUTE, RELATION -> FACTS_HEADING;
                case CHUNK -> DOCUMENTS_HEADING;
                case INSTRUCTION -> INSTRUCTIONS_HEADING;
                case TURN -> TURNS_HEADING;
            };
            List<Hit> list = sections.get(section);
            if (list.stream().noneMatch(h -> h.id().equals(hit.id()))) {
                list.add(hit);
            }
        }
        StringBuilder text = new StringBuilder();
        List<Hit> items = new ArrayList<>();
        for (Map.Entry<String, List<Hit>> section : sections.entrySet()) {
            boolean opened = false;
            for (Hit hit : section.getValue()) {
                String heading = opened ? "" : (text.isEmpty() ? "" : "\n") + section.getKey();
                String line = heading + "\n" + line(hit);
                if (tokens(text.length() + line.length()) > maxTokens) {
                    continue;
                }
                text.append(line);
                items.add(hit);
                opened = true;
            }
        }
        if (items.isEmpty()) {
            return new Context("", List.of(), "none");
        }
        return new Context(text.toString(), items, tier(items));
    }

    boolean isRelevant(Candidate c) {
        return c.similarity() >= config.contextMinSimilarity()
                || (c.lexical() && c.similarity() >= config.contextMinSimilarityWithTerms());
    }

    /** One hit as a bullet line; turns carry the date they were said. */
    static String line(Hit hit) {
        return switch (hit.kind()) {
            case TURN -> "- [" + TurnText.day(hit.validFrom()) + "] " + hit.text();
            case INSTRUCTION -> "- " + hit.text().replaceFirst("^instruction: ", "");
            case ATTRIBUTE, RELATION -> "- " + hit.text() + " (since "
                    + TurnText.day(hit.validFrom()) + ")";
            case CHUNK -> "- " + hit.text();
        };
    }

    /** Hits as bullet lines under a heading, or {@code ""} when there are none. */
    static String format(List<Hit> hits) {
        if (hits.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Recalled memories:");
        hits.forEach(hit -> text.append('\n').append(line(hit)));
        return text.toString();
    }

    static int tokens(int chars) {
        return (chars + 3) / 4;
    }

    private static String tier(List<Hit> items) {
        boolean facts = items.stream().anyMatch(h -> h.kind() != HitKind.TURN);
        boolean turns = items.stream().anyMatch(h -> h.kind() == HitKind.TURN);
        return facts && turns ? "facts+turns" : facts ? "facts" : "turns";
    }
}
