package dev.spectron.server;

import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.engine.MemoryEngine;
import dev.spectron.engine.Principal;
import io.javalin.http.Context;

/**
 * One data-plane request: the authenticated caller and the memory of the path's context, with
 * the key's floor applied to every scope and session it touches.
 *
 * @param principal the caller
 * @param memory the memory of the path's context
 */
record Call(Principal principal, Memory memory) {
    static Call of(Context ctx, MemoryEngine engine, Auth auth) {
        String context = ctx.pathParam("context");
        Principal principal = auth.data(ctx, context);
        return new Call(principal, engine.memory(context));
    }

    static Call writing(Context ctx, MemoryEngine engine, Auth auth) {
        Call call = of(ctx, engine, auth);
        Auth.requireWrite(call.principal());
        return call;
    }

    /** The requested scope with the key's floor merged in. */
    Scope scope(Scope requested) {
        return requested.withFloor(principal.floor());
    }

    /** The session, if the key's floor lets the caller see it (404 otherwise). */
    SessionInfo session(String id) {
        SessionInfo session = memory.session(id);
        if (!session.scope().contains(principal.floor())) {
            throw new NotFoundException("session '" + id + "'");
        }
        return session;
    }
}
