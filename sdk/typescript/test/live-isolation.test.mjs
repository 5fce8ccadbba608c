// Scope isolation through the SDK: floor matching on every read path, and scoped forget.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { client, skipLive, unique } from "./support/live.mjs";

describe("live: scope isolation", { skip: skipLive }, () => {
    const org = unique("org");
    const alice = { org, user: unique("alice") };
    const bob = { org, user: unique("bob") };
    const orgWide = { org };
    const c = client();

    before(async () => {
        await c.remember("Our support hours are 9 to 5.", { scope: orgWide });
        const session = await c.sessions.create({ scope: alice });
        await session.remember("I prefer vegetarian food.");
        await session.close();
        await c.remember("I like jazz.", { scope: bob });
    });

    const text = async (scope, query) => {
        const [recall, state, profile, entities] = await Promise.all([
            c.recall(query, { scope, topK: 20 }),
            c.state({ scope }),
            c.profile({ scope }),
            c.entities({ scope }),
        ]);
        return JSON.stringify({ recall, state, profile, entities });
    };

    test("user_seesOwnAndOrgWideMemory", async () => {
        const recall = await c.recall("support hours", { scope: alice });
        assert.match(recall.formatted, /9 to 5/);
        const food = await c.recall("What are my food preferences?", { scope: alice });
        assert.match(food.formatted, /vegetarian/);
    });

    test("orgScope_doesNotSeeUserMemory", async () => {
        const seen = await text(orgWide, "food preferences vegetarian jazz");
        assert.doesNotMatch(seen, /vegetarian/);
        assert.doesNotMatch(seen, /jazz/);
        assert.match((await c.recall("support hours", { scope: orgWide })).formatted, /9 to 5/);
    });

    test("otherUser_doesNotSeeAlice", async () => {
        const seen = await text(bob, "What are the food preferences? vegetarian");
        assert.doesNotMatch(seen, /vegetarian/);
        assert.doesNotMatch(seen, new RegExp(alice.user));
        assert.match(seen, /jazz/);
        const sessions = await c.sessions.list({ scope: bob });
        assert.ok(sessions.every(s => s.scope.user !== alice.user));
    });

    test("forgetAlice_erasesHerEverywhere_bobAndOrgIntact", async () => {
        const forgotten = await c.forget({ scope: { user: alice.user } });
        assert.ok(forgotten.forgotten >= 2, JSON.stringify(forgotten));
        const seen = await text(alice, "What are my food preferences? vegetarian");
        assert.doesNotMatch(seen, /vegetarian/);
        assert.equal((await c.context("What should I eat? vegetarian", { scope: alice }))
            .formatted.includes("vegetarian"), false);
        assert.deepEqual(await c.history(`person/${alice.user}`, "food_preference",
            { scope: alice }), []);
        assert.match((await c.recall("jazz", { scope: bob })).formatted, /jazz/);
        assert.match((await c.recall("support hours", { scope: alice })).formatted, /9 to 5/);
    });
});
