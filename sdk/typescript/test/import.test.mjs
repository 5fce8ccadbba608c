// The ESM build, loaded with import by the package's own name; both builds export the same API.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as esm from "spectron";

const require = createRequire(import.meta.url);

test("import_loadsTheEsmBuild", () => {
    assert.match(import.meta.resolve("spectron"), /dist\/esm\/index\.js$/);
    assert.equal(typeof esm.SpectronClient, "function");
});

test("importAndRequire_exportTheSameNames", () => {
    const cjs = require("spectron");
    const names = Object.keys(esm).sort();
    assert.deepEqual(Object.keys(cjs).filter(n => n !== "__esModule").sort(), names);
    assert.deepEqual(names, [
        "AuthenticationError", "ConflictError", "ConnectionError", "Memory", "NotFoundError",
        "PermissionDeniedError", "RateLimitError", "ServerError", "Session", "Sessions",
        "SpectronClient", "SpectronError", "VERSION", "ValidationError",
    ]);
});
