package dev.spectron.embed.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session of a BERT encoder: pads a batch of token ids, runs the graph, pools the
 * last hidden state and L2-normalises. Thread-safe ({@link OrtSession#run} is), but must not be
 * closed while it runs.
 */
final class ModelSession implements AutoCloseable {
    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Pooling pooling;
    private final int dimensions;
    private final int padId;
    private final boolean tokenTypes;
    private final String output;

    private ModelSession(OrtEnvironment env, OrtSession session, EmbeddingModel model, int padId)
            throws OrtException {
        this.env = env;
        this.session = session;
        this.pooling = model.pooling();
        this.dimensions = model.dimensions();
        this.padId = padId;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)
                || !Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).containsAll(inputs)) {
            throw new IllegalStateException("not a BERT encoder; inputs are " + inputs);
        }
        session.getInputInfo().forEach((name, node) -> {
            if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.INT64) {
                throw new IllegalStateException("input " + name + " is not int64: " + node);
            }
        });
        this.tokenTypes = inputs.contains(TOKEN_TYPE_IDS);
        this.output = hiddenStateOutput(session.getOutputInfo(), dimensions);
    }

    /**
     * Opens a session on {@code modelBytes}, the ONNX graph of {@code model}, with {@code threads}
     * intra-op threads; batches are padded with {@code padId}.
     *
     * @throws IllegalStateException if the graph is not a BERT encoder of the model's dimensions
     */
    static ModelSession open(byte[] modelBytes, EmbeddingModel model, int threads, int padId) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SessionOptions options = new SessionOptions()) {
            options.setOptimizationLevel(OptLevel.ALL_OPT);
            options.setExecutionMode(ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // Idle pool threads spin by default. When the cores are shared (other callers, the
            // server, the index) that halved throughput with 2 intra-op threads on 2 cores.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(modelBytes, options);
            try {
                return new ModelSession(env, session, model, padId);
            } catch (RuntimeException | OrtException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model: " + e.getMessage(), e);
        }
    }

    /** Unit vectors for {@code batch}, in the same order; the id arrays may differ in length. */
    float[][] embed(int[][] batch) {
        int rows = batch.length;
        int width = 0;
        for (int[] ids : batch) {
            width = Math.max(width, ids.length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                boolean real = c < batch[r].length;
                ids[r * width + c] = real ? batch[r][c] : padId;
                mask[r * width + c] = real ? 1 : 0;
            }
        }
        try {
            return pool(run(ids, mask, rows, width), mask, rows, width);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        }
    }

    private FloatBuffer run(long[] ids, long[] mask, int rows, int width) throws OrtException {
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (tokenTypes) {
                inputs.put(TOKEN_TYPE_IDS,
                        OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(FloatBuffer hidden, long[] mask, int rows, int width) {
        float[][] vectors = new float[rows][dimensions];
        for (int r = 0; r < rows; r++) {
            float[] v = vectors[r];
            int base = r * width * dimensions;
            switch (pooling) {
                case CLS -> hidden.get(base, v);
                case MEAN -> {
                    for (int c = 0; c < width; c++) {
                        if (mask[r * width + c] == 1) {
                            int offset = base + c * dimensions;
                            for (int d = 0; d < dimensions; d++) {
                                v[d] += hidden.get(offset + d);
                            }
                        }
                    }
                    // No division by the token count: normalising removes the scale anyway.
                }
            }
            normalize(v);
        }
        return vectors;
    }

    static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
    }

    /** The output holding per-token hidden states: {@code last_hidden_state}, else the first. */
    private static String hiddenStateOutput(Map<String, NodeInfo> outputs, int dimensions) {
        String name = outputs.containsKey("last_hidden_state")
                ? "last_hidden_state" : outputs.keySet().iterator().next();
        if (!(outputs.get(name).getInfo() instanceof TensorInfo info)
                || info.getShape().length != 3 || info.getShape()[2] != dimensions) {
            throw new IllegalStateException("output " + name + " is not [batch, tokens, "
                    + dimensions + "]: " + outputs.get(name).getInfo());
        }
        return name;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session: " + e.getMessage(), e);
        }
    }
}
