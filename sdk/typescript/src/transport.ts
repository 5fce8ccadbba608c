import {
    ConnectionError,
    RateLimitError,
    SpectronError,
    defaultCode,
    errorClassFor,
    invalidArgument,
    type Problem,
} from "./errors.js";
import { VERSION } from "./version.js";

/** The subset of a `fetch` response the SDK reads. */
export interface FetchResponse {
    readonly status: number;
    readonly headers: { get(name: string): string | null };
    text(): Promise<string>;
}

/** The request the SDK hands to `fetch`. */
export interface FetchInit {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
}

/**
 * A `fetch` implementation. Defaults to the global `fetch` (Node 18+, browsers, Deno, Bun);
 * pass your own to add a proxy agent, tracing or a test double.
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** Settings of a transport. */
export interface TransportOptions {
    baseUrl: string;
    apiKey?: string | undefined;
    timeoutMs: number;
    fetch: FetchLike;
    headers?: Record<string, string> | undefined;
}

type Method = "GET" | "POST" | "DELETE";

/**
 * Sends JSON requests and turns answers into values or typed errors.
 *
 * Only GET requests are retried, once, and only after a network failure (no answer at all): they
 * read and are safe to repeat. Writes are never retried, because the first attempt may have
 * reached the server. Timeouts are not retried either, so `timeoutMs` bounds every call.
 */
export class Transport {
    readonly baseUrl: string;
    readonly #apiKey: string | undefined;
    readonly #timeoutMs: number;
    readonly #fetch: FetchLike;
    readonly #headers: Record<string, string>;

    constructor(options: TransportOptions) {
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
        this.#apiKey = options.apiKey;
        this.#timeoutMs = options.timeoutMs;
        this.#fetch = options.fetch;
        this.#headers = { ...(options.headers ?? {}) };
    }

    get<T>(path: string): Promise<T> {
        return this.#send<T>("GET", path, undefined, 1);
    }

    post<T>(path: string, body: unknown): Promise<T> {
        return this.#send<T>("POST", path, body, 0);
    }

    delete<T>(path: string): Promise<T> {
        return this.#send<T>("DELETE", path, undefined, 0);
    }

    async #send<T>(method: Method, path: string, body: unknown, retries: number): Promise<T> {
        const request = `${method} ${path.split("?")[0]}`;
        for (let attempt = 0; ; attempt++) {
            try {
                const response = await this.#exchange(method, path, body);
                return await read<T>(response, request);
            } catch (error) {
                const retry = error instanceof ConnectionError && error.code !== "timeout"
                    && attempt < retries;
                if (!retry) {
                    throw error;
                }
            }
        }
    }

    async #exchange(method: Method, path: string, body: unknown): Promise<FetchResponse> {
        const headers: Record<string, string> = {
            accept: "application/json, application/problem+json",
            "user-agent": `spectron-typescript/${VERSION}`,
            ...this.#headers,
        };
        if (this.#apiKey) {
            headers["authorization"] = `Bearer ${this.#apiKey}`;
        }
        const init: FetchInit = { method, headers };
        if (body !== undefined) {
            headers["content-type"] = "application/json";
            init.body = JSON.stringify(body);
        }
        const controller = new AbortController();
        init.signal = controller.signal;
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
        }, this.#timeoutMs);
        const request = `${method} ${path.split("?")[0]}`;
        try {
            return await this.#fetch(this.baseUrl + path, init);
        } catch (cause) {
            throw timedOut
                ? new ConnectionError({
                    status: 0, code: "timeout", request, cause,
                    detail: `no answer from ${this.baseUrl} within ${this.#timeoutMs} ms`,
                })
                : new ConnectionError({
                    status: 0, code: "connection_error", request, cause,
                    detail: `cannot reach ${this.baseUrl}: ${reason(cause)}`,
                });
        } finally {
            clearTimeout(timer);
        }
    }
}

/** Reads an answer: the decoded JSON value on success, a typed error otherwise. */
async function read<T>(response: FetchResponse, request: string): Promise<T> {
    let text: string;
    try {
        text = await response.text();
    } catch (cause) {
        throw new ConnectionError({
            status: 0, code: "connection_error", request, cause,
            detail: `the answer was cut off: ${reason(cause)}`,
        });
    }
    if (response.status >= 200 && response.status < 300) {
        if (text.length === 0) {
            return undefined as T;
        }
        try {
            return JSON.parse(text) as T;
        } catch (cause) {
            throw new SpectronError({
                status: response.status, code: "invalid_response", request, cause,
                detail: `the server answered with something that is not JSON: ${excerpt(text)}`,
            });
        }
    }
    throw problemError(response, text, request);
}

function problemError(response: FetchResponse, text: string, request: string): SpectronError {
    const status = response.status;
    const problem = parseProblem(text);
    const init = {
        status,
        code: str(problem?.code) ?? defaultCode(status),
        detail: str(problem?.detail) ?? str(problem?.title) ?? (excerpt(text) || `HTTP ${status}`),
        field: str(problem?.field),
        title: str(problem?.title),
        type: str(problem?.type),
        problem,
        request,
    };
    if (status === 429) {
        return new RateLimitError({ ...init, retryAfter: retryAfter(response) });
    }
    const ErrorClass = errorClassFor(status);
    return new ErrorClass(init);
}

function parseProblem(text: string): Problem | undefined {
    try {
        const value: unknown = JSON.parse(text);
        return value !== null && typeof value === "object" && !Array.isArray(value)
            ? (value as Problem)
            : undefined;
    } catch {
        return undefined;
    }
}

/** `Retry-After` in seconds: either delta-seconds or an HTTP date. */
function retryAfter(response: FetchResponse): number | undefined {
    const header = response.headers.get("retry-after");
    if (header === null || header.trim() === "") {
        return undefined;
    }
    const seconds = Number(header);
    if (Number.isFinite(seconds)) {
        return Math.max(0, seconds);
    }
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

function excerpt(text: string): string {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > 200 ? flat.slice(0, 200) + "…" : flat;
}

function reason(cause: unknown): string {
    if (cause instanceof Error) {
        // Node's fetch wraps the socket error: "fetch failed" with the real reason as its cause.
        const inner = (cause as { cause?: unknown }).cause;
        if (inner instanceof Error && inner.message) {
            return `${cause.message} (${inner.message})`;
        }
        return cause.message;
    }
    return String(cause);
}

// ---------------------------------------------------------------------------------------------
// Paths

/**
 * One percent-encoded path segment. Blank ids and dot segments are refused: they would address
 * another route (`sessions/..` is the session list's parent).
 */
export function segment(value: string, field: string): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw invalidArgument(field, "must be a non-blank string");
    }
    if (value === "." || value === "..") {
        throw invalidArgument(field, `must not be '${value}'`);
    }
    return encodeURIComponent(value);
}

/** A query string (with its `?`) from the defined entries; the scope travels as JSON. */
export function queryString(params: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const [name, value] of Object.entries(params)) {
        if (value === undefined || value === null) {
            continue;
        }
        const text = typeof value === "object" ? JSON.stringify(value) : String(value);
        parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
    }
    return parts.length === 0 ? "" : "?" + parts.join("&");
}
