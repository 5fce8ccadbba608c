/**
 * Spectron TypeScript SDK: the memory layer for AI agents.
 *
 * ```ts
 * import { SpectronClient } from "spectron";
 * ```
 *
 * @packageDocumentation
 */
export { SpectronClient, type SpectronClientOptions } from "./client.js";
export { Memory, Sessions } from "./memory.js";
export { Session } from "./session.js";
export {
    AuthenticationError,
    ConflictError,
    ConnectionError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SpectronError,
    ValidationError,
    type Problem,
    type SpectronErrorInit,
} from "./errors.js";
export type { FetchInit, FetchLike, FetchResponse } from "./transport.js";
export type * from "./options.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
