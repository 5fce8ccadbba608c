// Error answers of a live server, mapped to the SDK's typed errors.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    SpectronError,
    ValidationError,
} from "spectron";
import {
    client,
    managementKey,
    skipLive,
    skipManagement,
    unique,
    url,
    userScope,
} from "./support/live.mjs";

/** Asserts a ValidationError from the server naming `field`. */
function invalid(field) {
    return error => {
        assert.ok(error instanceof ValidationError, `${error.name}: ${error.message}`);
        assert.equal(error.status, 400);
        assert.equal(error.code, "invalid_input");
        assert.equal(error.field, field, error.message);
        assert.equal(error.problem?.type, "urn:spectron:problem:invalid_input");
        return true;
    };
}

describe("live: authentication", { skip: skipLive }, () => {
    test("unknownKey_authenticationError", async () => {
        const bad = client({ apiKey: "spk_0000_notasecret" });
        for (const call of [
            () => bad.recall("x", { scope: userScope("auth") }),
            () => bad.entities({ scope: {} }),
            () => bad.sessions.create({ scope: {} }),
        ]) {
            await assert.rejects(call, e => e instanceof AuthenticationError && e.status === 401
                && e.code === "unauthenticated" && e instanceof SpectronError);
        }
    });

    test("noKey_authenticationError", async () => {
        await assert.rejects(client({ apiKey: "" }).profile({ scope: {} }), AuthenticationError);
    });

    test("keyOfAnotherContext_authenticationError", async () => {
        await assert.rejects(client().memory(unique("ctx")).profile({ scope: {} }),
            AuthenticationError);
    });
});

describe("live: validation", { skip: skipLive }, () => {
    test("badScopeDimension_validationErrorNamingScope", async () => {
        const c = client();
        await assert.rejects(c.recall("x", { scope: { User: "alice" } }), invalid("scope"));
        await assert.rejects(c.sessions.create({ scope: { "1user": "alice" } }), invalid("scope"));
        await assert.rejects(c.entities({ scope: { "Bad-Dim": "x" } }), invalid("scope"));
    });

    test("badScopeValueOrTooManyTags_validationErrorNamingScope", async () => {
        const c = client();
        await assert.rejects(c.remember("x", { scope: { user: "a".repeat(129) } }),
            invalid("scope.user"));
        await assert.rejects(c.remember("x", { scope: { user: "" } }), invalid("scope.user"));
        const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`d${i}`, "v"]));
        await assert.rejects(c.profile({ scope: nine }), invalid("scope"));
    });

    test("topKOutOfRange_validationErrorNamingK", async () => {
        await assert.rejects(client().recall("x", { scope: userScope("k"), topK: 99 }),
            invalid("k"));
    });

    test("maxTokensOutOfRange_validationErrorNamingMaxTokens", async () => {
        await assert.rejects(client().context("x", { scope: userScope("mt"), maxTokens: 0 }),
            invalid("maxTokens"));
    });

    test("badRole_validationErrorNamingRole", async () => {
        const session = await client().sessions.create({ scope: userScope("role") });
        await assert.rejects(session.turn({ role: "narrator", content: "x" }), invalid("role"));
    });

    test("badEntityType_validationError", async () => {
        await assert.rejects(client().entity("bogus/x", { scope: {} }),
            e => e instanceof ValidationError && /entity/.test(e.field));
    });
});

describe("live: not found", { skip: skipLive }, () => {
    test("unknownSession_notFoundError", async () => {
        const id = unique("no-such-session");
        await assert.rejects(client().sessions.get(id), e => e instanceof NotFoundError
            && e.status === 404 && e.code === "not_found" && e.detail.includes(id));
    });

    test("unknownDocumentAndUncertainty_notFoundError", async () => {
        const c = client();
        await assert.rejects(c.document(unique("doc")), NotFoundError);
        await assert.rejects(c.uncertainty(unique("unc")), NotFoundError);
    });

    test("unknownEntity_notFoundError", async () => {
        await assert.rejects(client().entity(`person/${unique("nobody")}`, { scope: {} }),
            NotFoundError);
    });
});

/** Mints a data key of the default context with the management key. */
async function mintKey(body) {
    const response = await fetch(`${url.replace(/\/+$/, "")}/api/v1/contexts/default/keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${managementKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()).key;
}

describe("live: permissions (needs SPECTRON_MANAGEMENT_KEY)", { skip: skipManagement }, () => {
    test("readerKeyWriting_permissionDeniedError", async () => {
        const reader = client({ apiKey: await mintKey({ role: "reader" }) });
        const scope = userScope("reader");
        await reader.recall("anything", { scope });
        await assert.rejects(reader.remember("I like tea.", { scope }),
            e => e instanceof PermissionDeniedError && e.status === 403 && e.code === "forbidden");
    });

    test("scopeContradictingFloor_permissionDeniedError", async () => {
        const user = unique("floor");
        const floored = client({ apiKey: await mintKey({ role: "agent", floor: { user } }) });
        await assert.rejects(floored.recall("x", { scope: { user: unique("other") } }),
            PermissionDeniedError);
        const session = await floored.sessions.create({ scope: {} });
        assert.deepEqual(session.scope, { user }, "the floor is merged into the scope");
        const outside = await client().sessions.create({ scope: userScope("outside") });
        await assert.rejects(floored.sessions.get(outside.id), NotFoundError);
    });

    test("managementKeyOnDataRoute_permissionDeniedError", async () => {
        await assert.rejects(client({ apiKey: managementKey }).profile({ scope: {} }),
            PermissionDeniedError);
    });
});
