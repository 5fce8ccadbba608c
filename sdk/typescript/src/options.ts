/**
 * Options of the SDK's calls. The client and memory handles take an explicit `scope`; a session
 * supplies its own scope, so its methods take the same options without it.
 */
import type {
    BatchMessage,
    ExtractMode,
    Infer,
    Instant,
    Metadata,
    RecallInclude,
    RecallMode,
    Role,
    Scope,
    Triple,
} from "./types.js";

/** An explicit scope, for calls on the client or a memory handle. */
export interface ScopeOptions {
    scope: Scope;
}

/** Options of `sessions.create`. */
export interface SessionCreateOptions {
    scope: Scope;
    /** Free JSON stored with the session. */
    metadata?: Metadata;
    /**
     * `"turn"` (default) extracts memory as each turn arrives, so recall sees it at once;
     * `"session"` buffers extraction until `close()`, which returns the combined diff.
     */
    extract?: ExtractMode;
}

/** Options of `sessions.list`. */
export interface SessionListOptions {
    /** Sessions visible at this scope (floor matching). */
    scope: Scope;
    /** 1–1000; the server's default is 100. */
    limit?: number;
}

/** A turn to add to a session. */
export interface TurnInput {
    role: Role;
    content: string;
    /** Display name of who spoke, for conversations with several people. */
    speaker?: string;
    /** When it was said (historical imports); defaults to now. */
    observedAt?: Instant;
    /** Free JSON returned with every hit that cites the turn. */
    metadata?: Metadata;
}

/** Options of `remember` that do not depend on where the text goes. */
export interface RememberFields {
    /** Role of the stored turn; `user` by default. */
    role?: Role;
    /**
     * `full` (default): extract and reconcile; `preview`: return the diff and write nothing;
     * `none`: store the text only; `triples`: store `triples` as given, without extraction.
     */
    infer?: Infer;
    /** Caller-supplied facts for `infer: "triples"` (at most 100). */
    triples?: Triple[];
    /** When it was said; defaults to now. */
    observedAt?: Instant;
    /** Free JSON returned with every hit that cites the turn. */
    metadata?: Metadata;
}

/**
 * Options of `remember` on the client or a memory handle: a scope, a session to write into, or
 * both (the scope must then equal the session's).
 */
export type RememberOptions = RememberFields &
    ({ scope: Scope; sessionId?: string } | { scope?: Scope; sessionId: string });

/** Options of `rememberMany` that do not depend on where the messages go. */
export interface RememberManyFields {
    /** As in `remember`; `triples` is not available for batches. */
    infer?: Exclude<Infer, "triples">;
}

/** Options of `rememberMany` on the client or a memory handle. */
export type RememberManyOptions = RememberManyFields &
    ({ scope: Scope; sessionId?: string } | { scope?: Scope; sessionId: string });

/** One message of `rememberMany`: a string is a `user` message. */
export type RememberManyMessage = string | BatchMessage;

/** Options of `recall` that do not depend on the scope. */
export interface RecallFields {
    /** How many hits, 1–50; the server's default is 10. */
    topK?: number;
    /** `hybrid` (default), `bm25` or `vector`. */
    mode?: RecallMode;
    /** Only these kinds of memory (default: all). */
    include?: RecallInclude[];
    /** Only what was stored by then. */
    asOf?: Instant;
    /** Only turns said by then (and facts that held then). */
    validAt?: Instant;
    /** Only memory of this session. */
    sessionId?: string;
}

/** Options of `recall` on the client or a memory handle. */
export type RecallOptions = RecallFields & ScopeOptions;

/** Options of `context` that do not depend on the scope. */
export interface ContextFields {
    /** How many hits to consider, 1–50; the server's default is 10. */
    topK?: number;
    /** Token budget of `formatted` (o200k_base tokens), 1–32000; the server's default is 1000. */
    maxTokens?: number;
}

/** Options of `context` on the client or a memory handle. */
export type ContextOptions = ContextFields & ScopeOptions;

/** Options of `forget` that do not depend on the scope. */
export interface ForgetFields {
    /** Only records that match this text. */
    query?: string;
    /** Only facts about this entity, `type/name`. */
    entity?: string;
    /** Only facts with this key or relation label. */
    key?: string;
    /** Delete rows physically (erasure) instead of marking them forgotten. */
    purge?: boolean;
    /** Count what would be forgotten, change nothing. */
    dryRun?: boolean;
}

/**
 * Options of `forget` on the client or a memory handle. With only a scope, every record whose
 * scope contains all its tags is forgotten (`{ user: "alice" }` reaches Alice under any org).
 */
export type ForgetOptions = ForgetFields & ScopeOptions;

/** Options of `addDocument` that do not depend on the scope. */
export interface DocumentFields {
    title?: string;
    /** `text/plain` (default) or `text/markdown`. */
    mimeType?: "text/plain" | "text/markdown";
}

/** Options of `addDocument` on the client or a memory handle. */
export type DocumentOptions = DocumentFields & ScopeOptions;

/** Options of `documents` (list). */
export interface DocumentListOptions extends ScopeOptions {
    limit?: number;
}

/** Options of `entities` that do not depend on the scope. */
export interface EntityFields {
    /** Only entities of this type, e.g. `person`. */
    type?: string;
    /** Only entities whose name contains this text. */
    q?: string;
    /** At most this many; the server's default is 100. */
    limit?: number;
}

/** Options of `entities` on the client or a memory handle. */
export type EntityOptions = EntityFields & ScopeOptions;

/** Options of `uncertainties` that do not depend on the scope. */
export interface UncertaintyFields {
    /** Only open (unresolved) uncertainties; the server's default is `true`. */
    open?: boolean;
}

/** Options of `uncertainties` on the client or a memory handle. */
export type UncertaintyOptions = UncertaintyFields & ScopeOptions;
