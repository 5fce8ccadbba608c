// seeds/000 ("Introduce turns without replacing your LLM client") in TypeScript. The seed's
// samples are Python fragments; this is the same integration with the SDK's camelCase verbs:
//   1. before the call, context(query) -> formatted, appended to the system prompt only if non-empty;
//   2. after the call, the user message and the reply recorded as turns;
//   then one org-wide scope, then per-user scopes (no migration), then profile injection.
// The LLM is a stand-in that prints the system prompt it receives; replace it with your own.
//
//   SPECTRON_URL=http://127.0.0.1:9090 SPECTRON_API_KEY=spk_... node examples/seed-minimal-integration.mjs
//
// Optional: SPECTRON_EXAMPLE_ORG (default "my-app") and SPECTRON_EXAMPLE_USER (default "alice").
import { SpectronClient } from "spectron";

const baseUrl = process.env.SPECTRON_URL;
const apiKey = process.env.SPECTRON_API_KEY;
if (!baseUrl || !apiKey) {
    console.error("Set SPECTRON_URL and SPECTRON_API_KEY (a data key from credentials.json).");
    process.exit(2);
}
const org = process.env.SPECTRON_EXAMPLE_ORG || "my-app";
const userId = process.env.SPECTRON_EXAMPLE_USER || "alice";

// ---- your application, unchanged ---------------------------------------------------------------
function yourExistingSystemPrompt() {
    return "You are a helpful cooking assistant.";
}

/** Stand-in for your existing LLM call: shows what the model would receive. */
async function yourExistingLlmCall({ system, user }) {
    console.log(`--- system prompt ---\n${system}\n--- user ---\n${user}\n`);
    return "(model reply)";
}

// ---- the minimal integration ---------------------------------------------------------------------
const client = new SpectronClient({ baseUrl, apiKey });
const memory = client.memory("default");

/**
 * Your LLM wrapper with memory around it. Without a session it is the original call, so every
 * existing call site keeps working (the session is optional).
 */
async function chat(userMessage, session) {
    let system = yourExistingSystemPrompt();
    if (session) {
        // 1. Retrieve relevant context before the call.
        const ctx = await session.context(userMessage);
        // 2. Inject into your existing system prompt, only when there is something to add.
        if (ctx.formatted) {
            system = `${system}\n\n## Relevant context\n${ctx.formatted}`;
        }
    }
    // 3. Your existing LLM call, unchanged.
    const response = await yourExistingLlmCall({ system, user: userMessage });
    if (session) {
        // 4. Record the exchange.
        await session.turn({ role: "user", content: userMessage });
        await session.turn({ role: "assistant", content: response });
    }
    return response;
}

// Phase 1: a single scope, all conversations share it.
const DEFAULT_SCOPE = { org };
const orgSession = await memory.sessions.create({ scope: DEFAULT_SCOPE });
const unrelated = await orgSession.context("What's the capital of France?");
console.log(`Nothing relevant stored -> formatted is empty: ${unrelated.formatted === ""}\n`);
await chat("Our support hours are 9 to 5.", orgSession);
await orgSession.close();

// Phase 2: per-user scopes. Org-wide memory stays visible (floor matching), no migration.
const session = await memory.sessions.create({ scope: { org, user: userId } });
await chat("I prefer vegetarian food.", session);
await chat("What should I cook tonight, given my food preferences?", session);
await chat("When is support open?", session);
await session.close();

// Profile injection at the start of the next conversation.
const profile = await memory.profile({ scope: { org, user: userId } });
let system = yourExistingSystemPrompt();
if (profile.summary) {
    system = `${system}\n\n## About this user\n${profile.summary}`;
}
console.log(`--- next conversation starts with ---\n${system}`);
