// The package as npm would publish it: packed, unpacked into a fresh project's node_modules,
// then loaded with import and with require from outside this repository.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("packed package", () => {
    let dir;
    let files;

    before(() => {
        dir = mkdtempSync(join(tmpdir(), "spectron-pack-"));
        // --ignore-scripts: packing must not rebuild dist while other test files read it.
        const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts",
            "--pack-destination", dir], { cwd: root, encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"] });
        const [info] = JSON.parse(out);
        files = info.files.map(f => f.path).sort();
        const target = join(dir, "app", "node_modules", "spectron");
        mkdirSync(target, { recursive: true });
        execFileSync("tar", ["-xzf", join(dir, info.filename), "-C", target,
            "--strip-components=1"]);
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    test("tarball_holdsBuildsTypesAndReadmeOnly", () => {
        for (const path of ["package.json", "README.md", "dist/esm/index.js",
            "dist/esm/index.d.ts", "dist/esm/package.json", "dist/cjs/index.js",
            "dist/cjs/index.d.ts", "dist/cjs/package.json"]) {
            assert.ok(files.includes(path), `${path} missing from ${files}`);
        }
        assert.deepEqual(files.filter(f => !/^(dist\/|package\.json$|README\.md$)/.test(f)), []);
    });

    test("manifest_hasNoRuntimeDependencies", () => {
        const pkg = JSON.parse(readFileSync(join(dir, "app/node_modules/spectron/package.json")));
        assert.equal(pkg.name, "spectron");
        assert.equal(pkg.dependencies, undefined);
        assert.equal(pkg.peerDependencies, undefined);
        assert.deepEqual(Object.keys(pkg.devDependencies).sort(), ["@types/node", "typescript"]);
    });

    test("installedPackage_importAndRequire", () => {
        const app = join(dir, "app");
        writeFileSync(join(app, "esm.mjs"), [
            'import { SpectronClient, NotFoundError } from "spectron";',
            'const c = new SpectronClient({ baseUrl: "http://127.0.0.1:1", apiKey: "k" });',
            'console.log(typeof c.sessions.create, typeof NotFoundError, c.contextId);',
        ].join("\n"));
        writeFileSync(join(app, "cjs.cjs"), [
            'const { SpectronClient, NotFoundError } = require("spectron");',
            'const c = new SpectronClient({ baseUrl: "http://127.0.0.1:1", apiKey: "k" });',
            'console.log(typeof c.sessions.create, typeof NotFoundError, c.contextId);',
        ].join("\n"));
        for (const file of ["esm.mjs", "cjs.cjs"]) {
            const out = execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8" });
            assert.equal(out.trim(), "function function default", file);
        }
    });
});
