package dev.spectron.server;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.DocumentRequest;
import dev.spectron.api.EntitySearch;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Scope;
import dev.spectron.api.Uncertainty;
import dev.spectron.engine.MemoryEngine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Structured memory over HTTP: profile, state, entities with history, uncertainties and
 * authoritative documents. Records outside the key's floor answer 404.
 */
final class StructuredRoutes {
    private static final String BASE = "/api/v1/{context}";

    private final MemoryEngine engine;
    private final Auth auth;

    StructuredRoutes(MemoryEngine engine, Auth auth) {
        this.engine = engine;
        this.auth = auth;
    }

    void register(RoutesConfig routes) {
        routes.post(BASE + "/profile", this::profile);
        routes.post(BASE + "/state", this::state);
        routes.get(BASE + "/entities", this::entities);
        routes.get(BASE + "/entities/{type}/{name}", this::entity);
        routes.get(BASE + "/entities/{type}/{name}/history/{key}", this::history);
        routes.delete(BASE + "/entities/{type}/{name}", this::deleteEntity);
        routes.get(BASE + "/uncertainties", this::uncertainties);
        routes.get(BASE + "/uncertainties/{id}", this::uncertainty);
        routes.post(BASE + "/uncertainties/{id}/resolve", this::resolve);
        routes.post(BASE + "/forget", this::forget);
        routes.post(BASE + "/documents", this::addDocument);
        routes.get(BASE + "/documents", this::documents);
        routes.get(BASE + "/documents/{id}", this::document);
        routes.delete(BASE + "/documents/{id}", this::deleteDocument);
    }

    private void profile(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        Scope scope = call.scope(Body.parse(ctx.body()).scope());
        MemoryRoutes.json(ctx, call.memory().profile(scope));
    }

    private void state(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        Scope scope = call.scope(Body.parse(ctx.body()).scope());
        MemoryRoutes.json(ctx, call.memory().state(scope));
    }

    private void entities(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        EntitySearch search = new EntitySearch(queryScope(ctx, call),
                orEmpty(ctx.queryParam("type")), orEmpty(ctx.queryParam("q")),
                MemoryRoutes.intParam(ctx, "limit", 100));
        MemoryRoutes.json(ctx, Map.of("entities", call.memory().entities(search)));
    }

    private void entity(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        MemoryRoutes.json(ctx, call.memory().entity(address(ctx), queryScope(ctx, call)));
    }

    private void history(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        MemoryRoutes.json(ctx, Map.of("history", call.memory().history(address(ctx),
                ctx.pathParam("key"), queryScope(ctx, call))));
    }

    private void deleteEntity(Context ctx) {
        Call call = Call.writing(ctx, engine, auth);
        MemoryRoutes.json(ctx, Map.of("forgotten", call.memory().deleteEntity(address(ctx),
                queryScope(ctx, call))));
    }

    private void uncertainties(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        boolean open = !"false".equalsIgnoreCase(ctx.queryParam("open"));
        MemoryRoutes.json(ctx, Map.of("uncertainties",
                call.memory().uncertainties(queryScope(ctx, call), open)));
    }

    private void resolve(Context ctx) {
        Call call = Call.writing(ctx, engine, auth);
        String id = visibleUncertainty(call, ctx.pathParam("id")).id();
        Body body = Body.parse(ctx.body());
        MemoryRoutes.json(ctx, call.memory().resolveUncertainty(id,
                body.requiredText("resolution")));
    }

    private void uncertainty(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        MemoryRoutes.json(ctx, visibleUncertainty(call, ctx.pathParam("id")));
    }

    private static Uncertainty visibleUncertainty(Call call, String id) {
        Uncertainty uncertainty = call.memory().uncertainty(id);
        if (!uncertainty.scope().contains(call.principal().floor())) {
            throw new NotFoundException("uncertainty '" + id + "'");
        }
        return uncertainty;
    }

    private void forget(Context ctx) {
        Call call = Call.writing(ctx, engine, auth);
        Body body = Body.parse(ctx.body());
        dev.spectron.api.ForgetRequest request = new dev.spectron.api.ForgetRequest(
                call.scope(body.scope()), body.text("query"), body.text("entity"),
                body.text("key"), body.bool("purge").orElse(false),
                body.bool("dryRun").orElse(false));
        MemoryRoutes.json(ctx, call.memory().forget(request));
        if (request.purge() && !request.dryRun()) {
            // Answers kept for idempotent retries may quote what was just purged.
            engine.idempotencyKeys().forget(ctx.pathParam("context"));
        }
    }

    private void addDocument(Context ctx) {
        Call call = Call.writing(ctx, engine, auth);
        Body body = Body.parse(ctx.body());
        DocumentRequest request = new DocumentRequest(body.requiredText("text"),
                body.text("title"), call.scope(body.scope()),
                body.text("mimeType").orElse("text/plain"));
        MemoryRoutes.json(ctx.status(201), call.memory().addDocument(request));
    }

    private void documents(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        MemoryRoutes.json(ctx, Map.of("documents", call.memory().documents(
                queryScope(ctx, call), MemoryRoutes.intParam(ctx, "limit", 100))));
    }

    private void document(Context ctx) {
        Call call = Call.of(ctx, engine, auth);
        MemoryRoutes.json(ctx, visibleDocument(call, ctx.pathParam("id")));
    }

    private void deleteDocument(Context ctx) {
        Call call = Call.writing(ctx, engine, auth);
        call.memory().deleteDocument(visibleDocument(call, ctx.pathParam("id")).id());
        ctx.status(204);
    }

    private static DocumentInfo visibleDocument(Call call, String id) {
        DocumentInfo document = call.memory().document(id);
        if (!document.scope().contains(call.principal().floor())) {
            throw new NotFoundException("document '" + id + "'");
        }
        return document;
    }

    private static Scope queryScope(Context ctx, Call call) {
        return call.scope(Body.scopeParam(ctx.queryParam("scope")));
    }

    private static String address(Context ctx) {
        return ctx.pathParam("type") + "/" + ctx.pathParam("name");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
