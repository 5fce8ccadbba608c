// Removes build output; a plain script so the build does not depend on a shell's `rm`.
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
