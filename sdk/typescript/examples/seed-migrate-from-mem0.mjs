// The Spectron TypeScript snippet of seeds/003 ("Migrate from Mem0"), verbatim between the
// markers; only `baseUrl: ...` and `apiKey: ...` are filled in from the environment.
// The Mem0 half of that page is not Spectron and is left out.
//
//   SPECTRON_URL=http://127.0.0.1:9090 SPECTRON_API_KEY=spk_... node examples/seed-migrate-from-mem0.mjs
//
// It writes to the scope { user: "alice" } of the key's context, as the seed does.
const baseUrl = process.env.SPECTRON_URL;
const apiKey = process.env.SPECTRON_API_KEY;
if (!baseUrl || !apiKey) {
    console.error("Set SPECTRON_URL and SPECTRON_API_KEY (a data key from credentials.json).");
    process.exit(2);
}

// ---- seed: begin -----------------------------------------------------------------------------
import { SpectronClient } from "spectron";

const client = new SpectronClient({ baseUrl: baseUrl, apiKey: apiKey });

const session = await client.sessions.create({ scope: { user: "alice" } });
await session.remember("I prefer vegetarian food.");
const results = await session.recall("What are Alice's food preferences?", { topK: 5 });
console.log(results.formatted);
await session.close();
// ---- seed: end -------------------------------------------------------------------------------
