package dev.spectron.engine;

import dev.spectron.api.ConflictException;
import dev.spectron.api.Context;
import dev.spectron.api.ContextRequest;
import dev.spectron.api.Diff;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Recall;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.RememberResult;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.SessionStatus;
import dev.spectron.api.Turn;
import dev.spectron.api.TurnInput;
import dev.spectron.api.TurnResult;
import dev.spectron.engine.spi.Embedder;
import dev.spectron.engine.spi.MemoryStore;
import dev.spectron.engine.spi.NewTurn;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory of one context, in-process. Write path: validate → embed → persist (one store
 * transaction, which also logs the index change) → index catch-up → diff. Read path: see
 * {@link HybridRetriever} and {@link ContextBuilder}.
 */
final class EngineMemory implements Memory {
    private static final int MAX_SESSION_LIST = 1000;

    private final String context;
    private final MemoryStore store;
    private final Embedder embedder;
    private final IndexSync sync;
    private final HybridRetriever retriever;
    private final ContextBuilder contextBuilder;
    private final InstantSource clock;
    private final IdGenerator ids;
    private final EngineConfig config;
    private final MemoryEngine.Structured structured;
    private final java.util.function.Function<String, dev.spectron.engine.spi.KeyRegistry>
            registry;

    EngineMemory(String context, MemoryEngine.Parts parts) {
        this.context = context;
        this.store = parts.store();
        this.embedder = parts.embedder();
        this.sync = parts.sync();
        this.retriever = parts.retriever();
        this.contextBuilder = parts.contextBuilder();
        this.clock = parts.clock();
        this.ids = parts.ids();
        this.config = parts.config();
        this.structured = parts.structured();
        this.registry = parts.registries();
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public SessionInfo createSession(SessionRequest request) {
        SessionInfo session = new SessionInfo(ids.next(), request.scope(), request.metadata(),
                request.extract(), SessionStatus.OPEN, clock.instant(), Optional.empty());
        store.insertSession(context, session);
        return session;
    }

    @Override
    public SessionInfo session(String sessionId) {
        return store.session(context, sessionId)
                .orElseThrow(() -> new NotFoundException("session '" + sessionId + "'"));
    }

    @Override
    public List<SessionInfo> sessions(Scope scope, int limit) {
        InvalidInputException.require(limit >= 1 && limit <= MAX_SESSION_LIST, "limit",
                "must be between 1 and " + MAX_SESSION_LIST);
        return store.sessions(context, scope.floorKeys(), limit);
    }

    @Override
    public TurnResult addTurn(String sessionId, TurnInput input) {
        return append(sessionId, input, session(sessionId).extract()
                == dev.spectron.api.ExtractMode.TURN);
    }

    private TurnResult append(String sessionId, TurnInput input, boolean extractNow) {
        requireText(input.content(), "content");
        input.speaker().ifPresent(s -> InvalidInputException.require(s.length() <= 128,
                "speaker", "must be at most 128 characters"));
        SessionInfo session = session(sessionId);
        if (session.status() == SessionStatus.CLOSED) {
            throw new ConflictException("session '" + sessionId + "' is closed");
        }
        Instant now = clock.instant();
        Instant observedAt = input.observedAt().orElse(now);
        String speaker = TurnText.speaker(input.role(), input.speaker(), session.scope());
        String indexText = config.plainTurnIndex() ? TurnText.hit(speaker, input.content())
                : store.lastTurns(context, sessionId, 1).stream()
                .filter(prev -> TurnText.answeredBy(prev, input.role()))
                .map(prev -> TurnText.reply(speaker, input.content(), observedAt,
                        TurnText.speaker(prev.role(), prev.speaker(), session.scope()),
                        prev.content()))
                .findFirst().orElseGet(() -> TurnText.index(speaker, input.content(), observedAt));
        float[] vector = embedder.embedPassage(TurnText.embedded(indexText));
        Turn turn = store.appendTurn(context, new NewTurn(ids.next(), sessionId, input.role(),
                input.speaker(), input.content(), now, observedAt, input.metadata(), indexText,
                vector, embedder.modelId()));
        Diff diff = Diff.empty(turn.id());
        if (extractNow) {
            diff = extract(List.of(turn), session.scope(), false).getFirst();
        }
        sync.catchUp();
        return new TurnResult(turn, diff);
    }

    /** Extracts and reconciles stored turns (one extractor batch); empty diffs without one. */
    private List<Diff> extract(List<Turn> turns, Scope scope, boolean preview) {
        List<StructuredWriter.Input> inputs = turns.stream().map(t -> new StructuredWriter.Input(
                t.content(), t.role(), t.speaker(), scope, t.observedAt(),
                new dev.spectron.api.Source("turn", "turn:" + t.id(),
                        Optional.of(t.sessionId()), Optional.of(t.id()), t.metadata()),
                Optional.of(t.id()))).toList();
        return structured.writer().writeAll(context, inputs, preview);
    }

    @Override
    public List<Turn> turns(String sessionId) {
        session(sessionId);
        return store.turns(context, sessionId);
    }

    @Override
    public Diff closeSession(String sessionId) {
        SessionInfo session = session(sessionId);
        boolean closedNow = store.closeSession(context, sessionId, clock.instant());
        if (!closedNow || session.extract() != dev.spectron.api.ExtractMode.SESSION) {
            return Diff.empty(null);
        }
        List<Diff> diffs = extract(store.turns(context, sessionId), session.scope(), false);
        sync.catchUp();
        return Diffs.combine(diffs);
    }

    @Override
    public void deleteSession(String sessionId) {
        if (store.deleteSession(context, sessionId) < 0) {
            throw new NotFoundException("session '" + sessionId + "'");
        }
        sync.catchUp();
    }

    @Override
    public RememberResult remember(RememberRequest request) {
        requireText(request.text(), "text");
        if (request.infer() == dev.spectron.api.Infer.TRIPLES) {
            return rememberTriples(request);
        }
        InvalidInputException.require(request.triples().isEmpty(), "triples",
                "are only taken with infer 'triples'");
        if (request.infer() == dev.spectron.api.Infer.PREVIEW) {
            Scope scope = request.sessionId().map(id -> session(id).scope())
                    .orElse(request.scope());
            Instant at = request.observedAt().orElse(clock.instant());
            Turn draft = new Turn("preview", "preview", 0, request.role(), Optional.empty(),
                    request.text(), at, at, request.metadata());
            Diff diff = extract(List.of(draft), scope, true).getFirst();
            return new RememberResult("", "", new Diff(Optional.empty(), diff.entities(),
                    diff.attributes(), diff.relations(), diff.instructions(),
                    diff.uncertainties(), diff.corrections()));
        }
        TurnInput turn = new TurnInput(request.role(), request.text(), Optional.empty(),
                request.observedAt(), request.metadata());
        if (request.sessionId().isPresent()) {
            String sessionId = request.sessionId().get();
            SessionInfo session = session(sessionId);
            InvalidInputException.require(request.scope().isEmpty()
                    || request.scope().equals(session.scope()), "scope",
                    "must be the session's scope (or omitted) when sessionId is given");
            TurnResult result = append(sessionId, turn,
                    request.infer() != dev.spectron.api.Infer.NONE
                            && session.extract() == dev.spectron.api.ExtractMode.TURN);
            return new RememberResult(sessionId, result.turn().id(), result.diff());
        }
        SessionInfo session = createSession(new SessionRequest(request.scope(),
                Map.of("origin", "remember"), null));
        TurnResult result = append(session.id(), turn,
                request.infer() != dev.spectron.api.Infer.NONE);
        store.closeSession(context, session.id(), clock.instant());
        return new RememberResult(session.id(), result.turn().id(), result.diff());
    }

    private RememberResult rememberTriples(RememberRequest request) {
        InvalidInputException.require(!request.triples().isEmpty(), "triples",
                "must not be empty with infer 'triples'");
        InvalidInputException.require(request.triples().size() <= 100, "triples",
                "at most 100 per call");
        MemoryEngine.Structured s = structured;
        TurnInput turn = new TurnInput(request.role(), request.text(), Optional.empty(),
                request.observedAt(), request.metadata());
        SessionInfo session = request.sessionId().map(this::session).orElseGet(() ->
                createSession(new SessionRequest(request.scope(), Map.of("origin", "remember"),
                        null)));
        TurnResult stored = append(session.id(), turn, false);
        Turn t = stored.turn();
        Diff diff = s.writer().writeTriples(context, new StructuredWriter.Input(t.content(),
                t.role(), t.speaker(), session.scope(), t.observedAt(),
                new dev.spectron.api.Source("turn", "turn:" + t.id(), Optional.of(session.id()),
                        Optional.of(t.id()), t.metadata()), Optional.of(t.id())),
                request.triples());
        if (request.sessionId().isEmpty()) {
            store.closeSession(context, session.id(), clock.instant());
        }
        sync.catchUp();
        return new RememberResult(session.id(), t.id(), diff);
    }

    @Override
    public dev.spectron.api.BatchResult rememberBatch(dev.spectron.api.BatchRequest request) {
        InvalidInputException.require(!request.messages().isEmpty(), "messages",
                "must not be empty");
        InvalidInputException.require(request.messages().size()
                <= dev.spectron.api.BatchRequest.MAX_MESSAGES, "messages",
                "at most " + dev.spectron.api.BatchRequest.MAX_MESSAGES + " per batch");
        InvalidInputException.require(request.infer() == dev.spectron.api.Infer.FULL
                || request.infer() == dev.spectron.api.Infer.NONE, "infer",
                "must be 'full' or 'none' for a batch");
        for (int i = 0; i < request.messages().size(); i++) {
            requireText(request.messages().get(i).content(), "messages[" + i + "].content");
        }
        SessionInfo session;
        if (request.sessionId().isPresent()) {
            session = session(request.sessionId().get());
            InvalidInputException.require(request.scope().isEmpty()
                    || request.scope().equals(session.scope()), "scope",
                    "must be the session's scope (or omitted) when sessionId is given");
        } else {
            session = createSession(new SessionRequest(request.scope(),
                    Map.of("origin", "remember/batch"), null));
        }
        List<Turn> turns = new java.util.ArrayList<>();
        for (dev.spectron.api.BatchMessage m : request.messages()) {
            turns.add(append(session.id(), new TurnInput(m.role(), m.content(), m.speaker(),
                    m.observedAt(), m.metadata()), false).turn());
        }
        boolean extractNow = request.infer() == dev.spectron.api.Infer.FULL
                && session.extract() == dev.spectron.api.ExtractMode.TURN;
        List<Diff> diffs = extractNow ? extract(turns, session.scope(), false)
                : turns.stream().map(t -> Diff.empty(t.id())).toList();
        if (request.sessionId().isEmpty()) {
            store.closeSession(context, session.id(), clock.instant());
        }
        sync.catchUp();
        List<RememberResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            results.add(new RememberResult(session.id(), turns.get(i).id(), diffs.get(i)));
        }
        return new dev.spectron.api.BatchResult(session.id(), results);
    }

