package dev.spectron.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.ContextRequest;
import dev.spectron.api.ExtractMode;
import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Memory;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.RecallMode;
import dev.spectron.api.RecallRequest;
import dev.spectron.api.RememberRequest;
import dev.spectron.api.Role;
import dev.spectron.api.Scope;
import dev.spectron.api.SessionInfo;
import dev.spectron.api.SessionRequest;
import dev.spectron.api.TurnInput;
import dev.spectron.engine.MemoryEngine;
import dev.spectron.engine.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The data plane, {@code /api/v1/{context}/…}: thin handlers that parse, apply the key's scope
 * floor, call the engine and write JSON. The floor is merged into every scope a request names;
 * a session outside the key's floor answers 404, as if it did not exist.
 */
final class MemoryRoutes {
    private static final String BASE = "/api/v1/{context}";
    private static final int DEFAULT_SESSION_LIST = 100;

    private final MemoryEngine engine;
    private final Auth auth;

    MemoryRoutes(MemoryEngine engine, Auth auth) {
        this.engine = engine;
        this.auth = auth;
    }

    void register(RoutesConfig routes) {
        routes.post(BASE + "/sessions", this::createSession);
        routes.get(BASE + "/sessions", this::listSessions);
        routes.get(BASE + "/sessions/{id}", this::getSession);
        routes.delete(BASE + "/sessions/{id}", this::deleteSession);
        routes.post(BASE + "/sessions/{id}/turns", this::addTurn);
        routes.get(BASE + "/sessions/{id}/turns", this::listTurns);
        routes.post(BASE + "/sessions/{id}/close", this::closeSession);
        routes.post(BASE + "/sessions/{id}/context", this::sessionContext);
        routes.post(BASE + "/remember", this::remember);
        routes.post(BASE + "/remember/batch", this::rememberBatch);
        routes.post(BASE + "/recall", this::recall);
        routes.post(BASE + "/context", this::context);
    }

    private Call call(Context ctx) {
        return Call.of(ctx, engine, auth);
    }

    private Call writeCall(Context ctx) {
        return Call.writing(ctx, engine, auth);
    }

    private void createSession(Context ctx) {
        Call call = writeCall(ctx);
        Body body = Body.parse(ctx.body());
        SessionRequest request = new SessionRequest(call.scope(body.scope()), body.metadata(),
                body.text("extract").map(ExtractMode::parse).orElse(ExtractMode.TURN));
        json(ctx.status(201), call.memory().createSession(request));
    }

    private void listSessions(Context ctx) {
        Call call = call(ctx);
        Scope scope = call.scope(Body.scopeParam(ctx.queryParam("scope")));
        int limit = intParam(ctx, "limit", DEFAULT_SESSION_LIST);
        json(ctx, Map.of("sessions", call.memory().sessions(scope, limit)));
    }

    private void getSession(Context ctx) {
        json(ctx, call(ctx).session(ctx.pathParam("id")));
    }

    private void deleteSession(Context ctx) {
        Call call = writeCall(ctx);
        String id = call.session(ctx.pathParam("id")).id();
        call.memory().deleteSession(id);
        ctx.status(204);
    }

    private void addTurn(Context ctx) {
        Call call = writeCall(ctx);
        String id = call.session(ctx.pathParam("id")).id();
        Body body = Body.parse(ctx.body());
        TurnInput turn = new TurnInput(Role.parse(body.requiredText("role")),
                body.requiredText("content"), body.text("speaker"), body.instant("observedAt"),
                body.metadata());
        json(ctx.status(201), call.memory().addTurn(id, turn));
    }

    private void listTurns(Context ctx) {
        Call call = call(ctx);
        String id = call.session(ctx.pathParam("id")).id();
        json(ctx, Map.of("turns", call.memory().turns(id)));
    }

    private void closeSession(Context ctx) {
        Call call = writeCall(ctx);
        String id = call.session(ctx.pathParam("id")).id();
        json(ctx, call.memory().closeSession(id));
    }

