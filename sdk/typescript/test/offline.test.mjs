// Behaviour of the client that needs no server: requests it builds, answers it decodes, errors
// it raises, and when it retries. A stand-in `fetch` records requests and plays answers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { describe, test } from "node:test";
import {
    AuthenticationError,
    ConflictError,
    ConnectionError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SpectronClient,
    SpectronError,
    ValidationError,
    VERSION,
} from "spectron";

/** A fetch that answers from `script` (an answer object, or an Error to throw) and records. */
function scripted(...script) {
    const calls = [];
    const fetch = async (url, init) => {
        calls.push({ url, init, body: init.body === undefined ? undefined : JSON.parse(init.body) });
        const next = script.length > 1 ? script.shift() : script[0];
        if (next instanceof Error) {
            throw next;
        }
        const headers = { "content-type": next.type ?? "application/json", ...next.headers };
        const body = next.body === undefined ? null
            : typeof next.body === "string" ? next.body : JSON.stringify(next.body);
        return new Response(body, { status: next.status ?? 200, headers });
    };
    return { fetch, calls };
}

function clientWith(fake, options = {}) {
    return new SpectronClient({
        baseUrl: "http://spectron.test:9090/", apiKey: "spk_a_b", fetch: fake.fetch, ...options,
    });
}

function problem(status, code, detail, field) {
    return {
        status,
        type: "application/problem+json",
        body: { type: `urn:spectron:problem:${code}`, title: "t", status, detail, code, field },
    };
}

const RECALL = { hits: [{ id: "h1", kind: "turn", text: "x" }], formatted: "f", queryMs: 1,
    traceId: "t" };

