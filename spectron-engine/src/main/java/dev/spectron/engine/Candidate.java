package dev.spectron.engine;

import dev.spectron.api.Hit;

/**
 * A recall hit with the evidence behind its rank, used to decide what enters a context.
 *
 * @param hit the hit as the caller sees it
 * @param similarity cosine similarity to the query, or 0 when the vector retriever did not find it
 * @param lexical true when BM25 found it (it shares a content word with the query)
 */
record Candidate(Hit hit, double similarity, boolean lexical) {}
