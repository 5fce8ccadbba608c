package dev.spectron.extract.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The four English OpenNLP models (UD-EWT 1.3: sentences, tokens, POS, lemmas), loaded once per
 * JVM and shared. The models are thread-safe; the {@code *ME} classes that run them are not, so
 * callers borrow a set of them from a pool (a pool rather than a ThreadLocal, because the server
 * runs on virtual threads and a ThreadLocal would build a set per request).
 */
final class OpenNlp {
    private static final String SENTENCES = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    private static final String TOKENS = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    private static final String POS = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    private static final String LEMMAS = "/opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin";

    private final SentenceModel sentenceModel;
    private final TokenizerModel tokenizerModel;
    private final POSModel posModel;
    private final LemmatizerModel lemmatizerModel;
    private final long loadNanos;
    private final ConcurrentLinkedDeque<Tools> pool = new ConcurrentLinkedDeque<>();

    /** One set of the non-thread-safe runners. */
    record Tools(SentenceDetectorME sentences, TokenizerME tokenizer, POSTaggerME tagger,
            LemmatizerME lemmatizer) {}

    private OpenNlp() {
        long start = System.nanoTime();
        sentenceModel = load(SENTENCES, SentenceModel::new);
        tokenizerModel = load(TOKENS, TokenizerModel::new);
        posModel = load(POS, POSModel::new);
        lemmatizerModel = load(LEMMAS, GreedyLemmatizerModel::new);
        loadNanos = System.nanoTime() - start;
    }

    /** The shared instance; the first call loads the models (a few hundred milliseconds). */
    static OpenNlp shared() {
        return Holder.INSTANCE;
    }

    /** How long loading the models took. */
    long loadNanos() {
        return loadNanos;
    }

    /** Runs {@code work} with a set of runners borrowed from the pool. */
    <T> T with(Function<Tools, T> work) {
        Tools tools = pool.pollFirst();
        if (tools == null) {
            tools = new Tools(new SentenceDetectorME(sentenceModel),
                    new TokenizerME(tokenizerModel), new POSTaggerME(posModel, POSTagFormat.UD),
                    new LemmatizerME(lemmatizerModel));
        }
        try {
            return work.apply(tools);
        } finally {
            pool.offerFirst(tools);
        }
    }

    /**
     * The lemmatizer model, decoded greedily (beam 1 instead of the manifest's 3): on 75,000
     * LoCoMo tokens it gives the same lemma for all but 4 and runs 2.7 times faster, and the
     * lemmatizer is most of the extractor's time. The manifest's {@code BeamSize} entry is the
     * model's own switch for this; it is only reachable through this protected setter.
     */
    private static final class GreedyLemmatizerModel extends LemmatizerModel {
        GreedyLemmatizerModel(InputStream in) throws IOException {
            super(in);
            setManifestProperty(BeamSearch.BEAM_SIZE_PARAMETER, "1");
        }
    }

    private interface ModelReader<M> {
        M read(InputStream in) throws IOException;
    }

    private static <M> M load(String resource, ModelReader<M> reader) {
        try (InputStream in = OpenNlp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP model " + resource
                        + " is missing from the classpath (opennlp-models-*-en 1.3.0)");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenNLP model " + resource, e);
        }
    }

    private static final class Holder {
        static final OpenNlp INSTANCE = new OpenNlp();
    }
}