    @Override
    public Recall recall(RecallRequest request) {
        long started = System.nanoTime();
        requireQuery(request.query());
        requireK(request.k());
        List<Candidate> candidates = retriever.retrieve(context, request);
        List<dev.spectron.api.Hit> hits = candidates.stream().map(Candidate::hit).toList();
        double ms = (System.nanoTime() - started) / 1e6;
        return new Recall(hits, ContextBuilder.format(hits), ms, ids.next());
    }

    @Override
    public Context context(ContextRequest request) {
        requireQuery(request.query());
        requireK(request.k());
        InvalidInputException.require(request.maxTokens() >= 1
                && request.maxTokens() <= config.maxMaxTokens(), "maxTokens",
                "must be between 1 and " + config.maxMaxTokens());
        RecallRequest recall = RecallRequest.of(request.query(), request.scope(), request.k());
        List<dev.spectron.api.Hit> instructions = structured.store()
                .instructions(context, request.scope().floorKeys(), true).stream()
                .map(Hydrator::instructionHit).toList();
        List<dev.spectron.api.Hit> uncertainties = structured.store()
                .uncertainties(context, request.scope().floorKeys(), true).stream()
                .map(Hydrator::uncertaintyHit).toList();
        // Recall's own ranking, one slot per piece of evidence: a fact and the turn it was read
        // from would say the same thing twice in the budget.
        List<Candidate> candidates = retriever.retrieve(context, recall);
        Relevance relevance = Relevance.of(request.query(), request.scope(), candidates,
                registry.apply(context), config);
        return contextBuilder.build(relevance, candidates, instructions, uncertainties,
                request.maxTokens());
    }

