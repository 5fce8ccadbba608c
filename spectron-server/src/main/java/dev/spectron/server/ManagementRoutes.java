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
        routes.get("/api/v1/contexts/{name}/keys", this::listKeys);
        routes.delete("/api/v1/contexts/{name}/keys/{id}", this::revokeKey);
        routes.post("/api/v1/contexts/{name}/keys/{id}/rotate", this::rotateKey);
        routes.delete("/api/v1/contexts/{name}", this::deleteContext);
        routes.get("/api/v1/contexts/{name}/registry", this::registry);
        routes.post("/api/v1/contexts/{name}/registry", this::extendRegistry);
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

    private void registry(Context ctx) {
        auth.management(ctx);
        String name = ctx.pathParam("name");
        MemoryRoutes.json(ctx, Map.of("context", name, "keys",
                engine.registryExtensions(name).stream().map(ManagementRoutes::spec).toList()));
    }

    /** Body {@code {"keys": [{key, relation?, cardinality, category?, synonyms?}]}}. */
    private void extendRegistry(Context ctx) {
        auth.management(ctx);
        String name = ctx.pathParam("name");
        com.fasterxml.jackson.databind.JsonNode keys = Json.MAPPER.createObjectNode();
        try {
            keys = Json.MAPPER.readTree(ctx.body()).path("keys");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.spectron.api.InvalidInputException("body", "must be valid JSON");
        }
        if (!keys.isArray() || keys.isEmpty()) {
            throw new dev.spectron.api.InvalidInputException("keys",
                    "must be a non-empty list of key definitions");
        }
        java.util.List<dev.spectron.engine.spi.KeySpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode k = keys.get(i);
            String at = "keys[" + i + "]";
            String key = k.path("key").asText("");
            String cardinality = k.path("cardinality").asText("one");
            String category = k.path("category").asText("knowledge");
            dev.spectron.api.InvalidInputException.require(cardinality.equals("one")
                    || cardinality.equals("many"), at + ".cardinality", "must be one or many");
            dev.spectron.api.InvalidInputException.require(category.matches(
                    "identity|knowledge|context"), at + ".category",
                    "must be identity, knowledge or context");
            java.util.List<String> synonyms = new java.util.ArrayList<>();
            k.path("synonyms").forEach(s -> synonyms.add(
                    dev.spectron.engine.spi.KeyRegistry.snake(s.asText())));
            specs.add(new dev.spectron.engine.spi.KeySpec(key, k.path("relation").asBoolean(false),
                    dev.spectron.engine.spi.KeySpec.Cardinality.valueOf(
                            cardinality.toUpperCase(java.util.Locale.ROOT)),
                    dev.spectron.engine.spi.KeySpec.Category.valueOf(
                            category.toUpperCase(java.util.Locale.ROOT)), synonyms));
        }
        engine.extendRegistry(name, specs);
        registry(ctx);
    }

    private static Map<String, Object> spec(dev.spectron.engine.spi.KeySpec spec) {
        return Map.of("key", spec.key(), "relation", spec.relation(), "cardinality",
                spec.cardinality().name().toLowerCase(java.util.Locale.ROOT), "category",
                spec.category().wireName(), "synonyms", spec.synonyms());
    }

    private void deleteContext(Context ctx) {
        auth.management(ctx);
        String name = ctx.pathParam("name");
        int purged = engine.deleteContext(name);
        MemoryRoutes.json(ctx, Map.of("name", name, "deleted", true, "forgotten", purged));
    }

    private void listKeys(Context ctx) {
        auth.management(ctx);
        String name = existing(ctx.pathParam("name"));
        MemoryRoutes.json(ctx, Map.of("keys", engine.keys().keys(name).stream().map(k -> {
            Map<String, Object> key = new java.util.LinkedHashMap<>();
            key.put("id", k.id());
            key.put("role", k.role());
            key.put("floor", k.floor());
            key.put("createdAt", k.createdAt().toString());
            key.put("revokedAt", k.revokedAt().map(Object::toString).orElse(null));
            return key;
        }).toList()));
    }

    private void revokeKey(Context ctx) {
        auth.management(ctx);
        engine.keys().revoke(existing(ctx.pathParam("name")), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void rotateKey(Context ctx) {
        auth.management(ctx);
        String name = existing(ctx.pathParam("name"));
        KeyService.Minted minted = engine.keys().rotate(name, ctx.pathParam("id"));
        MemoryRoutes.json(ctx.status(201), minted(name, minted));
    }

    private String existing(String name) {
        if (!engine.contexts().contains(name)) {
            throw new NotFoundException("context '" + name + "'");
        }
        return name;
    }

    private static ObjectNode minted(String name, KeyService.Minted minted) {
        ObjectNode out = MemoryRoutes.object();
        out.put("id", minted.record().id());
        out.put("key", minted.plaintext());
        out.put("context", name);
        out.put("role", minted.record().role());
        out.set("floor", Json.MAPPER.valueToTree(minted.record().floor()));
        out.put("createdAt", minted.record().createdAt().toString());
        return out;
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
        MemoryRoutes.json(ctx.status(201), minted(name, minted));
    }
}
