package dev.spectron.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spectron.api.NotFoundException;
import dev.spectron.api.Scope;
import dev.spectron.engine.KeyService;
import dev.spectron.engine.MemoryEngine;
import dev.spectron.engine.Principal;
import dev.spectron.engine.spi.ApiKeyRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The management plane, {@code /api/v1/contexts…}: contexts and data keys, management keys only.
 */
final class ManagementRoutes {
    private final MemoryEngine engine;
    private final Auth auth;

    ManagementRoutes(MemoryEngine engine, Auth auth) {
        this.engine = engine;
        this.auth = auth;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/contexts", this::list);
        routes.post("/api/v1/contexts", this::create);
        routes.get("/api/v1/contexts/{name}", this::get);
        routes.post("/api/v1/contexts/{name}/keys", this::mintKey);
    }

    private void list(Context ctx) {
        auth.management(ctx);
        MemoryRoutes.json(ctx, Map.of("contexts", engine.contexts().stream()
                .map(name -> Map.of("name", name)).toList()));
    }

    private void create(Context ctx) {
        auth.management(ctx);
        String name = Body.parse(ctx.body()).requiredText("name");
        boolean created = engine.createContext(name);
        MemoryRoutes.json(ctx.status(created ? 201 : 200),
                Map.of("name", name, "created", created));
    }

    private void get(Context ctx) {
        auth.management(ctx);
        String name = ctx.pathParam("name");
        if (!engine.contexts().contains(name)) {
            throw new NotFoundException("context '" + name + "'");
        }
        MemoryRoutes.json(ctx, Map.of("name", name));
    }

    private void mintKey(Context ctx) {
        auth.management(ctx);
        String name = ctx.pathParam("name");
        if (!engine.contexts().contains(name)) {
            throw new NotFoundException("context '" + name + "'");
        }
        Body body = Body.parse(ctx.body().isBlank() ? "{}" : ctx.body());
        Scope floor = body.scope("floor");
        String role = body.text("role").orElse(Principal.AGENT);
        KeyService.Minted minted = engine.keys().mint(ApiKeyRecord.Kind.DATA, Optional.of(name),
                role, floor);
        ObjectNode out = MemoryRoutes.object();
        out.put("id", minted.record().id());
        out.put("key", minted.plaintext());
        out.put("context", name);
        out.put("role", role);
        out.set("floor", Json.MAPPER.valueToTree(floor));
        out.put("createdAt", minted.record().createdAt().toString());
        MemoryRoutes.json(ctx.status(201), out);
    }
}
