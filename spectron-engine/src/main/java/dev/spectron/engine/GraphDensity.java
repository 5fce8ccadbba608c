package dev.spectron.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graph-density reranking (SPEC §4): how strongly a candidate connects, within two hops, to the
 * entities the query mentions and to the other top candidates.
 *
 * <p>The graph is read off the candidates themselves, so it costs no query: a candidate's nodes
 * are who it is by or about (a turn's speaker, a fact's subject), the names it mentions, and its
 * session. One hop: the candidate is by or about someone the query names. Two hops: it shares a
 * node with other top candidates (the same people, places and conversations the best evidence
 * is about). A candidate's score is multiplied by {@code (1 + 0.3·named) · (1 + w·density)},
 * where density is the share of possible links to the top ten it has, capped at 1.
 */
final class GraphDensity {
    /** Weight of density in hybrid mode. */
    static final double HYBRID_WEIGHT = 1.0;
    /** Weight of density in graph mode, where connection dominates. */
    static final double GRAPH_WEIGHT = 3.0;
    /** Boost of a candidate by or about someone the query names. */
    static final double NAMED = 0.3;
    private static final int TOP = 10;
    /** Capitalised words not at a sentence start: names, places, titles. */
    static final Pattern NAME = Pattern.compile("(?<![.!?]\\s)\\b\\p{Lu}\\p{Ll}{2,}\\b");
    /** Runs of characters that are neither letters nor digits (compiled once, not per query). */
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> NOT_NAMES = Set.of("the", "this", "that", "what", "when",
            "where", "how", "why", "who", "yes", "thanks", "thank", "wow", "hey", "and", "but",
            "just", "not", "sure", "great", "also", "good", "did", "does", "would", "could");

    private GraphDensity() {}

    /**
     * Rescores {@code ranked} (best first) and sorts it again.
     *
     * @param sources what ranking knows about each candidate, in the same order
     */
    static List<Candidate> rerank(String query, List<Candidate> ranked,
            List<Hydrator.Hydrated> sources, double weight) {
        if (ranked.isEmpty()) {
            return ranked;
        }
        String q = " " + NOT_WORD.matcher(query.toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
        int top = Math.min(TOP, ranked.size());
        List<Set<String>> nodes = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            nodes.add(nodes(ranked.get(i), sources.get(i)));
        }
        Map<String, Integer> inTop = new HashMap<>();
        for (int i = 0; i < top; i++) {
            nodes.get(i).forEach(node -> inTop.merge(node, 1, Integer::sum));
        }
        List<Candidate> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            String who = sources.get(i).who().toLowerCase(Locale.ROOT);
            boolean named = !who.isBlank() && q.contains(" " + who + " ");
            int links = 0;
            for (String node : nodes.get(i)) {
                links += inTop.getOrDefault(node, 0) - (i < top ? 1 : 0);
            }
            double density = Math.min(1, links / (2.0 * top));
            double score = c.hit().score() * (1 + (named ? NAMED : 0)) * (1 + weight * density);
            out.add(c.withHit(HybridRetriever.withScore(c.hit(), score)));
        }
        out.sort(Comparator.comparingDouble((Candidate c) -> c.hit().score()).reversed());
        return out;
    }

    /** A candidate's nodes: its session and the names its text mentions (speaker excluded). */
    static Set<String> nodes(Candidate c, Hydrator.Hydrated source) {
        Set<String> nodes = new HashSet<>();
        c.hit().source().sessionId().ifPresent(s -> nodes.add("session:" + s));
        String text = c.hit().text();
        String who = source.who();
        if (!who.isEmpty() && text.startsWith(who + ": ")) {
            text = text.substring(who.length() + 2);
        }
        for (String name : names(text)) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_NAMES.contains(lower)) {
                nodes.add("name:" + lower);
            }
        }
        return nodes;
    }

    /**
     * What {@link #NAME} finds in {@code text}, in order. A match starts with an upper-case
     * letter, so the expression is tried only there (with transparent bounds, so that its
     * look-behind and word boundary see the text before): the same matches as
     * {@code find()}, which tries every position and cost more than the rest of the reranking.
     */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int i = 0;
        while (i < text.length()) {
            if (Character.getType(text.codePointAt(i)) == Character.UPPERCASE_LETTER
                    && m.region(i, text.length()).lookingAt()) {
                names.add(m.group());
                i = m.end();
            } else {
                i++;
            }
        }
        return names;
    }
}
