package dev.spectron.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spectron.api.BatchRequest;
import dev.spectron.api.BatchResult;
import dev.spectron.api.Context;
import dev.spectron.api.ContextRequest;
import dev.spectron.api.Diff;
import dev.spectron.api.DocumentInfo;
import dev.spectron.api.DocumentRequest;
import dev.spectron.api.EntityInfo;
import dev.spectron.api.EntitySearch;
import dev.spectron.api.Fact;
import dev.spectron.api.ForgetRequest;
import dev.spectron.api.ForgetResult;
import dev.spectron.api.MemoryState;
import dev.spectron.api.Profile;
import dev.spectron.api.Uncertainty;
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
    public BatchResult rememberBatch(BatchRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/remember/batch", request, BatchResult.class);
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

    @Override
    public Profile profile(Scope scope) {
        return transport.post(root + "/profile", new ScopeBody(scope), Profile.class);
    }

    @Override
    public MemoryState state(Scope scope) {
        return transport.post(root + "/state", new ScopeBody(scope), MemoryState.class);
    }

    @Override
    public List<EntityInfo> entities(EntitySearch search) {
        Objects.requireNonNull(search, "search");
        String query = "?scope=" + PercentEncoding.queryValue(scopeJson(search.scope()))
                + "&type=" + PercentEncoding.queryValue(search.type())
                + "&q=" + PercentEncoding.queryValue(search.nameContains())
                + "&limit=" + search.limit();
        EntityList list = transport.get(root + "/entities" + query, EntityList.class);
        return list.entities() == null ? List.of() : List.copyOf(list.entities());
    }

    @Override
    public EntityInfo entity(String address, Scope scope) {
        return transport.get(entityPath(address) + scopeQuery(scope), EntityInfo.class);
    }

    @Override
    public List<Fact> history(String address, String key, Scope scope) {
        InvalidInputException.require(key != null && !key.isBlank(), "key", "must not be blank");
        History history = transport.get(entityPath(address) + "/history/"
                + PercentEncoding.segment(key) + scopeQuery(scope), History.class);
        return history.history() == null ? List.of() : List.copyOf(history.history());
    }

    @Override
    public int deleteEntity(String address, Scope scope) {
        return transport.delete(entityPath(address) + scopeQuery(scope), Forgotten.class)
                .forgotten();
    }

    @Override
    public List<Uncertainty> uncertainties(Scope scope, boolean openOnly) {
        UncertaintyList list = transport.get(root + "/uncertainties" + scopeQuery(scope)
                + "&open=" + openOnly, UncertaintyList.class);
        return list.uncertainties() == null ? List.of() : List.copyOf(list.uncertainties());
    }

    @Override
    public Uncertainty uncertainty(String id) {
        return transport.get(root + "/uncertainties/" + segment(id, "uncertaintyId"),
                Uncertainty.class);
    }

    @Override
    public Uncertainty resolveUncertainty(String id, String resolution) {
        return transport.post(root + "/uncertainties/" + segment(id, "uncertaintyId")
                + "/resolve", new ResolveBody(resolution), Uncertainty.class);
    }

    @Override
    public DocumentInfo addDocument(DocumentRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/documents", request, DocumentInfo.class);
    }

    @Override
    public DocumentInfo document(String id) {
        return transport.get(root + "/documents/" + segment(id, "documentId"),
                DocumentInfo.class);
    }

    @Override
    public List<DocumentInfo> documents(Scope scope, int limit) {
        DocumentList list = transport.get(root + "/documents" + scopeQuery(scope) + "&limit="
                + limit, DocumentList.class);
        return list.documents() == null ? List.of() : List.copyOf(list.documents());
    }

    @Override
    public void deleteDocument(String id) {
        transport.delete(root + "/documents/" + segment(id, "documentId"));
    }

    @Override
    public ForgetResult forget(ForgetRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.post(root + "/forget", request, ForgetResult.class);
    }

    private String entityPath(String address) {
        InvalidInputException.require(address != null && address.indexOf('/') > 0, "entity",
                "must look like type/name");
        int slash = address.indexOf('/');
        return root + "/entities/" + segment(address.substring(0, slash), "entity")
                + "/" + segment(address.substring(slash + 1), "entity");
    }

    private String scopeQuery(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        return "?scope=" + PercentEncoding.queryValue(scopeJson(scope));
    }

    private static String segment(String id, String field) {
        InvalidInputException.require(id != null && !id.isBlank(), field, "must not be blank");
        InvalidInputException.require(!id.equals(".") && !id.equals(".."), field,
                "must not be '.' or '..'");
        return PercentEncoding.segment(id);
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

    /** A body holding only a scope. */
    record ScopeBody(Scope scope) {}

    /** The body of a resolve call. */
    record ResolveBody(String resolution) {}

    /** The answer to {@code GET /entities}. */
    record EntityList(List<EntityInfo> entities) {}

    /** The answer to a history call. */
    record History(List<Fact> history) {}

    /** The answer to a forget. */
    record Forgotten(int forgotten) {}

    /** The answer to {@code GET /uncertainties}. */
    record UncertaintyList(List<Uncertainty> uncertainties) {}

    /** The answer to {@code GET /documents}. */
    record DocumentList(List<DocumentInfo> documents) {}
}
