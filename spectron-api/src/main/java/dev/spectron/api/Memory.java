package dev.spectron.api;

import java.util.List;

/**
 * The memory of one context. Implemented in-process by the embedded engine and over HTTP by the
 * Java client, with the same behaviour; every method is thread-safe.
 *
 * <p>Every read takes the reader's scope and sees only records whose scope is a subset of it
 * (floor matching); every write stores records under the exact scope it names.
 */
public interface Memory {
    /** The context this handle reads and writes. */
    String context();

    /** Creates a session. @throws InvalidInputException on a bad scope or metadata */
    SessionInfo createSession(SessionRequest request);

    /** A session by id. @throws NotFoundException when there is none */
    SessionInfo session(String sessionId);

    /** Sessions visible at {@code scope}, newest first, at most {@code limit}. */
    List<SessionInfo> sessions(Scope scope, int limit);

    /**
     * Adds a turn, extracts and reconciles it, and returns what changed. When this returns, a
     * recall sees the turn (read-your-writes).
     *
     * @throws NotFoundException when the session does not exist
     * @throws ConflictException when the session is closed
     */
    TurnResult addTurn(String sessionId, TurnInput turn);

    /** The turns of a session, oldest first. @throws NotFoundException when there is none */
    List<Turn> turns(String sessionId);

    /** Closes a session, running any deferred extraction. Closing twice is harmless. */
    Diff closeSession(String sessionId);

    /** Deletes a session with its turns. @throws NotFoundException when there is none */
    void deleteSession(String sessionId);

    /** Remembers one statement. */
    RememberResult remember(RememberRequest request);

    /**
     * Remembers many messages as turns of one session, extracted together.
     *
     * @throws InvalidInputException when there are no messages or more than
     *     {@link BatchRequest#MAX_MESSAGES}
     */
    BatchResult rememberBatch(BatchRequest request);

    /** Recalls memories for a query. */
    Recall recall(RecallRequest request);

    /** Builds prompt-ready context; empty when nothing relevant is stored. */
    Context context(ContextRequest request);

    /**
     * What is known about the scope's subject (its user, else agent, else org): a deterministic
     * summary paragraph and the current facts by category, active instructions and open
     * uncertainties. The summary is {@code ""} when nothing is known.
     */
    Profile profile(Scope scope);

    /** Everything current visible at {@code scope}. */
    MemoryState state(Scope scope);

    /** Entities with at least one fact visible at the search's scope. */
    List<EntityInfo> entities(EntitySearch search);

    /**
     * One entity, {@code type/name}, with its current facts visible at {@code scope}.
     *
     * @throws NotFoundException when no fact about it is visible there
     */
    EntityInfo entity(String address, Scope scope);

    /**
     * The supersession chain of one attribute key or relation label of an entity, newest first,
     * as visible at {@code scope} (forgotten rows excluded).
     */
    List<Fact> history(String address, String key, Scope scope);

    /**
     * Soft-deletes an entity at {@code scope}: its facts stored under scopes visible there become
     * forgotten. Returns the number of facts hidden.
     */
    int deleteEntity(String address, Scope scope);

    /** Uncertainties visible at {@code scope}, newest first. */
    List<Uncertainty> uncertainties(Scope scope, boolean openOnly);

    /** One uncertainty by id. @throws NotFoundException when there is none */
    Uncertainty uncertainty(String id);

    /**
     * Marks an uncertainty resolved.
     *
     * @throws NotFoundException when it does not exist
     */
    Uncertainty resolveUncertainty(String id, String resolution);

    /** Adds an authoritative document: chunked, indexed, read for facts. */
    DocumentInfo addDocument(DocumentRequest request);

    /** A document by id. @throws NotFoundException when there is none */
    DocumentInfo document(String id);

    /** Documents visible at {@code scope}, newest first. */
    List<DocumentInfo> documents(Scope scope, int limit);

    /** Deletes a document and its passages. @throws NotFoundException when there is none */
    void deleteDocument(String id);

    /**
     * Forgets records: after it returns, no read path returns their content. A scope alone is a
     * bulk forget of every record whose scope contains all its tags (sessions and documents
     * included); {@code query}, {@code entity} and {@code key} narrow it.
     */
    ForgetResult forget(ForgetRequest request);

    /** Opens a new session at {@code scope} as a handle that closes it when closed. */
    default Session openSession(Scope scope) {
        return openSession(SessionRequest.of(scope));
    }

    /** Opens a new session as a handle that closes it when closed. */
    default Session openSession(SessionRequest request) {
        return new Session(this, createSession(request));
    }

    /** A handle on an existing session. */
    default Session resumeSession(String sessionId) {
        return new Session(this, session(sessionId));
    }

    /** Remembers {@code text} as a user statement at {@code scope}. */
    default RememberResult remember(String text, Scope scope) {
        return remember(RememberRequest.of(text, scope));
    }

    /** Recalls {@code k} hits for {@code query} at {@code scope}. */
    default Recall recall(String query, Scope scope, int k) {
        return recall(RecallRequest.of(query, scope, k));
    }

    /** Context for {@code query} at {@code scope} with default limits. */
    default Context context(String query, Scope scope) {
        return context(ContextRequest.of(query, scope));
    }
}
