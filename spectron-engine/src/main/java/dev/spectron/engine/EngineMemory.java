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
        String indexText = TurnText.index(speaker, input.content(), observedAt);
        float[] vector = embedder.embedPassage(indexText);
        Turn turn = store.appendTurn(context, new NewTurn(ids.next(), sessionId, input.role(),
                input.speaker(), input.content(), now, observedAt, input.metadata(), indexText,
                vector, embedder.modelId()));
        sync.catchUp();
        return new TurnResult(turn, Diff.empty(turn.id()));
    }

    @Override
    public List<Turn> turns(String sessionId) {
        session(sessionId);
        return store.turns(context, sessionId);
    }

    @Override
    public Diff closeSession(String sessionId) {
        session(sessionId);
        store.closeSession(context, sessionId, clock.instant());
        return Diff.empty(null);
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
        TurnInput turn = new TurnInput(request.role(), request.text(), Optional.empty(),
                request.observedAt(), request.metadata());
        if (request.sessionId().isPresent()) {
            String sessionId = request.sessionId().get();
            SessionInfo session = session(sessionId);
            InvalidInputException.require(request.scope().isEmpty()
                    || request.scope().equals(session.scope()), "scope",
                    "must be the session's scope (or omitted) when sessionId is given");
            TurnResult result = addTurn(sessionId, turn);
            return new RememberResult(sessionId, result.turn().id(), result.diff());
        }
        SessionInfo session = createSession(new SessionRequest(request.scope(),
                Map.of("origin", "remember"), null));
        TurnResult result = addTurn(session.id(), turn);
        store.closeSession(context, session.id(), clock.instant());
        return new RememberResult(session.id(), result.turn().id(), result.diff());
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
        return contextBuilder.build(retriever.retrieve(context, recall), request.maxTokens());
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
