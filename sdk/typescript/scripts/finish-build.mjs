// Marks each output tree with its module format. The package itself is "type": "module", so
// without dist/cjs/package.json Node (and TypeScript) would read the CommonJS build as ESM.
import { writeFileSync } from "node:fs";

const mark = (dir, type) =>
    writeFileSync(new URL(`../dist/${dir}/package.json`, import.meta.url),
        JSON.stringify({ type }, null, 2) + "\n");

mark("esm", "module");
mark("cjs", "commonjs");
