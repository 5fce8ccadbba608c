package dev.spectron.llm.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.SpectronException;
import dev.spectron.engine.spi.Extraction;
import dev.spectron.engine.spi.ExtractionRequest;
import dev.spectron.engine.spi.Extractor;
import dev.spectron.engine.spi.KeyRegistry;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code llm} extractor: asks a model behind an OpenAI-compatible chat-completions endpoint
 * for the facts and instructions in a batch of texts, with exactly one call per batch
 * ({@link #extract} is a batch of one). The prompt names the keys of the {@link KeyRegistry} to
 * prefer, who "I", "we" and "you" are in each text, and the scope's known entities so that
 * names are reused; the answer is constrained by a strict JSON schema (see the module README).
 *
 * <p>The answer is checked strictly. An answer that is not JSON or lacks its frame (a
 * {@code turns} object with {@code facts} and {@code instructions} for every text) is an error;
 * a single malformed fact, instruction or entity is dropped, logged and counted in
 * {@link #droppedItems()}, and the rest kept. Keys are canonicalised through the registry, entity
 * names normalised through {@code EntityKey}, and each item's span is where its evidence quote
 * occurs in the text (the whole text when the quote cannot be found).
 *
 * <p>Failures are thrown as {@link SpectronException} (codes {@code llm_unavailable},
 * {@code llm_rejected}, {@code llm_bad_response}), never returned as an empty extraction.
 * Thread-safe.
 */
public final class LlmExtractor implements Extractor, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LlmExtractor.class.getName());

    private final OpenAiCompatibleClient client;
    private final boolean ownsClient;
    private final KeyCatalog keys;
    private final AnswerReader reader;
    private final AtomicLong dropped = new AtomicLong();

    private LlmExtractor(OpenAiCompatibleClient client, boolean ownsClient,
            KeyRegistry registry) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.keys = KeyCatalog.of(Objects.requireNonNull(registry, "registry"));
        this.reader = new AnswerReader(registry);
    }

    /** An extractor for the endpoint of {@code config}, with the built-in key registry. */
    public static LlmExtractor create(LlmConfig config) {
        return create(config, KeyRegistry.builtIn());
    }

    /** An extractor for the endpoint of {@code config} preferring the keys of {@code registry}. */
    public static LlmExtractor create(LlmConfig config, KeyRegistry registry) {
        return new LlmExtractor(OpenAiCompatibleClient.create(config), true, registry);
    }

    /**
     * An extractor sharing {@code client} with other users; {@link #close()} leaves the client
     * open.
     */
    public static LlmExtractor create(OpenAiCompatibleClient client, KeyRegistry registry) {
        return new LlmExtractor(client, false, registry);
    }

    /** {@code llm}. */
    @Override
    public String name() {
        return "llm";
    }

    /**
     * Extracts from one text with one model call.
     *
     * @throws SpectronException when the model cannot be reached or answers with something
     *     that is not an extraction
     * @throws InvalidInputException when {@code request} or its text is null
     */
    @Override
    public Extraction extract(ExtractionRequest request) {
        InvalidInputException.require(request != null, "request", "must not be null");
        return extractAll(List.of(request)).get(0);
    }

    /**
     * Extracts from several texts of one conversation with exactly one model call, the texts
     * numbered in the prompt and the answer split by number. No call is made when there is no
     * text or every text is blank.
     *
     * @return one extraction per request, in order
     * @throws SpectronException when the model cannot be reached or answers with something
     *     that is not an extraction
     * @throws InvalidInputException when the list, a request or a text is null
     */
    @Override
    public List<Extraction> extractAll(List<ExtractionRequest> requests) {
        InvalidInputException.require(requests != null, "requests", "must not be null");
        for (ExtractionRequest request : requests) {
            InvalidInputException.require(request != null && request.text() != null,
                    "requests", "must hold requests with a text");
        }
        if (requests.stream().allMatch(r -> r.text().isBlank())) {
            return Collections.nCopies(requests.size(), Extraction.empty());
        }
        ObjectNode answer = client.completeJson(ExtractionPrompt.messages(requests, keys),
                ExtractionSchema.NAME, ExtractionSchema.forTurns(requests.size()));
        AnswerReader.Result result = reader.read(answer, requests);
        if (!result.dropped().isEmpty()) {
            dropped.addAndGet(result.dropped().size());
            LOG.log(System.Logger.Level.WARNING, "dropped {0} malformed item(s) of the model''s"
                    + " answer: {1}", result.dropped().size(),
                    String.join("; ", result.dropped()));
        }
        return result.extractions();
    }

    /** How many malformed items of the model's answers were dropped since creation. */
    public long droppedItems() {
        return dropped.get();
    }

    /** Closes the HTTP client if this extractor created it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
