package dev.spectron.embed.onnx;

/** How a model's per-token hidden states become one sentence vector. */
enum Pooling {
    /** The hidden state of the first token, {@code [CLS]} (BGE). */
    CLS,
    /** The mean of the hidden states of the real tokens, padding excluded (Sentence-BERT). */
    MEAN
}
