import { invalidArgument } from "./errors.js";
import { Memory } from "./memory.js";
import { Transport, type FetchLike } from "./transport.js";

/** Settings of a {@link SpectronClient}. */
export interface SpectronClientOptions {
    /**
     * Where the server listens, e.g. `http://127.0.0.1:9090` (a path prefix is kept). Defaults to
     * the `SPECTRON_URL` environment variable, then `http://127.0.0.1:9090`.
     */
    baseUrl?: string;
    /**
     * A data key, `spk_<id>_<secret>`, sent as `Authorization: Bearer`. Defaults to the
     * `SPECTRON_API_KEY` environment variable; without one, no header is sent (for servers run
     * with `--insecure`).
     */
    apiKey?: string;
    /** The context the client's own verbs use; `"default"` unless given. */
    context?: string;
    /** Upper bound of each HTTP call in milliseconds; 30000 unless given. */
    timeoutMs?: number;
    /** A `fetch` implementation; the global `fetch` unless given. */
    fetch?: FetchLike;
    /** Extra headers sent with every request (tracing, a proxy's credentials). */
    headers?: Record<string, string>;
}

const DEFAULT_BASE_URL = "http://127.0.0.1:9090";
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Client of a Spectron server. The client is the memory handle of its context (`"default"`
 * unless `options.context` says otherwise): `client.sessions.create(…)`, `client.recall(…)`,
 * `client.profile(…)`; `client.memory(contextId)` gives the handle of another context over the
 * same connection settings.
 *
 * ```ts
 * const client = new SpectronClient({ baseUrl: "http://127.0.0.1:9090", apiKey });
 * const session = await client.sessions.create({ scope: { user: "alice" } });
 * await session.remember("I prefer vegetarian food.");
 * const results = await session.recall("What are Alice's food preferences?", { topK: 5 });
 * console.log(results.formatted);
 * await session.close();
 * ```
 *
 * The client holds no connections of its own (the runtime's `fetch` pools them) and needs no
 * closing. It is safe to share across concurrent requests.
 */
export class SpectronClient extends Memory {
    /** The server's base URL, without a trailing slash. */
    readonly baseUrl: string;

    constructor(options: SpectronClientOptions = {}) {
        const transport = new Transport({
            baseUrl: baseUrlOf(options),
            apiKey: options.apiKey ?? env("SPECTRON_API_KEY"),
            timeoutMs: timeoutOf(options),
            fetch: fetchOf(options),
            headers: options.headers,
        });
        super(transport, options.context ?? "default");
        this.baseUrl = transport.baseUrl;
    }

    /** The memory handle of another context, sharing this client's settings. */
    memory(contextId: string): Memory {
        return new Memory(this._transport, contextId);
    }
}

function baseUrlOf(options: SpectronClientOptions): string {
    const url = options.baseUrl ?? env("SPECTRON_URL") ?? DEFAULT_BASE_URL;
    if (typeof url !== "string" || !/^https?:\/\/[^/]/i.test(url)) {
        throw invalidArgument("baseUrl", `must be an http(s) URL, got '${String(url)}'`);
    }
    return url;
}

function timeoutOf(options: SpectronClientOptions): number {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (typeof timeout !== "number" || !(timeout > 0)) {
        throw invalidArgument("timeoutMs", `must be a positive number, got '${String(timeout)}'`);
    }
    return timeout;
}

function fetchOf(options: SpectronClientOptions): FetchLike {
    if (options.fetch) {
        return options.fetch;
    }
    if (typeof globalThis.fetch !== "function") {
        throw invalidArgument("fetch", "no global fetch in this runtime (Node 18+ has one);"
            + " pass options.fetch");
    }
    // Bound so that runtimes whose fetch needs `this === globalThis` accept the call.
    return globalThis.fetch.bind(globalThis) as unknown as FetchLike;
}

/** An environment variable where the runtime has them (Node, Bun, Deno with permission). */
function env(name: string): string | undefined {
    try {
        const value = (globalThis as { process?: { env?: Record<string, string | undefined> } })
            .process?.env?.[name];
        return value === undefined || value === "" ? undefined : value;
    } catch {
        return undefined;
    }
}