    @Override
    public dev.spectron.api.Profile profile(Scope scope) {
        return structured.reader().profile(context, scope);
    }

    @Override
    public dev.spectron.api.MemoryState state(Scope scope) {
        return structured.reader().state(context, scope);
    }

    @Override
    public List<dev.spectron.api.EntityInfo> entities(dev.spectron.api.EntitySearch search) {
        return structured.reader().entities(context, search);
    }

    @Override
    public dev.spectron.api.EntityInfo entity(String address, Scope scope) {
        return structured.reader().entity(context, address, scope);
    }

    @Override
    public List<dev.spectron.api.Fact> history(String address, String key, Scope scope) {
        String canonical = registry.apply(context).canonical(key);
        return structured.reader().history(context, address, Optional.of(canonical), scope);
    }

    @Override
    public int deleteEntity(String address, Scope scope) {
        int hidden = structured.reader().deleteEntity(context, address, scope);
        sync.catchUp();
        return hidden;
    }

    @Override
    public List<dev.spectron.api.Uncertainty> uncertainties(Scope scope, boolean openOnly) {
        return structured.store().uncertainties(context, scope.floorKeys(), openOnly);
    }

    @Override
    public dev.spectron.api.Uncertainty uncertainty(String id) {
        return structured.store().uncertainty(context, id)
                .orElseThrow(() -> new NotFoundException("uncertainty '" + id + "'"));
    }

