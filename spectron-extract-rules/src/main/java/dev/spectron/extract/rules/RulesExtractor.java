package dev.spectron.extract.rules;

import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.Extractor;
import dev.spectron.engine.spi.KeyRegistry;
import java.util.Objects;

/**
 * The offline, deterministic {@code rules} extractor: reads candidate attributes, relations and
 * directives from English text with Apache OpenNLP (sentences, tokens, part of speech, lemmas)
 * and a grammar of statement patterns kept as data ({@code patterns.txt}, {@code lexicon.txt}
 * in this package's resources). It never calls the network and has no generative model.
 *
 * <p>First-person statements are about the request's {@code self}, "we"/"our" about its
 * {@code group}, "you"/"your" about its {@code addressee}; third-person names make person
 * entities; "he"/"she" refer to the last person named in the same text. Questions, requests and
 * hedged or hypothetical statements yield no facts; assistant turns yield none about the user.
 *
 * <p>Instances are immutable and thread-safe. The OpenNLP models are loaded once per JVM, on the
 * first {@code create}, and shared by every instance.
 */
public final class RulesExtractor implements Extractor {
    private final Pipeline pipeline;

    private RulesExtractor(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** An extractor that canonicalises keys through the built-in key registry. */
    public static RulesExtractor create() {
        return create(KeyRegistry.builtIn());
    }

    /**
     * An extractor that canonicalises keys through {@code registry} (for example the built-in
     * registry extended by a context).
     *
     * @throws NullPointerException if {@code registry} is null
     * @throws IllegalStateException if the models, patterns or lexicon cannot be loaded
     */
    public static RulesExtractor create(KeyRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Lexicon lexicon = Lexicon.builtIn();
        return new RulesExtractor(new Pipeline(OpenNlp.shared(), lexicon,
                PatternSet.builtIn(lexicon), registry));
    }

    /** Always {@code rules}. */
    @Override
    public String name() {
        return "rules";
    }

    /**
     * Reads candidate facts and directives from the request's text; an empty or blank text
     * yields {@link Extraction#empty()}.
     *
     * @throws NullPointerException if {@code request} is null
     */
    @Override
    public Extraction extract(ExtractionRequest request) {
        Objects.requireNonNull(request, "request");
        return pipeline.run(request);
    }
}
