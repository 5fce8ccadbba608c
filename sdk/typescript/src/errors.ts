/**
 * Typed errors. Every failure of an SDK call is a {@link SpectronError}; the subclass says what
 * kind of failure it was, so callers can `catch (e) { if (e instanceof NotFoundError) … }`.
 *
 * HTTP failures carry the server's RFC 7807 problem document (`status`, `code`, `detail`, `field`).
 * Failures before an answer arrived (refused connection, DNS, timeout) are
 * {@link ConnectionError}s with `status` 0.
 */

/** The problem document (RFC 7807) of an error answer, as the server sent it. */
export interface Problem {
    type?: string;
    title?: string;
    status?: number;
    detail?: string;
    code?: string;
    field?: string;
    [extension: string]: unknown;
}

/** Everything known about one failure; the constructor argument of every error class. */
export interface SpectronErrorInit {
    /** HTTP status, or 0 when no answer arrived. */
    status: number;
    /** Stable machine-readable code, e.g. `invalid_input`, `not_found`, `connection_error`. */
    code: string;
    /** Human-readable explanation. */
    detail: string;
    /** The request field that was wrong (400 answers), e.g. `scope` or `k`. */
    field?: string;
    title?: string;
    type?: string;
    /** The full problem document, when the server sent one. */
    problem?: Problem;
    /** HTTP method and path of the failed request, e.g. `POST /api/v1/default/recall`. */
    request?: string;
    cause?: unknown;
}

/** Base class of every error the SDK throws. */
export class SpectronError extends Error {
    /** HTTP status, or 0 when no answer arrived. */
    readonly status: number;
    /** Stable machine-readable code, e.g. `invalid_input`, `not_found`, `connection_error`. */
    readonly code: string;
    /** Human-readable explanation from the server (or the SDK). */
    readonly detail: string;
    /** The request field that was wrong, when the server named one. */
    readonly field: string | undefined;
    /** Problem title, e.g. `Bad Request`. */
    readonly title: string | undefined;
    /** Problem type URI, e.g. `urn:spectron:problem:invalid_input`. */
    readonly type: string | undefined;
    /** The full problem document, when the server sent one. */
    readonly problem: Problem | undefined;
    /** HTTP method and path of the failed request. */
    readonly request: string | undefined;

    constructor(init: SpectronErrorInit) {
        super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
        this.status = init.status;
        this.code = init.code;
        this.detail = init.detail;
        this.field = init.field;
        this.title = init.title;
        this.type = init.type;
        this.problem = init.problem;
        this.request = init.request;
    }
}

/** 401: no key, unknown or malformed key, or a key of another context. */
export class AuthenticationError extends SpectronError {}

/**
 * 403: the key may not do this — a management key on a data route, a `reader` key writing, or a
 * scope that contradicts the key's floor scope.
 */
export class PermissionDeniedError extends SpectronError {}

/** 404: unknown session, entity, document, uncertainty, context or route. */
export class NotFoundError extends SpectronError {}

/**
 * The request was malformed: 400 (with `field` naming what was wrong), 413 (body too large) or
 * 415 (wrong media type). Also thrown before sending when an argument cannot form a valid request
 * (for example a blank id); such errors have `code` `invalid_input` and status 400.
 */
export class ValidationError extends SpectronError {}

/** 409: the request conflicts with the current state, e.g. a turn added to a closed session. */
export class ConflictError extends SpectronError {}

/** 429: too many requests. `retryAfter` is the server's `Retry-After`, in seconds. */
export class RateLimitError extends SpectronError {
    /** Seconds to wait before retrying, when the server said. */
    readonly retryAfter: number | undefined;

    constructor(init: SpectronErrorInit & { retryAfter?: number }) {
        super(init);
        this.retryAfter = init.retryAfter;
    }
}

/** 5xx: the server failed; `detail` carries a reference the server logged. */
export class ServerError extends SpectronError {}

/**
 * No answer: the connection was refused or reset, the host was not found, or the call timed out
 * (`code` `timeout`). `status` is 0.
 */
export class ConnectionError extends SpectronError {}

// Names are set on the prototypes, by string, so they survive minifiers that rename classes.
for (const [errorClass, name] of [
    [SpectronError, "SpectronError"],
    [AuthenticationError, "AuthenticationError"],
    [PermissionDeniedError, "PermissionDeniedError"],
    [NotFoundError, "NotFoundError"],
    [ValidationError, "ValidationError"],
    [ConflictError, "ConflictError"],
    [RateLimitError, "RateLimitError"],
    [ServerError, "ServerError"],
    [ConnectionError, "ConnectionError"],
] as const) {
    Object.defineProperty(errorClass.prototype, "name",
        { value: name, writable: true, configurable: true, enumerable: false });
}

/** The error class for an HTTP status. */
export function errorClassFor(status: number): typeof SpectronError {
    switch (status) {
        case 400:
        case 413:
        case 415:
        case 422:
            return ValidationError;
        case 401:
            return AuthenticationError;
        case 403:
            return PermissionDeniedError;
        case 404:
            return NotFoundError;
        case 409:
            return ConflictError;
        case 429:
            return RateLimitError;
        default:
            return status >= 500 ? ServerError : SpectronError;
    }
}

/** The code the server uses for a status, for answers that carried no problem document. */
export function defaultCode(status: number): string {
    switch (status) {
        case 400:
        case 422:
            return "invalid_input";
        case 401:
            return "unauthenticated";
        case 403:
            return "forbidden";
        case 404:
            return "not_found";
        case 405:
            return "method_not_allowed";
        case 409:
            return "conflict";
        case 413:
            return "payload_too_large";
        case 415:
            return "unsupported_media_type";
        case 429:
            return "rate_limited";
        default:
            return status >= 500 ? "internal" : "http_" + status;
    }
}

/** A client-side argument error, raised before anything is sent. */
export function invalidArgument(field: string, detail: string): ValidationError {
    return new ValidationError({
        status: 400,
        code: "invalid_input",
        detail: `${field}: ${detail}`,
        field,
    });
}

function describe(init: SpectronErrorInit): string {
    const where = init.request ? ` (${init.request})` : "";
    const status = init.status > 0 ? `${init.status} ` : "";
    return `${status}${init.code}: ${init.detail}${where}`;
}