describe("requests", () => {
    test("recall_topK_sentAsKWithBearerKeyAndJson", async () => {
        const fake = scripted({ body: RECALL });
        await clientWith(fake).recall("food?", {
            scope: { user: "alice" }, topK: 5, asOf: new Date("2024-01-02T03:04:05Z"),
        });
        const [{ url, init, body }] = fake.calls;
        assert.equal(url, "http://spectron.test:9090/api/v1/default/recall");
        assert.equal(init.method, "POST");
        assert.equal(init.headers.authorization, "Bearer spk_a_b");
        assert.equal(init.headers["content-type"], "application/json");
        assert.match(init.headers["user-agent"], /^spectron-typescript\//);
        assert.deepEqual(body, {
            query: "food?", scope: { user: "alice" }, k: 5, asOf: "2024-01-02T03:04:05.000Z",
        });
    });

    test("recall_include_sentAsGiven", async () => {
        const fake = scripted({ body: RECALL });
        await clientWith(fake).recall("food?", { scope: {}, include: ["facts", "documents"] });
        assert.deepEqual(fake.calls[0].body.include, ["facts", "documents"]);
    });

    test("getRoutes_scope_travelsAsUrlEncodedJson", async () => {
        const fake = scripted({ body: { history: [] } });
        await clientWith(fake).history("organization/acme corp", "works_at",
            { scope: { org: "my-app", user: "alice" } });
        const expected = "http://spectron.test:9090/api/v1/default/entities/organization/acme%20corp"
            + "/history/works_at?scope=%7B%22org%22%3A%22my-app%22%2C%22user%22%3A%22alice%22%7D";
        assert.equal(fake.calls[0].url, expected);
        assert.equal(fake.calls[0].init.method, "GET");
        assert.equal(fake.calls[0].init.body, undefined);
    });

    test("memory_otherContext_usesItsPath", async () => {
        const fake = scripted({ body: { summary: "", identity: [], preferences: [], context: [],
            instructions: [], uncertainties: [] } });
        await clientWith(fake).memory("acme").profile({ scope: {} });
        assert.equal(fake.calls[0].url, "http://spectron.test:9090/api/v1/acme/profile");
        assert.deepEqual(fake.calls[0].body, { scope: {} });
    });

    test("clientContextOption_isTheDefaultHandle", async () => {
        const fake = scripted({ body: { attributes: [], relations: [], instructions: [],
            uncertainties: [] } });
        const client = clientWith(fake, { context: "tenant-7" });
        assert.equal(client.contextId, "tenant-7");
        await client.state({ scope: { user: "u" } });
        assert.equal(fake.calls[0].url, "http://spectron.test:9090/api/v1/tenant-7/state");
    });

    test("session_verbs_useSessionScopeAndRoutes", async () => {
        const info = { id: "s 1", scope: { user: "alice" }, metadata: {}, extract: "turn",
            status: "open", createdAt: "2024-01-01T00:00:00Z", closedAt: null };
        const fake = scripted({ status: 201, body: info });
        const session = await clientWith(fake).sessions.create({ scope: { user: "alice" } });
        assert.equal(session.id, "s 1");
        assert.deepEqual(session.scope, { user: "alice" });

        fake.calls.length = 0;
        const when = new Date("2023-05-08T13:56:00Z");
        await session.addTurn({ role: "user", content: "hi", speaker: "Alice", observedAt: when });
        await session.remember("I prefer tea.");
        await session.context("drinks?", { maxTokens: 50 });
        await session.forget({ key: "likes" });
        const [turn, remember, context, forget] = fake.calls;
        assert.equal(turn.url, "http://spectron.test:9090/api/v1/default/sessions/s%201/turns");
        assert.deepEqual(turn.body, { role: "user", content: "hi", speaker: "Alice",
            observedAt: "2023-05-08T13:56:00.000Z" });
        assert.deepEqual(remember.body, { text: "I prefer tea.", scope: { user: "alice" },
            sessionId: "s 1" });
        assert.equal(context.url, "http://spectron.test:9090/api/v1/default/sessions/s%201/context");
        assert.deepEqual(context.body, { query: "drinks?", maxTokens: 50 });
        assert.deepEqual(forget.body, { scope: { user: "alice" }, key: "likes" });
    });

    test("rememberMany_strings_becomeUserMessages", async () => {
        const fake = scripted({ status: 201, body: { sessionId: "s", results: [] } });
        await clientWith(fake).rememberMany(
            ["I live in Oslo.", { role: "assistant", content: "Noted." }], { scope: { user: "u" } });
        assert.deepEqual(fake.calls[0].body.messages, [
            { role: "user", content: "I live in Oslo." },
            { role: "assistant", content: "Noted." },
        ]);
    });

    test("missingScope_refusedBeforeSending", async () => {
        const fake = scripted({ body: {} });
        const client = clientWith(fake);
        for (const call of [
            () => client.forget({}),
            () => client.profile(undefined),
            () => client.remember("x", {}),
            () => client.sessions.create({}),
            () => client.entities({ scope: null }),
        ]) {
            await assert.rejects(call, e => e instanceof ValidationError && e.field === "scope");
        }
        assert.equal(fake.calls.length, 0);
    });

    test("blankOrDotIds_refusedBeforeSending", async () => {
        const fake = scripted({ body: {} });
        const client = clientWith(fake);
        await assert.rejects(client.sessions.get(" "), e => e instanceof ValidationError
            && e.field === "sessionId");
        await assert.rejects(client.document(".."), ValidationError);
        await assert.rejects(client.entity("alice", { scope: {} }),
            e => e instanceof ValidationError && e.field === "entity");
        assert.equal(fake.calls.length, 0);
    });

    test("emptyApiKey_sendsNoAuthorization", async () => {
        const fake = scripted({ body: { status: "ok" } });
        await clientWith(fake, { apiKey: "" }).health();
        assert.equal(fake.calls[0].init.headers.authorization, undefined);
        assert.equal(fake.calls[0].url, "http://spectron.test:9090/health");
    });

    test("constructor_badSettings_refused", () => {
        assert.throws(() => new SpectronClient({ baseUrl: "localhost:9090" }),
            e => e instanceof ValidationError && e.field === "baseUrl");
        assert.throws(() => new SpectronClient({ baseUrl: "http://x", timeoutMs: 0 }),
            e => e instanceof ValidationError && e.field === "timeoutMs");
    });

    test("version_matchesPackageJson", () => {
        const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url)));
        assert.equal(VERSION, pkg.version);
    });
});

describe("answers", () => {
    test("recall_items_areTheHits", async () => {
        const results = await clientWith(scripted({ body: RECALL }))
            .recall("q", { scope: {} });
        assert.equal(results.items, results.hits);
        assert.equal(results.formatted, "f");
    });

    test("context_hits_areTheItems", async () => {
        const ctx = await clientWith(scripted({ body: { formatted: "", items: [], tier: "none" } }))
            .context("q", { scope: {} });
        assert.equal(ctx.hits, ctx.items);
        assert.equal(ctx.formatted, "");
    });

    test("noContent_resolvesUndefined", async () => {
        const fake = scripted({ status: 204 });
        assert.equal(await clientWith(fake).deleteDocument("d1"), undefined);
        assert.equal(fake.calls[0].init.method, "DELETE");
    });

    test("successThatIsNotJson_isSpectronError", async () => {
        await assert.rejects(
            clientWith(scripted({ body: "<html>proxy</html>", type: "text/html" })).health(),
            e => e instanceof SpectronError && e.code === "invalid_response");
    });
});

