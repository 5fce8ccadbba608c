/**
 * Wire types of the Spectron HTTP API v1 (docs/api.md), as the SDK returns them.
 *
 * Field names are the server's (camelCase). Times are ISO-8601 strings exactly as the server sent
 * them; the SDK does not convert them to `Date`, so nothing is lost (the server keeps nanoseconds).
 * The server may add fields; these types list the ones the API fixes.
 */

/** JSON value, for free-form `metadata`. */
export type JsonValue =
    | string
    | number
    | boolean
    | null
    | JsonValue[]
    | { [key: string]: JsonValue };

/** Free-form metadata of sessions and turns; returned with every hit that cites the turn. */
export type Metadata = { [key: string]: JsonValue };

/**
 * A scope: tags `dimension → value`, e.g. `{ org: "my-app", user: "alice" }`. Dimensions match
 * `[a-z][a-z0-9_]{0,31}`, values are 1–128 printable characters, at most 8 tags; `{}` is allowed.
 * A record stored at scope R is visible to a request at scope Q iff every tag of R is in Q.
 */
export type Scope = { [dimension: string]: string };

/** A point in time: a `Date`, or an ISO-8601 string such as `2023-05-08T13:56:00Z`. */
export type Instant = Date | string;

/** Who spoke a turn. */
export type Role = "user" | "assistant" | "system" | "tool";

/** When a session extracts memory: on every turn (default) or once, at `close`. */
export type ExtractMode = "turn" | "session";

/** What a write does with its text; see `RememberOptions.infer`. */
export type Infer = "full" | "triples" | "preview" | "none";

/** Retrieval mode of `recall`. */
export type RecallMode = "hybrid" | "vector" | "bm25" | "graph";

/** What a recall may return: facts (attributes, relations), turns, documents (passages), instructions. */
export type RecallInclude = "facts" | "turns" | "documents" | "instructions";

/** Kind of a recall or context hit. */
/** `uncertainty` appears only among a context's items (an open question about a fact). */
export type HitKind = "attribute" | "relation" | "instruction" | "turn" | "chunk" | "uncertainty";

/** Memory category of a fact. */
export type Category = "identity" | "knowledge" | "context";

/** Lifecycle of a fact. */
export type FactStatus = "current" | "superseded" | "retracted" | "forgotten";

/** What reconciliation decided about one candidate of a write. */
export type Decision = "add" | "corroborate" | "supersede" | "retract" | "conflict" | "skip";

/** Kind of an explicit open question. */
export type UncertaintyKind =
    | "authority_conflict"
    | "ambiguous_reference"
    | "unresolved_time"
    | "low_confidence";

// ---------------------------------------------------------------------------------------------
// Sessions and turns

/** A session record. */
export interface SessionInfo {
    id: string;
    scope: Scope;
    metadata: Metadata;
    extract: ExtractMode;
    status: "open" | "closed";
    createdAt: string;
    closedAt: string | null;
}

/** A turn: the episodic record, written once. */
export interface Turn {
    id: string;
    sessionId: string;
    /** 1, 2, … within the session. */
    seq: number;
    role: Role;
    speaker: string | null;
    content: string;
    /** When Spectron stored it. */
    createdAt: string;
    /** When it was said (defaults to `createdAt`). */
    observedAt: string;
    metadata: Metadata;
}

/** Answer of adding a turn. */
export interface TurnResult {
    turn: Turn;
    diff: Diff;
}

// ---------------------------------------------------------------------------------------------
// Provenance and structured memory

/** Character offsets in the turn or passage a fact was read from. */
export interface TextSpan {
    start: number;
    end: number;
}

/** Provenance of a fact or hit. */
export interface Source {
    /** `turn`, `document`, `upsert`, `reflect`, `consolidation` or `elaboration`. */
    kind: string;
    /** `turn:<id>`, `doc:<id>`, … */
    ref: string;
    sessionId: string | null;
    turnId: string | null;
    /** The metadata of the cited turn. */
    metadata: Metadata;
    span?: TextSpan | null;
    trust?: number;
    authoritative?: boolean;
}

/** A key/value fact about one entity. */
export interface Attribute {
    id: string;
    /** Entity address, `type/name`, e.g. `person/alice`. */
    entity: string;
    key: string;
    value: string;
    category: Category | string;
    importance: number;
    confidence: number;
    scope: Scope;
    status: FactStatus;
    validFrom: string;
    validUntil: string | null;
    createdAt: string;
    supersedes: string | null;
    supersededBy: string | null;
    source: Source;
}

/** A link `subject -[label]-> object` between two entities. */
export interface Relation {
    id: string;
    /** Entity address, e.g. `person/bob`. */
    subject: string;
    label: string;
    /** Entity address, e.g. `organization/acme corp`. */
    object: string;
    category: Category | string;
    importance: number;
    confidence: number;
    scope: Scope;
    status: FactStatus;
    validFrom: string;
    validUntil: string | null;
    createdAt: string;
    supersedes: string | null;
    supersededBy: string | null;
    source: Source;
}

/** An attribute or a relation (entity history mixes both when `key` is a relation label). */
export type Fact = Attribute | Relation;

/** A behavioural directive ("always answer in metric units"). */
export interface Instruction {
    id: string;
    text: string;
    scope: Scope;
    active: boolean;
    createdAt: string;
    supersededBy: string | null;
    source: Source;
}

