package dev.spectron.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spectron.api.Context;
import dev.spectron.api.ContextRequest;
import dev.spectron.api.Diff;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.Recall;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.RememberResult;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.Turn;
import dev.spectron.api.TurnInput;
import dev.spectron.api.TurnResult;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * {@link Memory} over HTTP API v1: every method is one request under {@code /api/v1/{context}}.
 * Ids and the context travel as percent-encoded path segments, the scope of a GET as a
 * percent-encoded JSON object. Thread-safe.
 */
final class HttpMemory implements Memory {
    private final HttpTransport transport;
    private final String context;
    private final String root;

    HttpMemory(HttpTransport transport, String context) {
        this.transport = transport;
        this.context = context;
        this.root = "/api/v1/" + PercentEncoding.segment(context);
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public SessionInfo createSession(SessionRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/sessions", request, SessionInfo.class);
    }

    @Override
    public SessionInfo session(String sessionId) {
        return transport.get(sessionPath(sessionId), SessionInfo.class);
    }

    @Override
    public List<SessionInfo> sessions(Scope scope, int limit) {
        Objects.requireNonNull(scope, "scope");
        String query = "?scope=" + PercentEncoding.queryValue(scopeJson(scope)) + "&limit=" + limit;
        SessionList list = transport.get(root + "/sessions" + query, SessionList.class);
        return list.sessions() == null ? List.of() : List.copyOf(list.sessions());
    }

    @Override
    public TurnResult addTurn(String sessionId, TurnInput turn) {
        Objects.requireNonNull(turn, "turn");
        return transport.post(sessionPath(sessionId) + "/turns", turn, TurnResult.class);
    }

    @Override
    public List<Turn> turns(String sessionId) {
        TurnList list = transport.get(sessionPath(sessionId) + "/turns", TurnList.class);
        return list.turns() == null ? List.of() : List.copyOf(list.turns());
    }

    @Override
    public Diff closeSession(String sessionId) {
        return transport.post(sessionPath(sessionId) + "/close", null, Diff.class);
    }

    @Override
    public void deleteSession(String sessionId) {
        transport.delete(sessionPath(sessionId));
    }

    @Override
    public RememberResult remember(RememberRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/remember", request, RememberResult.class);
    }

    @Override
    public Recall recall(RecallRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/recall", request, Recall.class);
    }

    @Override
    public Context context(ContextRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/context", request, Context.class);
    }

    /**
     * The path of one session. Blank ids and dot segments are refused here: they would address
     * the session list or a parent route instead of a session.
     */
    private String sessionPath(String sessionId) {
        InvalidInputException.require(sessionId != null && !sessionId.isBlank(), "sessionId",
                "must not be blank");
        InvalidInputException.require(!sessionId.equals(".") && !sessionId.equals(".."),
                "sessionId", "must not be '.' or '..'");
        return root + "/sessions/" + PercentEncoding.segment(sessionId);
    }

    private String scopeJson(Scope scope) {
        try {
            return transport.json().writeValueAsString(scope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "HttpMemory[" + transport.baseUrl() + ", context=" + context + "]";
    }

    /** The answer to {@code GET /sessions}. */
    record SessionList(List<SessionInfo> sessions) {}

    /** The answer to {@code GET /sessions/{id}/turns}. */
    record TurnList(List<Turn> turns) {}
}
