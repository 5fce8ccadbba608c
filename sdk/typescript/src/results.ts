import type { Context, Recall } from "./types.js";

/** Adds `items`, the same array as `hits`, to a recall answer. */
export function withItems(answer: Omit<Recall, "items">): Recall {
    return Object.assign(answer, { items: answer.hits });
}

/** Adds `hits`, the same array as `items`, to a context answer. */
export function withHits(answer: Omit<Context, "hits">): Context {
    return Object.assign(answer, { hits: answer.items });
}
