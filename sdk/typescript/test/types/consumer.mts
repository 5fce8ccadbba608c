// The seed snippet, with the types a TypeScript user relies on. Compiled, never run.
import {
    RateLimitError,
    SpectronClient,
    SpectronError,
    ValidationError,
    type Attribute,
    type Context,
    type Diff,
    type Fact,
    type Hit,
    type Profile,
    type Recall,
    type Relation,
    type Session,
} from "spectron";

const client = new SpectronClient({ baseUrl: "http://127.0.0.1:9090", apiKey: "spk_x_y" });

const session: Session = await client.sessions.create({ scope: { user: "alice" } });
await session.remember("I prefer vegetarian food.");
const results: Recall = await session.recall("What are Alice's food preferences?", { topK: 5 });
console.log(results.formatted);
const hits: Hit[] = results.items.concat(results.hits);
const diff: Diff = await session.close();

const ctx: Context = await session.context("dinner?", { maxTokens: 200 });
const formatted: string = ctx.formatted;
const profile: Profile = await client.memory("default").profile({ scope: { org: "my-app" } });
const summary: string = profile.summary;
const turn = await session.turn({ role: "user", content: "hi", observedAt: new Date() });
const seq: number = turn.turn.seq;
const history: Fact[] = await client.history("person/alice", "food_preference",
    { scope: { user: "alice" } });
const first = history[0];
if (first !== undefined && "key" in first) {
    const attribute: Attribute = first;
    console.log(attribute.value);
} else if (first !== undefined) {
    const relation: Relation = first;
    console.log(relation.object);
}

// @ts-expect-error: the client's verbs need an explicit scope.
await client.recall("q", { topK: 3 });
// @ts-expect-error: roles are user | assistant | system | tool.
await session.turn({ role: "narrator", content: "x" });
// @ts-expect-error: a write needs a scope or a session.
await client.remember("x", {});
await client.remember("x", { sessionId: session.id });

try {
    await client.forget({ scope: { user: "alice" }, dryRun: true });
} catch (error) {
    if (error instanceof RateLimitError) {
        const wait: number | undefined = error.retryAfter;
        console.log(wait);
    } else if (error instanceof ValidationError) {
        const field: string | undefined = error.field;
        console.log(field);
    } else if (error instanceof SpectronError) {
        const status: number = error.status;
        const code: string = error.code;
        console.log(status, code, error.detail);
    }
}

console.log(hits, diff, formatted, summary, seq);