    @Override
    public dev.spectron.api.Uncertainty resolveUncertainty(String id, String resolution) {
        InvalidInputException.require(resolution != null && !resolution.isBlank(), "resolution",
                "must not be blank");
        MemoryEngine.Structured s = structured;
        dev.spectron.api.Uncertainty open = s.store().uncertainty(context, id)
                .orElseThrow(() -> new NotFoundException("uncertainty '" + id + "'"));
        if (!open.resolved()) {
            s.store().apply(context, new dev.spectron.engine.spi.FactBatch(List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(
                            new dev.spectron.engine.spi.FactBatch.Resolution(id, clock.instant(),
                                    resolution.strip()))));
        }
        return s.store().uncertainty(context, id).orElseThrow();
    }

    @Override
    public dev.spectron.api.DocumentInfo addDocument(dev.spectron.api.DocumentRequest request) {
        requireDocument(request);
        MemoryEngine.Structured s = structured;
        dev.spectron.api.DocumentInfo document = Documents.ingest(context, request, s, embedder,
                ids, clock);
        sync.catchUp();
        return document;
    }

    @Override
    public dev.spectron.api.DocumentInfo document(String id) {
        return structured.store().document(context, id)
                .orElseThrow(() -> new NotFoundException("document '" + id + "'"));
    }

    @Override
    public List<dev.spectron.api.DocumentInfo> documents(Scope scope, int limit) {
        InvalidInputException.require(limit >= 1 && limit <= 1000, "limit",
                "must be between 1 and 1000");
        return structured.store().documents(context, scope.floorKeys(), limit);
    }

    @Override
    public void deleteDocument(String id) {
        if (!structured.store().deleteDocument(context, id)) {
            throw new NotFoundException("document '" + id + "'");
        }
        sync.catchUp();
    }

    @Override
    public dev.spectron.api.ForgetResult forget(dev.spectron.api.ForgetRequest request) {
        Optional<java.util.Set<String>> ids = request.query().map(query -> {
            requireQuery(query);
            // Every candidate, not one per source turn: a fact and the turn it came from are
            // both forgotten.
            List<Candidate> found = retriever.retrieveUncollapsed(context,
                    RecallRequest.of(query, request.scope(), config.maxK()));
            Relevance relevance = Relevance.of(query, request.scope(), found,
                    registry.apply(context), config);
            return found.stream().filter(relevance::forgets).map(c -> c.hit().id())
                    .collect(java.util.stream.Collectors.toSet());
        });
        Optional<dev.spectron.engine.spi.EntityKey> entity = request.entity()
                .map(dev.spectron.engine.spi.EntityKey::parse);
        Optional<String> key = request.key().map(k -> registry.apply(context).canonical(k));
        if (ids.isPresent() && ids.get().isEmpty()) {
            return new dev.spectron.api.ForgetResult(0, request.dryRun());
        }
        dev.spectron.engine.spi.ForgetCount count = store.forget(context,
                new dev.spectron.engine.spi.ForgetSpec(request.scope(), entity, key, ids,
                        request.purge()), request.dryRun());
        if (!request.dryRun()) {
            sync.catchUp();
            if (request.purge()) {
                sync.expunge();
            }
        }
        return new dev.spectron.api.ForgetResult(count.records(), request.dryRun());
    }

    private void requireDocument(dev.spectron.api.DocumentRequest request) {
        InvalidInputException.require(request.text() != null && !request.text().isBlank(),
                "text", "must not be blank");
        InvalidInputException.require(request.text().length() <= config.maxContentChars() * 16,
                "text", "must be at most " + config.maxContentChars() * 16 + " characters");
        InvalidInputException.require(request.mimeType().equals("text/plain")
                || request.mimeType().equals("text/markdown"), "mimeType",
                "must be text/plain or text/markdown");
    }

    private void requireText(String text, String field) {
        InvalidInputException.require(text != null && !text.isBlank(), field, "must not be blank");
        InvalidInputException.require(text.length() <= config.maxContentChars(), field,
                "must be at most " + config.maxContentChars() + " characters");
    }

    private void requireQuery(String query) {
        InvalidInputException.require(query != null && !query.isBlank(), "query",
                "must not be blank");
        InvalidInputException.require(query.length() <= config.maxQueryChars(), "query",
                "must be at most " + config.maxQueryChars() + " characters");
    }

    private void requireK(int k) {
        InvalidInputException.require(k >= 1 && k <= config.maxK(), "k",
                "must be between 1 and " + config.maxK());
    }
}
