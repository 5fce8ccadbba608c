// The migration path of seeds/003 ("Migrate from Mem0") in TypeScript: a dual-write adapter,
// reads switched to Spectron, a replay of exported memories (twice: the second adds nothing),
// and the one-shot add. The seed's adapter and replay are Python; these are their camelCase
// equivalents. Mem0 itself is NOT used: `Mem0StandIn` is a clearly fake in-memory stand-in with
// the calls the seed makes (add, search, getAll), so the example runs without Mem0.
//
//   SPECTRON_URL=http://127.0.0.1:9090 SPECTRON_API_KEY=spk_... node examples/seed-mem0-dual-write.mjs
//
// Optional: SPECTRON_EXAMPLE_USER (default "alice").
import { SpectronClient } from "spectron";

const baseUrl = process.env.SPECTRON_URL;
const apiKey = process.env.SPECTRON_API_KEY;
if (!baseUrl || !apiKey) {
    console.error("Set SPECTRON_URL and SPECTRON_API_KEY (a data key from credentials.json).");
    process.exit(2);
}
const userId = process.env.SPECTRON_EXAMPLE_USER || "alice";

/** Stand-in for Mem0's `Memory` (not Mem0): flat strings per user, substring search. */
class Mem0StandIn {
    #rows = [];

    add(content, { user_id }) {
        this.#rows.push({ memory: content, user_id });
    }

    search(query, { user_id }) {
        const words = query.toLowerCase().split(/\W+/).filter(Boolean);
        return this.getAll({ user_id })
            .filter(row => words.some(word => row.memory.toLowerCase().includes(word)));
    }

    getAll({ user_id }) {
        return this.#rows.filter(row => row.user_id === user_id);
    }
}

/** Writes to both systems; reads from Spectron when asked to. */
class MemoryAdapter {
    constructor(mem0Client, spectronClient) {
        this.mem0 = mem0Client;
        this.spectron = spectronClient;
    }

    async add(content, userId) {
        // Write to both.
        this.mem0.add(content, { user_id: userId });
        const s = await this.spectron.sessions.create({ scope: { user: userId } });
        try {
            await s.remember(content);
        } finally {
            await s.close();
        }
    }

    async search(query, userId, useSpectron = false) {
        if (useSpectron) {
            const s = await this.spectron.sessions.create({ scope: { user: userId } });
            try {
                return await s.recall(query, { topK: 5 });
            } finally {
                await s.close();
            }
        }
        return this.mem0.search(query, { user_id: userId });
    }
}

const m = new Mem0StandIn();
const client = new SpectronClient({ baseUrl, apiKey });
const adapter = new MemoryAdapter(m, client);

// Dual write, then compare the two reads.
await adapter.add("I prefer vegetarian food.", userId);
await adapter.add("I live in Lisbon.", userId);
console.log("Stand-in search:", JSON.stringify(await adapter.search("food", userId)));
const results = await adapter.search("What are Alice's food preferences?", userId, true);
console.log(`Spectron recall:\n${results.formatted}\n`);

// Replay the exported memories into Spectron, twice. Reconciliation deduplicates on write:
// the second run corroborates what is there instead of adding duplicates.
const existingMemories = m.getAll({ user_id: userId });
for (const run of [1, 2]) {
    const decisions = {};
    const session = await client.sessions.create({ scope: { user: userId } });
    try {
        for (const memory of existingMemories) {
            const { diff } = await session.remember(memory.memory);
            for (const change of [...diff.attributes, ...diff.relations]) {
                decisions[change.decision] = (decisions[change.decision] ?? 0) + 1;
            }
        }
    } finally {
        await session.close();
    }
    console.log(`Replay ${run}: ${JSON.stringify(decisions)}`);
}

// One-shot add without a long-lived session: a short-lived session, closed at once.
const oneShot = await client.sessions.create({ scope: { user: userId } });
try {
    await oneShot.addTurn({ role: "user", content: "I like hiking." });
} finally {
    await oneShot.close();
}

const profile = await client.profile({ scope: { user: userId } });
console.log(`\nProfile: ${profile.summary}`);
