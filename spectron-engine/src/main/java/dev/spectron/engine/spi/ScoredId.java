package dev.spectron.engine.spi;

/**
 * A record id with a retriever's score (BM25 score, or cosine similarity for vectors).
 *
 * @param id record id
 * @param score the retriever's own score; higher is better
 */
public record ScoredId(String id, float score) {}
