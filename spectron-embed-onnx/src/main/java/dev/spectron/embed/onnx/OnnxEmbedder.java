package dev.spectron.embed.onnx;

import dev.spectron.engine.spi.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link Embedder} that runs one of the bundled {@link EmbeddingModel}s in-process on ONNX
 * Runtime, with a pure-Java WordPiece tokenizer. The model's {@code .onnx} and
 * {@code tokenizer.json} are read from the root of the classpath.
 *
 * <p>Texts longer than the token limit ({@link EmbeddingModel#maxTokens()} by default: 512 for
 * BGE, 256 for MiniLM) are truncated. {@link #embedPassages} sorts texts by token length and runs
 * them in batches of similar length, padded to the longest member.
 *
 * <p>The models are dynamically quantised: each int8 matrix product takes its activation scale
 * from the whole batch, so a text's vector depends slightly on the texts batched with it. Against
 * the single-text vector, mean cosine is 0.996 (BGE) and 0.992 (MiniLM), lowest for near-empty
 * texts; against the fp32 model, batched and single-text vectors are equally close (BGE mean
 * cosine 0.9965 and 0.9967). The same call on the same input always gives the same vectors.
 *
 * <p>Thread-safe: any number of threads may embed at once, each run using up to the intra-op
 * threads given at creation. Throughput is best with one intra-op thread and one concurrent
 * caller per core: on 2 cores, two callers embed about 375 turns/s with BGE, one caller with two
 * intra-op threads about 240. {@link #close()} waits for running calls; calls after it fail.
 */
public final class OnnxEmbedder implements Embedder {
    private static final System.Logger LOG = System.getLogger(OnnxEmbedder.class.getName());
    /**
     * Measured on 2 cores, one intra-op thread, ~40-token turns: per CPU-second, batches of 8 embed
     * 1.3x (BGE) and 1.2x (MiniLM) as many texts as single runs, 16 and 32 slightly fewer than 8
     * (activations of 8 short texts stay in cache), and larger batches drift further from the
     * single-text vectors (see the class comment).
     */
    private static final int DEFAULT_MAX_BATCH = 8;
    /** Padded tokens per batch; caps attention memory for long texts (8 × 512). */
    private static final int MAX_BATCH_TOKENS = 4096;

    private final EmbeddingModel model;
    private final WordPieceTokenizer tokenizer;
    private final ModelSession session;
    private final int maxTokens;
    private final int maxBatch;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxEmbedder(EmbeddingModel model, WordPieceTokenizer tokenizer, ModelSession session,
            int maxTokens, int maxBatch) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.session = session;
        this.maxTokens = maxTokens;
        this.maxBatch = maxBatch;
    }

    /**
     * Loads {@code model} with its default {@linkplain EmbeddingModel#maxTokens() token limit}.
     *
     * @param threads ONNX Runtime intra-op threads used by each call, at least 1
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws IllegalStateException if the model's resources are not on the classpath or cannot be
     *     loaded
     */
    public static OnnxEmbedder create(EmbeddingModel model, int threads) {
        return create(model, threads, Objects.requireNonNull(model, "model").maxTokens());
    }

    /**
     * Loads {@code model}, truncating texts to {@code maxTokens} tokens. A lower limit bounds the
     * cost of very long texts (attention is quadratic in length) at the price of ignoring their
     * tail; it changes nothing for texts that fit.
     *
     * @param threads ONNX Runtime intra-op threads used by each call, at least 1
     * @param maxTokens token limit including {@code [CLS]} and {@code [SEP]}, in [2, 512]
     * @throws IllegalArgumentException if {@code threads} or {@code maxTokens} is out of range
     * @throws IllegalStateException if the model's resources are not on the classpath or cannot be
     *     loaded
     */
    public static OnnxEmbedder create(EmbeddingModel model, int threads, int maxTokens) {
        return create(model, threads, maxTokens, DEFAULT_MAX_BATCH);
    }

    /** As {@link #create(EmbeddingModel, int, int)}, with at most {@code maxBatch} per run. */
    static OnnxEmbedder create(EmbeddingModel model, int threads, int maxTokens, int maxBatch) {
        Objects.requireNonNull(model, "model");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (maxTokens < 2 || maxTokens > WordPieceTokenizer.MODEL_MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be in [2, 512]: " + maxTokens);
        }
        long start = System.nanoTime();
        WordPieceTokenizer tokenizer = loadTokenizer(model.tokenizerResource());
        ModelSession session = ModelSession.open(read(model.modelResource()), model, threads,
                tokenizer.padId());
        LOG.log(System.Logger.Level.DEBUG, () -> "loaded %s with %d intra-op threads in %d ms"
                .formatted(model.id(), threads, (System.nanoTime() - start) / 1_000_000));
        return new OnnxEmbedder(model, tokenizer, session, maxTokens, maxBatch);
    }

    /** The model this embedder runs. */
    public EmbeddingModel model() {
        return model;
    }

    /** {@inheritDoc} For example {@code bge-small-en-v1.5-q}. */
    @Override
    public String modelId() {
        return model.id();
    }

    /** {@inheritDoc} 384 for the bundled models. */
    @Override
    public int dimensions() {
        return model.dimensions();
    }

    /**
     * {@inheritDoc} Prepends the model's {@linkplain EmbeddingModel#queryPrefix() query prefix}.
     *
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalStateException if this embedder is closed
     */
    @Override
    public float[] embedQuery(String text) {
        Objects.requireNonNull(text, "text");
        return run(new int[][] {tokenizer.encode(model.queryPrefix() + text, maxTokens)})[0];
    }

    /**
     * {@inheritDoc} Texts are batched by similar token length; the result is in input order and
     * close to, but because of int8 dynamic quantisation not bit-equal to, embedding each text
     * alone.
     *
     * @throws NullPointerException if {@code texts} or one of its elements is null
     * @throws IllegalStateException if this embedder is closed
     */
    @Override
    public List<float[]> embedPassages(List<String> texts) {
        int[][] ids = new int[texts.size()][];
        int[] lengths = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.encode(Objects.requireNonNull(texts.get(i), "texts[" + i + "]"),
                    maxTokens);
            lengths[i] = ids[i].length;
        }
        float[][] vectors = new float[ids.length][];
        for (int[] batch : BatchPlan.of(lengths, maxBatch, MAX_BATCH_TOKENS)) {
            float[][] embedded = run(Arrays.stream(batch).mapToObj(i -> ids[i])
                    .toArray(int[][]::new));
            for (int j = 0; j < batch.length; j++) {
                vectors[batch[j]] = embedded[j];
            }
        }
        return new ArrayList<>(Arrays.asList(vectors));
    }

    /** Releases the ONNX session once running calls have finished. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private float[][] run(int[][] batch) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(model.id() + " embedder is closed");
            }
            return session.embed(batch);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static InputStream open(String resource) {
        InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(resource);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (in == null && context != null) {
            in = context.getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalStateException("model resource " + resource
                    + " is not on the classpath; add the matching langchain4j-embeddings-*-q jar");
        }
        return in;
    }

    private static WordPieceTokenizer loadTokenizer(String resource) {
        try (InputStream json = open(resource)) {
            return WordPieceTokenizer.load(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource " + resource, e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + resource, e);
        }
    }
}
