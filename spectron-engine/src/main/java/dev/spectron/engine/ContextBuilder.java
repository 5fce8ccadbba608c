package dev.spectron.engine;

import dev.spectron.api.Context;
import dev.spectron.api.Hit;
import dev.spectron.api.HitKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns recall candidates into prompt-ready text within a token budget: sections for known facts,
 * document passages, instructions and relevant past turns (with dates), keeping only what passes
 * the relevance threshold ({@link Relevance}), so that an unrelated question yields exactly
 * {@code ""}.
 *
 * <p>Instructions: active instructions apply to every answer, so whenever anything else in the
 * context passed the threshold, all of them are included. On its own an instruction enters only
 * when it is itself relevant to the query (recall found it and it passes the same threshold as
 * any memory); when nothing passes, the context is {@code ""} with no items even though
 * instructions exist, so an unrelated question leaves the caller's prompt unchanged.
 *
 * <p>Open uncertainties: once a memory passed, an open uncertainty visible at the scope enters
 * when it questions a fact the context holds (same entity and key) or shares a content word with
 * the query, so an answer built on "the return window is 30 days" also sees that a conversation
 * said 60. They are ranked after the instructions and before the memories, the newest
 * {@value #MAX_UNCERTAINTIES} at most.
 *
 * <p>Once one memory passed, the question is on topic, and recall's other candidates that share a
 * content word with it may join (recall may have found them by words alone, with no cosine to
 * compare). What enters is chosen in rank order while the budget lasts; past turns are then
 * written oldest first under the day they were said ({@code [8 May 2023]}), one date line per day.
 *
 * <p>Tokens are counted with a real tokenizer ({@link Tokens}: {@code o200k_base}), and the
 * whole text never exceeds {@code maxTokens}. {@code items} holds exactly the hits in the text,
 * in order.
 */
final class ContextBuilder {
    static final String FACTS_HEADING = "Known facts:";
    static final String DOCUMENTS_HEADING = "From documents:";
    static final String INSTRUCTIONS_HEADING = "Instructions:";
    static final String UNCERTAINTIES_HEADING = "Open uncertainties:";
    static final String TURNS_HEADING = "Relevant past conversation:";
    private static final String INSTRUCTION_PREFIX = "instruction: ";

    /**
     * The context of one query.
     *
     * @param candidates recall's candidates, best first
     * @param instructions the active instructions visible at the query's scope
     * @param uncertainties the open uncertainties visible at the query's scope, as items
     *     ({@link Hydrator#uncertaintyHit})
     */
    Context build(Relevance relevance, List<Candidate> candidates, List<Hit> instructions,
            List<Hit> uncertainties, int maxTokens) {
        Set<String> active = new HashSet<>();
        instructions.forEach(i -> active.add(i.id()));
        // Once a memory passed, the question is on topic: recall's further candidates that share
        // a content word with it join too (their cosine may be unknown: BM25 found them alone).
        boolean onTopic = candidates.stream().anyMatch(c -> c.hit().kind() != HitKind.INSTRUCTION
                && relevance.test(c));
        List<Hit> relevantInstructions = new ArrayList<>();
        List<Hit> memories = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            Hit hit = c.hit();
            boolean instruction = hit.kind() == HitKind.INSTRUCTION;
            boolean companion = onTopic && !instruction && relevance.sharesWord(hit);
            if (!(relevance.test(c) || companion) || (instruction && !active.contains(hit.id()))) {
                continue; // an instruction found in the index must still be active
            }
            if (seen.add(hit.id())) {
                (instruction ? relevantInstructions : memories).add(hit);
            }
        }
        if (memories.isEmpty()) {
            return render(relevantInstructions, maxTokens);
        }
        List<Hit> ranked = new ArrayList<>(instructions.size() + memories.size());
        ranked.addAll(instructions);
        uncertainties.stream().filter(u -> relevance.sharesWord(u) || questions(u, memories))
                .limit(MAX_UNCERTAINTIES).forEach(ranked::add);
        ranked.addAll(memories);
        Context all = render(ranked, maxTokens);
        if (all.items().stream().anyMatch(h -> h.kind() != HitKind.INSTRUCTION
                && h.kind() != HitKind.UNCERTAINTY)) {
            return all;
        }
        // No memory fit the budget: the instructions are on their own again.
        return render(relevantInstructions, maxTokens);
    }

    /**
     * Most open uncertainties one context lists (the newest): they rank before the memories, and
     * a run of refused claims about one key must not fill the budget with doubts.
     */
    static final int MAX_UNCERTAINTIES = 3;

    /** Whether {@code uncertainty} is about the entity and key of one of {@code memories}. */
    private static boolean questions(Hit uncertainty, List<Hit> memories) {
        java.util.Optional<String> key = FactText.key(uncertainty.text());
        return key.isPresent() && memories.stream().anyMatch(m -> (m.kind() == HitKind.ATTRIBUTE
                || m.kind() == HitKind.RELATION) && m.entity().equals(uncertainty.entity())
                && FactText.key(m.text()).equals(key));
    }

    /** The sections in the order the text lists them. */
    private static final List<String> SECTIONS = List.of(FACTS_HEADING, DOCUMENTS_HEADING,
            INSTRUCTIONS_HEADING, UNCERTAINTIES_HEADING, TURNS_HEADING);

    private static String section(HitKind kind) {
        return switch (kind) {
            case ATTRIBUTE, RELATION -> FACTS_HEADING;
            case CHUNK -> DOCUMENTS_HEADING;
            case INSTRUCTION -> INSTRUCTIONS_HEADING;
            case UNCERTAINTY -> UNCERTAINTIES_HEADING;
            case TURN -> TURNS_HEADING;
        };
    }

    /**
     * Chooses from {@code ranked} in its order while the budget lasts, whatever section a hit
     * belongs to (a fact ranked 30th must not crowd out the turn ranked 3rd), then writes the
     * chosen by section: turns grouped under the day they were said, oldest first, so a date
     * costs one line per day instead of one per turn. A hit costs its line's tokens with a line
     * break, and the heading and date lines it is the first to need; the written text is counted
     * again, whole, and the lowest-ranked hit leaves while it runs over (a byte-pair merge
     * across a line break can make the whole differ from the sum of its lines).
     */
    private static Context render(List<Hit> ranked, int maxTokens) {
        int used = 0;
        // Each chosen hit's line, made once: a turn's line resolves its relative dates.
        Map<String, String> lines = new HashMap<>();
        List<Hit> picked = new ArrayList<>();
        Set<String> headings = new HashSet<>();
        Set<String> days = new HashSet<>();
        for (Hit hit : ranked) {
            String heading = section(hit.kind());
            String line = itemLine(hit);
            int cost = lineTokens(line);
            if (!headings.contains(heading)) {
                cost += lineTokens(heading);
            }
            String day = hit.kind() == HitKind.TURN ? TurnText.day(hit.validFrom()) : null;
            if (day != null && !days.contains(day)) {
                cost += lineTokens(dayLine(day));
            }
            if (used + cost > maxTokens) {
                continue;
            }
            used += cost;
            picked.add(hit);
            lines.put(hit.id(), line);
            headings.add(heading);
            if (day != null) {
                days.add(day);
            }
        }
        Context context = write(picked, lines);
        while (!picked.isEmpty() && Tokens.of(context.formatted()) > maxTokens) {
            picked.removeLast();
            context = write(picked, lines);
        }
        return context;
    }

    /** The chosen hits' lines by section, turns oldest first under their day's line. */
    private static Context write(List<Hit> picked, Map<String, String> lines) {
        if (picked.isEmpty()) {
            return new Context("", List.of(), "none");
        }
        Map<String, List<Hit>> chosen = new LinkedHashMap<>();
        SECTIONS.forEach(heading -> chosen.put(heading, new ArrayList<>()));
        picked.forEach(hit -> chosen.get(section(hit.kind())).add(hit));
        chosen.values().removeIf(List::isEmpty);
        StringBuilder text = new StringBuilder();
        List<Hit> items = new ArrayList<>();
        chosen.forEach((heading, hits) -> {
            text.append(text.isEmpty() ? "" : "\n").append(heading);
            if (heading.equals(TURNS_HEADING)) {
                hits.sort(java.util.Comparator.comparing(Hit::validFrom));
            }
            String day = null;
            for (Hit hit : hits) {
                if (hit.kind() == HitKind.TURN && !TurnText.day(hit.validFrom()).equals(day)) {
                    day = TurnText.day(hit.validFrom());
                    text.append('\n').append(dayLine(day));
                }
                text.append('\n').append(lines.get(hit.id()));
                items.add(hit);
            }
        });
        return new Context(text.toString(), items, tier(items));
    }

    /** A line's tokens with its line break (punctuation and the break it ends with may merge). */
    private static int lineTokens(String line) {
        return Tokens.of(line + "\n");
    }

    private static String dayLine(String day) {
        return "[" + day + "]";
    }

    /**
     * One hit as a context line: a turn under its day's heading ({@code - Alice: …}, relative
     * dates resolved), a fact with the date it holds from.
     */
    static String itemLine(Hit hit) {
        return hit.kind() == HitKind.TURN
                ? "- " + RelativeDates.annotate(hit.text(), hit.validFrom()) : line(hit);
    }

    /**
     * Turn hits packed into {@code maxTokens} as a context's past-conversation section, in rank
     * order while they fit, written as {@link #build} writes turns: what a plain store's context
     * would hold, for baselines.
     */
    static Context turns(List<Hit> hits, int maxTokens) {
        return render(hits.stream().filter(h -> h.kind() == HitKind.TURN).toList(), maxTokens);
    }

    /** One hit as a self-contained bullet line; turns carry the date they were said. */
    static String line(Hit hit) {
        return switch (hit.kind()) {
            case TURN -> "- [" + TurnText.day(hit.validFrom()) + "] "
                    + RelativeDates.annotate(hit.text(), hit.validFrom());
            case INSTRUCTION -> "- " + (hit.text().startsWith(INSTRUCTION_PREFIX)
                    ? hit.text().substring(INSTRUCTION_PREFIX.length()) : hit.text());
            case ATTRIBUTE, RELATION -> "- " + hit.text() + " (since "
                    + TurnText.day(hit.validFrom()) + ")";
            case CHUNK, UNCERTAINTY -> "- " + hit.text();
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

    private static String tier(List<Hit> items) {
        boolean facts = items.stream().anyMatch(h -> h.kind() != HitKind.TURN);
        boolean turns = items.stream().anyMatch(h -> h.kind() == HitKind.TURN);
        return facts && turns ? "facts+turns" : facts ? "facts" : "turns";
    }
}
