import { invalidArgument } from "./errors.js";
import type {
    ContextOptions,
    DocumentListOptions,
    DocumentOptions,
    EntityOptions,
    ForgetOptions,
    RecallOptions,
    RememberManyMessage,
    RememberManyOptions,
    RememberOptions,
    ScopeOptions,
    SessionCreateOptions,
    SessionListOptions,
    UncertaintyOptions,
} from "./options.js";
import { withHits, withItems } from "./results.js";
import { Session } from "./session.js";
import { queryString, segment, type Transport } from "./transport.js";
import type {
    BatchResult,
    Context,
    DocumentInfo,
    EntityInfo,
    Fact,
    ForgetResult,
    Health,
    Instant,
    MemoryState,
    Profile,
    Recall,
    RememberResult,
    Scope,
    SessionInfo,
    Uncertainty,
} from "./types.js";

/**
 * The memory of one context (the tenant boundary). Every call takes an explicit `scope`; a
 * {@link Session} from {@link Memory.sessions} supplies its own.
 *
 * Obtain one with `client.memory(contextId)`; the client itself is the handle of its default
 * context. Handles are cheap, stateless and safe to share.
 */
export class Memory {
    /** The context this handle reads and writes. */
    readonly contextId: string;
    /** Sessions of this context. */
    readonly sessions: Sessions;
    /** @internal */
    readonly _transport: Transport;
    /** @internal Path prefix of the context, `/api/v1/{context}`. */
    readonly _root: string;

    /** Use `client.memory(contextId)` rather than this constructor. */
    constructor(transport: Transport, contextId: string) {
        this._transport = transport;
        this.contextId = contextId;
        this._root = "/api/v1/" + segment(contextId, "context");
        this.sessions = new Sessions(this);
    }

    /** Stores one statement or fact as a turn (in a short-lived session unless `sessionId`). */
    async remember(text: string, options: RememberOptions): Promise<RememberResult> {
        requireText(text, "text");
        requireTarget(options);
        return this._transport.post(this._root + "/remember", {
            text,
            scope: options.scope,
            sessionId: options.sessionId,
            role: options.role,
            infer: options.infer,
            triples: options.triples,
            observedAt: instant(options.observedAt),
            metadata: options.metadata,
        });
    }

    /** Stores 1–500 messages as turns of one session, extracted together. */
    async rememberMany(messages: RememberManyMessage[], options: RememberManyOptions)
            : Promise<BatchResult> {
        if (!Array.isArray(messages)) {
            throw invalidArgument("messages", "must be an array");
        }
        requireTarget(options);
        return this._transport.post(this._root + "/remember/batch", {
            messages: messages.map(message =>
                typeof message === "string"
                    ? { role: "user", content: message }
                    : { ...message, observedAt: instant(message.observedAt) }),
            scope: options.scope,
            sessionId: options.sessionId,
            infer: options.infer,
        });
    }

    /** Retrieves the memories most relevant to `query`; `formatted` is prompt-ready. */
    async recall(query: string, options: RecallOptions): Promise<Recall> {
        requireText(query, "query");
        const answer = await this._transport.post<Omit<Recall, "items">>(
            this._root + "/recall", {
                query,
                scope: options.scope,
                k: options.topK,
                mode: options.mode,
                include: options.include,
                asOf: instant(options.asOf),
                validAt: instant(options.validAt),
                sessionId: options.sessionId,
            });
        return withItems(answer);
    }

    /**
     * Prompt-ready context for `query` within a token budget. `formatted` is exactly `""` when
     * nothing relevant is stored: append it to the system prompt only when non-empty.
     */
    async context(query: string, options: ContextOptions): Promise<Context> {
        requireText(query, "query");
        const answer = await this._transport.post<Omit<Context, "hits">>(
            this._root + "/context", {
                query,
                scope: options.scope,
                k: options.topK,
                maxTokens: options.maxTokens,
            });
        return withHits(answer);
    }

    /** What is known about the scope's user (else agent, else org); `summary` may be `""`. */
    async profile(options: ScopeOptions): Promise<Profile> {
        return this._transport.post(this._root + "/profile", { scope: requireScope(options) });
    }

    /** Everything current visible at the scope: facts, instructions, open uncertainties. */
    async state(options: ScopeOptions): Promise<MemoryState> {
        return this._transport.post(this._root + "/state", { scope: requireScope(options) });
    }

    /**
     * Forgets memory. With only a scope, every record whose scope contains all its tags; `query`,
     * `entity` and `key` narrow it. Forgotten records disappear from every read.
     */
    async forget(options: ForgetOptions): Promise<ForgetResult> {
        return this._transport.post(this._root + "/forget", {
            scope: requireScope(options),
            query: options.query,
            entity: options.entity,
            key: options.key,
            purge: options.purge,
            dryRun: options.dryRun,
        });
    }

    /** Adds an authoritative document: cut into passages and read for high-trust facts. */
    async addDocument(text: string, options: DocumentOptions): Promise<DocumentInfo> {
        requireText(text, "text");
        return this._transport.post(this._root + "/documents", {
            text,
            title: options.title,
            scope: requireScope(options),
            mimeType: options.mimeType,
        });
    }

    /** One document. */
    async document(id: string): Promise<DocumentInfo> {
        return this._transport.get(this._root + "/documents/" + segment(id, "documentId"));
    }

    /** Documents visible at the scope. */
    async documents(options: DocumentListOptions): Promise<DocumentInfo[]> {
        const answer = await this._transport.get<{ documents: DocumentInfo[] }>(
            this._root + "/documents"
                + queryString({ scope: requireScope(options), limit: options.limit }));
        return answer.documents;
    }

