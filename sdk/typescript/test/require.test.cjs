// The CommonJS build, loaded with require() by the package's own name.
const assert = require("node:assert/strict");
const { randomUUID } = require("node:crypto");
const { describe, test } = require("node:test");
const spectron = require("spectron");

const { SpectronClient, SpectronError, NotFoundError, ValidationError } = spectron;
const url = process.env.SPECTRON_URL ?? "";
const apiKey = process.env.SPECTRON_API_KEY ?? "";
const skipLive = url && apiKey
    ? false
    : "SPECTRON_URL and SPECTRON_API_KEY are not set: live tests against a server skipped";

describe("require", () => {
    test("require_loadsTheCommonJsBuild", () => {
        assert.equal(typeof SpectronClient, "function");
        assert.match(require.resolve("spectron"), /dist[\\/]cjs[\\/]index\.js$/);
        assert.ok(new NotFoundError({ status: 404, code: "not_found", detail: "x" })
            instanceof SpectronError);
        assert.equal(ValidationError.name, "ValidationError");
        assert.equal(spectron.VERSION, require("../package.json").version);
    });
});

describe("require: live", { skip: skipLive }, () => {
    test("seedSnippet_throughRequire_formattedNamesIt", async () => {
        const client = new SpectronClient({ baseUrl: url, apiKey });
        const session = await client.sessions.create({
            scope: { user: `ts-cjs-${randomUUID().slice(0, 8)}` },
        });
        await session.remember("I prefer vegetarian food.");
        const results = await session.recall("What are Alice's food preferences?", { topK: 5 });
        assert.match(results.formatted, /vegetarian/);
        await session.close();
        await assert.rejects(client.sessions.get(`ts-cjs-missing-${randomUUID()}`),
            NotFoundError);
    });
});
