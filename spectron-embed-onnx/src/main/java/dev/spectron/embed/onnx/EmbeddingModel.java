package dev.spectron.embed.onnx;

import dev.spectron.api.InvalidInputException;
import java.util.Locale;

/**
 * The embedding models this module runs in-process. Each is an int8-quantised ONNX export whose
 * {@code .onnx} and {@code tokenizer.json} files are read from the root of the classpath, where the
 * {@code langchain4j-embeddings-*-q} jars put them.
 */
public enum EmbeddingModel {
    /**
     * BAAI bge-small-en-v1.5, int8, 384 dimensions. The default: better recall than MiniLM on
     * LoCoMo at about half its speed. CLS pooling; queries carry BGE's retrieval instruction.
     */
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "bge-small", Pooling.CLS, 512,
            "Represent this sentence for searching relevant passages: "),

    /**
     * sentence-transformers all-MiniLM-L6-v2, int8, 384 dimensions. The fast option: six layers,
     * mean pooling, no query instruction. Trained on inputs of up to 128 tokens; texts are cut at
     * 256, as sentence-transformers does.
     */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "minilm", Pooling.MEAN, 256, "");

    private final String id;
    private final String alias;
    private final Pooling pooling;
    private final int maxTokens;
    private final String queryPrefix;

    EmbeddingModel(String id, String alias, Pooling pooling, int maxTokens, String queryPrefix) {
        this.id = id;
        this.alias = alias;
        this.pooling = pooling;
        this.maxTokens = maxTokens;
        this.queryPrefix = queryPrefix;
    }

    /**
     * Finds a model by its short name ({@code bge-small}, {@code minilm}) or its {@link #id()},
     * ignoring case and surrounding blanks.
     *
     * @throws InvalidInputException if {@code text} names no model
     */
    public static EmbeddingModel parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (EmbeddingModel model : values()) {
            if (model.id.equals(name) || model.alias.equals(name)) {
                return model;
            }
        }
        throw new InvalidInputException("embedding.model",
                "must be one of bge-small, minilm, bge-small-en-v1.5-q, all-minilm-l6-v2-q; got '"
                        + text + "'");
    }

    /** The id stored with every vector this model produces, e.g. {@code bge-small-en-v1.5-q}. */
    public String id() {
        return id;
    }

    /** Classpath resource name of the ONNX graph, e.g. {@code bge-small-en-v1.5-q.onnx}. */
    public String modelResource() {
        return id + ".onnx";
    }

    /** Classpath resource name of the HuggingFace {@code tokenizer.json}. */
    public String tokenizerResource() {
        return id + "-tokenizer.json";
    }

    /** Length of the vectors this model produces. */
    public int dimensions() {
        return 384;
    }

    /**
     * Default token limit, {@code [CLS]} and {@code [SEP]} included: the sequence length the
     * model's sentence-transformers configuration uses. Longer texts are truncated.
     */
    public int maxTokens() {
        return maxTokens;
    }

    /** Text prepended to queries (never to passages); empty for models without an instruction. */
    public String queryPrefix() {
        return queryPrefix;
    }

    Pooling pooling() {
        return pooling;
    }
}
