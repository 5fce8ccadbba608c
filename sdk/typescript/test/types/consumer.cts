// The CommonJS view of the package: the same names and types through require.
import spectron = require("spectron");

const client = new spectron.SpectronClient({ baseUrl: "http://127.0.0.1:9090", apiKey: "k" });

async function main(): Promise<void> {
    const session = await client.sessions.create({ scope: { user: "alice" } });
    await session.remember("I prefer vegetarian food.");
    const results: spectron.Recall = await session.recall("food?", { topK: 5 });
    const text: string = results.formatted;
    const error: spectron.SpectronError = new spectron.NotFoundError(
        { status: 404, code: "not_found", detail: "x" });
    console.log(text, error.status);
    await session.close();
}

void main();