    private void remember(Context ctx) {
        Call call = writeCall(ctx);
        Body body = Body.parse(ctx.body());
        Optional<SessionInfo> session = body.text("sessionId").map(call::session);
        Scope scope = session.isPresent() && !body.has("scope") ? session.get().scope()
                : call.scope(body.scope());
        RememberRequest request = new RememberRequest(body.requiredText("text"), scope,
                session.map(SessionInfo::id),
                body.text("role").map(Role::parse).orElse(Role.USER), body.instant("observedAt"),
                body.metadata(),
                body.text("infer").map(dev.spectron.api.Infer::parse)
                        .orElse(dev.spectron.api.Infer.FULL), body.triples());
        json(ctx.status(201), call.memory().remember(request));
    }

    private void rememberBatch(Context ctx) {
        Call call = writeCall(ctx);
        Body body = Body.parse(ctx.body());
        Optional<SessionInfo> session = body.text("sessionId").map(call::session);
        Scope scope = session.isPresent() && !body.has("scope") ? session.get().scope()
                : call.scope(body.scope());
        dev.spectron.api.BatchRequest request = new dev.spectron.api.BatchRequest(
                body.messages(), scope, session.map(SessionInfo::id),
                body.text("infer").map(dev.spectron.api.Infer::parse)
                        .orElse(dev.spectron.api.Infer.FULL));
        json(ctx.status(201), call.memory().rememberBatch(request));
    }

    private void recall(Context ctx) {
        Call call = call(ctx);
        Body body = Body.parse(ctx.body());
        Optional<String> sessionId = body.text("sessionId").map(id -> call.session(id).id());
        RecallRequest request = new RecallRequest(body.requiredText("query"),
                call.scope(body.scope()), k(body),
                body.text("mode").map(RecallMode::parse).orElse(RecallMode.HYBRID),
                body.instant("asOf"), body.instant("validAt"), sessionId, include(body));
        json(ctx, call.memory().recall(request));
    }

    /** {@code include}: which kinds of memory a recall returns (all when absent). */
    private static java.util.Set<dev.spectron.api.RecallInclude> include(Body body) {
        return body.texts("include").map(names -> {
            if (names.isEmpty()) {
                throw new dev.spectron.api.InvalidInputException("include",
                        "must name at least one of facts, turns, documents, instructions"
                                + " (leave it out for all)");
            }
            java.util.Set<dev.spectron.api.RecallInclude> out = java.util.EnumSet.noneOf(
                    dev.spectron.api.RecallInclude.class);
            names.forEach(name -> out.add(dev.spectron.api.RecallInclude.parse(name)));
            return (java.util.Set<dev.spectron.api.RecallInclude>) out;
        }).orElse(dev.spectron.api.RecallInclude.ALL);
    }

    private void context(Context ctx) {
        Call call = call(ctx);
        Body body = Body.parse(ctx.body());
        json(ctx, call.memory().context(new ContextRequest(body.requiredText("query"),
                call.scope(body.scope()), k(body),
                body.integer("maxTokens").orElse(ContextRequest.DEFAULT_MAX_TOKENS))));
    }

    private void sessionContext(Context ctx) {
        Call call = call(ctx);
        SessionInfo session = call.session(ctx.pathParam("id"));
        Body body = Body.parse(ctx.body());
        json(ctx, call.memory().context(new ContextRequest(body.requiredText("query"),
                session.scope(), k(body),
                body.integer("maxTokens").orElse(ContextRequest.DEFAULT_MAX_TOKENS))));
    }

    /** {@code k}, also accepted as {@code topK} or {@code top_k} (the SDKs' names). */
    private static int k(Body body) {
        return body.integer("k").or(() -> body.integer("topK")).or(() -> body.integer("top_k"))
                .orElse(RecallRequest.DEFAULT_K);
    }

    static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be an integer");
        }
    }

    static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }
}
