package dev.spectron.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handle on one session of a {@link Memory}: the verbs of the memory with the session's id and
 * scope filled in. Closing the handle closes the session (and runs deferred extraction).
 * Thread-safe as its memory is.
 */
public final class Session implements AutoCloseable {
    private final Memory memory;
    private final SessionInfo info;

    Session(Memory memory, SessionInfo info) {
        this.memory = memory;
        this.info = info;
    }

    /** The session id. */
    public String id() {
        return info.id();
    }

    /** The session's scope. */
    public Scope scope() {
        return info.scope();
    }

    /** The session as it was when the handle was made. */
    public SessionInfo info() {
        return info;
    }

    /** Adds a turn. */
    public TurnResult turn(Role role, String content) {
        return memory.addTurn(info.id(), TurnInput.of(role, content));
    }

    /** Adds a turn with every field. */
    public TurnResult turn(TurnInput turn) {
        return memory.addTurn(info.id(), turn);
    }

    /** Remembers a user statement in this session. */
    public RememberResult remember(String text) {
        return memory.remember(new RememberRequest(text, info.scope(), Optional.of(info.id()),
                Role.USER, Optional.empty(), Map.of()));
    }

    /** Recalls at the session's scope. */
    public Recall recall(String query, int k) {
        return memory.recall(RecallRequest.of(query, info.scope(), k));
    }

    /** Context at the session's scope. */
    public Context context(String query) {
        return memory.context(ContextRequest.of(query, info.scope()));
    }

    /** The profile of the session's scope. */
    public Profile profile() {
        return memory.profile(info.scope());
    }

    /** Forgets everything of the session's scope. */
    public ForgetResult forget() {
        return memory.forget(ForgetRequest.of(info.scope()));
    }

    /** The session's turns, oldest first. */
    public List<Turn> turns() {
        return memory.turns(info.id());
    }

    /** Closes the session; harmless when already closed. */
    @Override
    public void close() {
        memory.closeSession(info.id());
    }
}