    /** Deletes a document, its passages and the facts read from it. */
    async deleteDocument(id: string): Promise<void> {
        await this._transport.delete(this._root + "/documents/" + segment(id, "documentId"));
    }

    /** Entities with a fact visible at the scope. */
    async entities(options: EntityOptions): Promise<EntityInfo[]> {
        const answer = await this._transport.get<{ entities: EntityInfo[] }>(
            this._root + "/entities" + queryString({
                scope: requireScope(options),
                type: options.type,
                q: options.q,
                limit: options.limit,
            }));
        return answer.entities;
    }

    /** One entity, `type/name` (e.g. `person/alice`), with its current facts at the scope. */
    async entity(address: string, options: ScopeOptions): Promise<EntityInfo> {
        return this._transport.get(entityPath(this._root, address)
            + queryString({ scope: requireScope(options) }));
    }

    /**
     * The supersession chain of one key (or relation label) of an entity, newest first.
     * `entity` is an address such as `person/alice`.
     */
    async history(entity: string, key: string, options: ScopeOptions): Promise<Fact[]> {
        const answer = await this._transport.get<{ history: Fact[] }>(
            entityPath(this._root, entity) + "/history/" + segment(key, "key")
                + queryString({ scope: requireScope(options) }));
        return answer.history;
    }

    /** Forgets the facts of an entity visible at the scope. */
    async deleteEntity(address: string, options: ScopeOptions): Promise<ForgetResult> {
        return this._transport.delete(entityPath(this._root, address)
            + queryString({ scope: requireScope(options) }));
    }

    /** Uncertainties visible at the scope (open ones unless `open: false`). */
    async uncertainties(options: UncertaintyOptions): Promise<Uncertainty[]> {
        const answer = await this._transport.get<{ uncertainties: Uncertainty[] }>(
            this._root + "/uncertainties"
                + queryString({ scope: requireScope(options), open: options.open }));
        return answer.uncertainties;
    }

    /** One uncertainty. */
    async uncertainty(id: string): Promise<Uncertainty> {
        return this._transport.get(this._root + "/uncertainties/" + segment(id, "uncertaintyId"));
    }

    /** Resolves an uncertainty with the given answer. */
    async resolveUncertainty(id: string, resolution: string): Promise<Uncertainty> {
        return this._transport.post(
            this._root + "/uncertainties/" + segment(id, "uncertaintyId") + "/resolve",
            { resolution });
    }

    /** Liveness of the server (needs no key). */
    async health(): Promise<Health> {
        return this._transport.get("/health");
    }
}

/** Sessions of one context: `create`, `get`, `list`. */
export class Sessions {
    readonly #memory: Memory;

    /** Use `memory.sessions` rather than this constructor. */
    constructor(memory: Memory) {
        this.#memory = memory;
    }

    /** Creates a session; its turns and writes inherit `scope`. */
    async create(options: SessionCreateOptions): Promise<Session> {
        const info = await this.#memory._transport.post<SessionInfo>(
            this.#memory._root + "/sessions", {
                scope: requireScope(options),
                metadata: options.metadata,
                extract: options.extract,
            });
        return new Session(this.#memory, info);
    }

    /** Reopens an existing session by id (to add turns, recall or close it). */
    async get(id: string): Promise<Session> {
        const info = await this.#memory._transport.get<SessionInfo>(
            this.#memory._root + "/sessions/" + segment(id, "sessionId"));
        return new Session(this.#memory, info);
    }

    /** Alias of {@link Sessions.get}. */
    async open(id: string): Promise<Session> {
        return this.get(id);
    }

    /** Deletes a session with its turns (and their index entries). */
    async delete(id: string): Promise<void> {
        await this.#memory._transport.delete(
            this.#memory._root + "/sessions/" + segment(id, "sessionId"));
    }

    /** Sessions visible at the scope, newest first. */
    async list(options: SessionListOptions): Promise<SessionInfo[]> {
        const answer = await this.#memory._transport.get<{ sessions: SessionInfo[] }>(
            this.#memory._root + "/sessions"
                + queryString({ scope: requireScope(options), limit: options.limit }));
        return answer.sessions;
    }
}

/** `/api/v1/{c}/entities/{type}/{name}` of an address `type/name`. */
function entityPath(root: string, address: string): string {
    const slash = typeof address === "string" ? address.indexOf("/") : -1;
    if (slash <= 0 || slash === address.length - 1) {
        throw invalidArgument("entity", `must be an address 'type/name', got '${address}'`);
    }
    return root + "/entities/" + segment(address.slice(0, slash), "entity")
        + "/" + segment(address.slice(slash + 1), "entity");
}

/**
 * The scope of an options object. A missing scope is refused here rather than sent as "no
 * scope": for `forget` that would be the widest possible request.
 */
function requireScope(options: { scope?: Scope } | undefined): Scope {
    const scope = options?.scope;
    if (scope === null || typeof scope !== "object" || Array.isArray(scope)) {
        throw invalidArgument("scope", "is required: an object of tags such as { user: \"alice\" }"
            + " ({} for the context-wide scope)");
    }
    return scope;
}

/** A write goes to a scope, a session, or both; neither would silently mean the scope `{}`. */
function requireTarget(options: { scope?: Scope; sessionId?: string } | undefined): void {
    if (options?.sessionId === undefined) {
        requireScope(options);
    }
}

function requireText(text: string, field: string): void {
    if (typeof text !== "string") {
        throw invalidArgument(field, "must be a string");
    }
}

/** Dates travel as ISO-8601 strings. */
function instant(value: Instant | undefined): string | undefined {
    return value instanceof Date ? value.toISOString() : value;
}
