import type { Memory } from "./memory.js";
import { withHits } from "./results.js";
import type {
    ContextFields,
    DocumentFields,
    EntityFields,
    ForgetFields,
    RecallFields,
    RememberFields,
    RememberManyFields,
    RememberManyMessage,
    TurnInput,
    UncertaintyFields,
} from "./options.js";
import { segment } from "./transport.js";
import type {
    BatchResult,
    Context,
    Diff,
    DocumentInfo,
    EntityInfo,
    ExtractMode,
    Fact,
    ForgetResult,
    MemoryState,
    Metadata,
    Profile,
    Recall,
    RememberResult,
    Scope,
    SessionInfo,
    Turn,
    TurnResult,
    Uncertainty,
} from "./types.js";

/**
 * A conversation: turns, and every memory verb at the session's scope.
 *
 * Turns are extracted as they arrive (unless the session was created with
 * `extract: "session"`), so `recall` and `context` see them as soon as `turn` returns. Close the
 * session when the conversation ends; closing twice is harmless.
 */
export class Session {
    /** Session id. */
    readonly id: string;
    /** The session's scope (with the key's floor scope merged in by the server). */
    readonly scope: Scope;
    /** Free JSON given at creation. */
    readonly metadata: Metadata;
    /** When this session extracts memory. */
    readonly extract: ExtractMode;
    /** When the session was created. */
    readonly createdAt: string;
    /** `open` or `closed`, as last seen by this object. */
    status: "open" | "closed";
    /** When the session was closed, as last seen by this object. */
    closedAt: string | null;
    readonly #memory: Memory;
    readonly #path: string;

    /** Use `sessions.create` or `sessions.get` rather than this constructor. */
    constructor(memory: Memory, info: SessionInfo) {
        this.#memory = memory;
        this.id = info.id;
        this.scope = info.scope;
        this.metadata = info.metadata ?? {};
        this.extract = info.extract;
        this.createdAt = info.createdAt;
        this.status = info.status;
        this.closedAt = info.closedAt ?? null;
        this.#path = memory._root + "/sessions/" + segment(info.id, "sessionId");
    }

    /** Adds a turn and returns it with the extraction diff. */
    async turn(turn: TurnInput): Promise<TurnResult> {
        const { observedAt, ...rest } = turn;
        return this.#memory._transport.post(this.#path + "/turns", {
            ...rest,
            observedAt: observedAt instanceof Date ? observedAt.toISOString() : observedAt,
        });
    }

    /** Alias of {@link Session.turn}. */
    async addTurn(turn: TurnInput): Promise<TurnResult> {
        return this.turn(turn);
    }

    /** The session's turns, oldest first. */
    async turns(): Promise<Turn[]> {
        const answer = await this.#memory._transport.get<{ turns: Turn[] }>(this.#path + "/turns");
        return answer.turns;
    }

    /** Stores a statement or fact as a turn of this session. */
    async remember(text: string, options: RememberFields = {}): Promise<RememberResult> {
        return this.#memory.remember(text, { ...options, sessionId: this.id, scope: this.scope });
    }

    /** Stores several messages as turns of this session, extracted together. */
    async rememberMany(messages: RememberManyMessage[], options: RememberManyFields = {})
            : Promise<BatchResult> {
        return this.#memory.rememberMany(messages,
            { ...options, sessionId: this.id, scope: this.scope });
    }

    /**
     * Retrieves memories relevant to `query` visible at the session's scope (all of the scope's
     * memory, not only this session's; pass `sessionId: session.id` to narrow it).
     */
    async recall(query: string, options: RecallFields = {}): Promise<Recall> {
        return this.#memory.recall(query, { ...options, scope: this.scope });
    }

    /** Prompt-ready context for `query` at the session's scope; `""` when nothing is relevant. */
    async context(query: string, options: ContextFields = {}): Promise<Context> {
        const answer = await this.#memory._transport.post<Omit<Context, "hits">>(
            this.#path + "/context", { query, k: options.topK, maxTokens: options.maxTokens });
        return withHits(answer);
    }

    /** What is known about the session scope's user (else agent, else org). */
    async profile(): Promise<Profile> {
        return this.#memory.profile({ scope: this.scope });
    }

    /** Everything current visible at the session's scope. */
    async state(): Promise<MemoryState> {
        return this.#memory.state({ scope: this.scope });
    }

    /**
     * Forgets memory at the session's scope: with no options, everything stored under a scope
     * that contains all of its tags (a scoped bulk forget); `query`, `entity`, `key` narrow it.
     */
    async forget(options: ForgetFields = {}): Promise<ForgetResult> {
        return this.#memory.forget({ ...options, scope: this.scope });
    }

    /** Adds an authoritative document at the session's scope. */
    async addDocument(text: string, options: DocumentFields = {}): Promise<DocumentInfo> {
        return this.#memory.addDocument(text, { ...options, scope: this.scope });
    }

    /** Entities with a fact visible at the session's scope. */
    async entities(options: EntityFields = {}): Promise<EntityInfo[]> {
        return this.#memory.entities({ ...options, scope: this.scope });
    }

    /** The supersession chain of `key` of `entity` (`type/name`), newest first. */
    async history(entity: string, key: string): Promise<Fact[]> {
        return this.#memory.history(entity, key, { scope: this.scope });
    }

    /** Uncertainties visible at the session's scope. */
    async uncertainties(options: UncertaintyFields = {}): Promise<Uncertainty[]> {
        return this.#memory.uncertainties({ ...options, scope: this.scope });
    }

    /**
     * Closes the session and returns the diff of the extraction that ran at close (empty unless
     * the session was created with `extract: "session"`). Closing twice is harmless.
     */
    async close(): Promise<Diff> {
        const diff = await this.#memory._transport.post<Diff>(this.#path + "/close", undefined);
        this.status = "closed";
        this.closedAt ??= new Date().toISOString();
        return diff;
    }

    /** Deletes the session with its turns (and their index entries). */
    async delete(): Promise<void> {
        await this.#memory._transport.delete(this.#path);
        this.status = "closed";
    }

    /** Reads the session again from the server and updates `status` and `closedAt`. */
    async refresh(): Promise<SessionInfo> {
        const info = await this.#memory._transport.get<SessionInfo>(this.#path);
        this.status = info.status;
        this.closedAt = info.closedAt ?? null;
        return info;
    }

    /** The session record, for logging and `JSON.stringify`. */
    toJSON(): SessionInfo {
        return {
            id: this.id,
            scope: this.scope,
            metadata: this.metadata,
            extract: this.extract,
            status: this.status,
            createdAt: this.createdAt,
            closedAt: this.closedAt,
        };
    }
}
