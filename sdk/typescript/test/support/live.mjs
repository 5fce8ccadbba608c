// Settings of the live tests: a running server and a data key of its `default` context.
import { randomUUID } from "node:crypto";
import { SpectronClient } from "spectron";

export const url = process.env.SPECTRON_URL ?? "";
export const apiKey = process.env.SPECTRON_API_KEY ?? "";
/** Optional: a management key, for the tests that mint reader and floor keys. */
export const managementKey = process.env.SPECTRON_MANAGEMENT_KEY ?? "";

/** `skip` option of live suites: false with a server, else the reason shown by the runner. */
export const skipLive = url && apiKey
    ? false
    : "SPECTRON_URL and SPECTRON_API_KEY are not set: live tests against a server skipped";

export const skipManagement = skipLive
    || (managementKey ? false : "SPECTRON_MANAGEMENT_KEY is not set: key-role tests skipped");

/** A client of the live server. */
export function client(options = {}) {
    return new SpectronClient({ baseUrl: url, apiKey, ...options });
}

/** A scope value no other test (or earlier run) uses. */
export function unique(label) {
    return `ts-${label}-${randomUUID().slice(0, 8)}`;
}

/** `{ user: <unique> }`. */
export function userScope(label) {
    return { user: unique(label) };
}