/** One value an uncertainty hesitates between. */
export interface UncertaintyCandidate {
    value: string;
    source: Source;
}

/** An explicit open question instead of a silent guess. */
export interface Uncertainty {
    id: string;
    kind: UncertaintyKind | string;
    /** What it is about, e.g. `organization/shop#return_window`. */
    about: string;
    reason: string;
    candidates: UncertaintyCandidate[];
    scope: Scope;
    resolved: boolean;
    createdAt: string;
    resolvedAt: string | null;
    resolution: string | null;
}

/** An entity with its current facts visible at the request's scope. */
export interface EntityInfo {
    id: string;
    type: string;
    name: string;
    displayName: string;
    aliases: string[];
    importance: number;
    createdAt: string;
    updatedAt: string;
    attributes: Attribute[];
    relations: Relation[];
}

// ---------------------------------------------------------------------------------------------
// Writes

/** One entity a write touched. */
export interface EntityChange {
    id: string;
    type: string;
    name: string;
    isNew: boolean;
}

/** One attribute a write touched, with the reconciliation decision. */
export interface AttributeChange {
    id: string;
    entity: string;
    key: string;
    value: string;
    decision: Decision;
}

/** One relation a write touched, with the reconciliation decision. */
export interface RelationChange {
    id: string;
    subject: string;
    label: string;
    object: string;
    decision: Decision;
}

/** One instruction a write touched. */
export interface InstructionChange {
    id: string;
    text: string;
    decision: Decision;
}

/** One uncertainty a write raised. */
export interface UncertaintyChange {
    id: string;
    kind: UncertaintyKind | string;
    about: string;
}

/** A value that changed: `oldValue` was superseded by `newValue`. */
export interface Correction {
    entity: string;
    key: string;
    oldValue: string;
    newValue: string;
}

/** What a write changed in memory. */
export interface Diff {
    turnId: string | null;
    entities: EntityChange[];
    attributes: AttributeChange[];
    relations: RelationChange[];
    instructions: InstructionChange[];
    uncertainties: UncertaintyChange[];
    corrections: Correction[];
}

/** Answer of `remember`. */
export interface RememberResult {
    sessionId: string;
    turnId: string | null;
    diff: Diff;
}

/** Answer of `rememberMany`: one result per message, in order. */
export interface BatchResult {
    sessionId: string;
    results: RememberResult[];
}

/** A caller-supplied fact for `infer: "triples"`: an attribute or a relation. */
export type Triple =
    | { subject: string; key: string; value: string }
    | { subject: string; label: string; object: string };

/** One message of `rememberMany`; a plain string is a `user` message. */
export interface BatchMessage {
    role?: Role;
    content: string;
    speaker?: string;
    observedAt?: Instant;
    metadata?: Metadata;
}

/** An authoritative document. */
export interface DocumentInfo {
    id: string;
    title: string | null;
    scope: Scope;
    mimeType: string;
    /** `queued`, `ready` or `failed`. */
    status: string;
    /** Number of passages. */
    chunks: number;
    createdAt: string;
    error?: string | null;
}

/** Answer of `forget` and `deleteEntity`. */
export interface ForgetResult {
    /** Memory records removed or hidden (turns, facts, instructions, uncertainties, passages). */
    forgotten: number;
    dryRun?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Reads

/** One retrieved memory. */
export interface Hit {
    id: string;
    kind: HitKind;
    /** A short sentence, e.g. `alice — food preference: vegetarian`, or the turn's text. */
    text: string;
    score: number;
    /** Entity address for attribute and relation hits. */
    entity: string | null;
    source: Source;
    validFrom: string | null;
    validUntil: string | null;
    createdAt: string;
}

/** Answer of `recall`. `items` is the same array as `hits`. */
export interface Recall {
    hits: Hit[];
    /** The same array as `hits`. */
    items: Hit[];
    /** Prompt-ready text naming the hits. */
    formatted: string;
    queryMs: number;
    traceId: string;
}

/**
 * Answer of `context`. `formatted` is exactly `""` (and `items` empty, `tier` `"none"`) when
 * nothing relevant is stored, so a prompt stays byte-identical. `hits` is the same array as
 * `items`.
 */
export interface Context {
    formatted: string;
    items: Hit[];
    /** The same array as `items`. */
    hits: Hit[];
    tier: string;
}

/** A fact as the profile shows it. */
export interface ProfileFact {
    id: string;
    entity: string;
    key: string;
    value: string;
    category: Category | string;
    validFrom: string;
    source: Source;
}

/** Answer of `profile`: what is known about the scope's user (else agent, else org). */
export interface Profile {
    /** A short paragraph; `""` when nothing is known. */
    summary: string;
    identity: ProfileFact[];
    preferences: ProfileFact[];
    context: ProfileFact[];
    instructions: Instruction[];
    uncertainties: Uncertainty[];
}

/** Answer of `state`: everything current visible at the scope. */
export interface MemoryState {
    attributes: Attribute[];
    relations: Relation[];
    instructions: Instruction[];
    uncertainties: Uncertainty[];
}

/** Answer of `health`. */
export interface Health {
    status: string;
    embeddingModel?: string;
    indexLag?: number;
}
