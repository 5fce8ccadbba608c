package dev.spectron.engine;

import dev.spectron.api.Hit;
import java.util.Set;

/**
 * A recall hit with the evidence behind its rank, used to decide what enters a context.
 *
 * @param hit the hit as the caller sees it
 * @param similarity cosine similarity to the query, or 0 when the vector retriever did not find it
 * @param lexical true when BM25 found it (it shares an indexed term with the query)
 * @param people lower-case names of the people and animals it is by or about (a turn's speaker,
 *     a fact's subject and object when they are persons or animals)
 */
record Candidate(Hit hit, double similarity, boolean lexical, Set<String> people) {
    Candidate {
        people = Set.copyOf(people);
    }

    /** A candidate about nobody in particular. */
    Candidate(Hit hit, double similarity, boolean lexical) {
        this(hit, similarity, lexical, Set.of());
    }

    /** The same candidate with another hit. */
    Candidate withHit(Hit other) {
        return new Candidate(other, similarity, lexical, people);
    }
}