describe("errors", () => {
    const cases = [
        [problem(400, "invalid_input", "k: must be between 1 and 50", "k"), ValidationError],
        [problem(401, "unauthenticated", "unknown API key"), AuthenticationError],
        [problem(403, "forbidden", "scope violates the key's floor"), PermissionDeniedError],
        [problem(404, "not_found", "session 'x' not found"), NotFoundError],
        [problem(409, "conflict", "session 'x' is closed"), ConflictError],
        [problem(413, "payload_too_large", "body over 1 MiB"), ValidationError],
        [problem(415, "unsupported_media_type", "use JSON"), ValidationError],
        [problem(500, "internal", "reference 42"), ServerError],
    ];
    for (const [answer, ErrorClass] of cases) {
        test(`status${answer.status}_is${ErrorClass.name}`, async () => {
            const error = await clientWith(scripted(answer)).recall("q", { scope: {} })
                .then(() => assert.fail("no error"), e => e);
            assert.ok(error instanceof ErrorClass, `${error.name} is not ${ErrorClass.name}`);
            assert.ok(error instanceof SpectronError);
            assert.equal(error.name, ErrorClass.name);
            assert.equal(error.status, answer.status);
            assert.equal(error.code, answer.body.code);
            assert.equal(error.detail, answer.body.detail);
            assert.equal(error.field, answer.body.field);
            assert.equal(error.request, "POST /api/v1/default/recall");
            assert.match(error.message, new RegExp(`^${answer.status} ${answer.body.code}: `));
        });
    }

    test("status429_isRateLimitErrorWithRetryAfter", async () => {
        const answer = { ...problem(429, "rate_limited", "slow down"),
            headers: { "retry-after": "7" } };
        await assert.rejects(clientWith(scripted(answer)).recall("q", { scope: {} }),
            e => e instanceof RateLimitError && e.retryAfter === 7 && e.status === 429);
    });

    test("statusWithoutProblem_keepsStatusAndBodyExcerpt", async () => {
        const answer = { status: 502, type: "text/html", body: "<h1>Bad gateway</h1>" };
        await assert.rejects(clientWith(scripted(answer)).recall("q", { scope: {} }),
            e => e instanceof ServerError && e.code === "internal"
                && e.detail === "<h1>Bad gateway</h1>");
    });

    test("unmappedStatus_isBaseSpectronError", async () => {
        const error = await clientWith(scripted(problem(405, "method_not_allowed", "no")))
            .health().catch(e => e);
        assert.equal(error.constructor, SpectronError);
        assert.equal(error.code, "method_not_allowed");
    });
});

describe("retries", () => {
    const networkFailure = () => new TypeError("fetch failed", { cause: new Error("ECONNRESET") });

    test("get_networkFailureOnce_retriedAndSucceeds", async () => {
        const fake = scripted(networkFailure(), { body: { entities: [] } });
        assert.deepEqual(await clientWith(fake).entities({ scope: {} }), []);
        assert.equal(fake.calls.length, 2);
    });

    test("get_networkFailureTwice_connectionErrorAfterOneRetry", async () => {
        const fake = scripted(networkFailure());
        await assert.rejects(clientWith(fake).entities({ scope: {} }),
            e => e instanceof ConnectionError && e.status === 0 && e.code === "connection_error"
                && /ECONNRESET/.test(e.message));
        assert.equal(fake.calls.length, 2);
    });

    test("post_networkFailure_notRetried", async () => {
        const fake = scripted(networkFailure(), { status: 201, body: {} });
        await assert.rejects(clientWith(fake).remember("x", { scope: {} }), ConnectionError);
        assert.equal(fake.calls.length, 1);
    });

    test("get_httpError_notRetried", async () => {
        const fake = scripted(problem(500, "internal", "boom"), { body: { entities: [] } });
        await assert.rejects(clientWith(fake).entities({ scope: {} }), ServerError);
        assert.equal(fake.calls.length, 1);
    });

    test("timeout_connectionErrorWithCodeTimeout_notRetried", async () => {
        const calls = [];
        const hanging = (url, init) => {
            calls.push(url);
            return new Promise((_, reject) => init.signal.addEventListener("abort",
                () => reject(new DOMException("aborted", "AbortError"))));
        };
        const client = new SpectronClient({ baseUrl: "http://x", fetch: hanging, timeoutMs: 20 });
        await assert.rejects(client.entities({ scope: {} }),
            e => e instanceof ConnectionError && e.code === "timeout");
        assert.equal(calls.length, 1);
    });

    test("refusedConnection_realFetch_connectionError", async () => {
        const port = await freePort();
        const client = new SpectronClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: "k" });
        await assert.rejects(client.health(),
            e => e instanceof ConnectionError && e.status === 0 && e.request === "GET /health");
    });
});

/** A local port nothing listens on (bound, then released). */
function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
