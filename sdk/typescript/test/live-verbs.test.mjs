// Every verb of the SDK, round-tripped through a live server. Each test writes under scopes of
// its own, so tests are independent of each other, of earlier runs and of other users.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConflictError, NotFoundError, Session } from "spectron";
import { client, skipLive, unique, userScope } from "./support/live.mjs";

describe("live: sessions and turns", { skip: skipLive }, () => {
    test("seedSnippet_rememberThenRecall_formattedNamesIt", async () => {
        const c = client();
        const session = await c.sessions.create({ scope: userScope("seed") });
        await session.remember("I prefer vegetarian food.");
        const results = await session.recall("What are Alice's food preferences?", { topK: 5 });
        assert.match(results.formatted, /vegetarian/);
        assert.ok(results.items.length >= 1 && results.items.length <= 5);
        assert.equal(results.items, results.hits);
        assert.equal(typeof results.queryMs, "number");
        assert.equal(typeof results.traceId, "string");
        await session.close();
    });

    test("create_returnsOpenSessionWithScopeAndMetadata", async () => {
        const scope = userScope("create");
        const session = await client().sessions.create({ scope, metadata: { channel: "web" } });
        assert.ok(session instanceof Session);
        assert.match(session.id, /\S/);
        assert.deepEqual(session.scope, scope);
        assert.deepEqual(session.metadata, { channel: "web" });
        assert.equal(session.status, "open");
        assert.equal(session.extract, "turn");
        assert.equal(session.closedAt, null);
        assert.equal(JSON.parse(JSON.stringify(session)).id, session.id);
    });

    test("turn_andAddTurn_storeTurnsInOrderAndCiteMetadata", async () => {
        const scope = userScope("turns");
        const session = await client().sessions.create({ scope });
        const first = await session.turn({
            role: "user", content: "I live in Lisbon.", speaker: "Alice",
            observedAt: new Date("2023-05-08T13:56:00Z"), metadata: { msgId: 17 },
        });
        const second = await session.addTurn({ role: "assistant", content: "Noted, Lisbon." });
        assert.equal(first.turn.seq, 1);
        assert.equal(second.turn.seq, 2);
        assert.equal(first.turn.sessionId, session.id);
        assert.equal(first.turn.speaker, "Alice");
        assert.deepEqual(first.turn.metadata, { msgId: 17 });
        assert.match(first.turn.observedAt, /^2023-05-08T13:56/);
        assert.ok(Array.isArray(first.diff.entities));
        assert.ok(first.diff.relations.some(r => r.label === "lives_in"
            && r.object === "location/lisbon"), JSON.stringify(first.diff));

        const turns = await session.turns();
        assert.deepEqual(turns.map(t => t.content), ["I live in Lisbon.", "Noted, Lisbon."]);

        const results = await session.recall("Where does Alice live?", { topK: 10 });
        const cited = results.hits.find(h => h.source.turnId === first.turn.id);
        assert.ok(cited, "a hit cites the turn");
        assert.deepEqual(cited.source.metadata, { msgId: 17 });
    });

    test("getAndList_findTheSession", async () => {
        const scope = userScope("list");
        const c = client();
        const created = await c.sessions.create({ scope });
        const again = await c.sessions.get(created.id);
        assert.equal(again.id, created.id);
        assert.deepEqual(again.scope, scope);
        const listed = await c.sessions.list({ scope, limit: 10 });
        assert.deepEqual(listed.map(s => s.id), [created.id]);
    });

    test("close_thenTurn_conflictError_andCloseTwiceHarmless", async () => {
        const session = await client().sessions.create({ scope: userScope("close") });
        await session.turn({ role: "user", content: "Hello." });
        const diff = await session.close();
        assert.ok(Array.isArray(diff.attributes));
        assert.equal(session.status, "closed");
        await session.close();
        await assert.rejects(session.turn({ role: "user", content: "Again." }),
            e => e instanceof ConflictError && e.status === 409 && e.code === "conflict");
        const info = await session.refresh();
        assert.equal(info.status, "closed");
        assert.ok(session.closedAt);
    });

    test("extractSession_closeReturnsCombinedDiff", async () => {
        const session = await client().sessions.create({ scope: userScope("extract"),
            extract: "session" });
        const { diff } = await session.turn({ role: "user", content: "I live in Oslo." });
        assert.equal(diff.relations.length, 0, "nothing extracted before close");
        const closing = await session.close();
        assert.ok(closing.relations.some(r => r.object === "location/oslo"),
            JSON.stringify(closing));
    });

    test("delete_removesSession_thenNotFound", async () => {
        const c = client();
        const session = await c.sessions.create({ scope: userScope("delete") });
        await session.turn({ role: "user", content: "Temporary." });
        await session.delete();
        await assert.rejects(c.sessions.get(session.id), NotFoundError);
    });

    test("sessionReopenedById_addsTurns_thenDeletedById", async () => {
        const c = client();
        const session = await c.sessions.create({ scope: userScope("reopen") });
        const reopened = await c.sessions.open(session.id);
        const { turn } = await reopened.turn({ role: "user", content: "Still here." });
        assert.equal(turn.sessionId, session.id);
        await c.sessions.delete(session.id);
        await assert.rejects(c.sessions.open(session.id), NotFoundError);
    });
});

describe("live: remember, recall, context", { skip: skipLive }, () => {
    test("remember_onClient_storesTurnInShortLivedSession", async () => {
        const scope = userScope("remember");
        const result = await client().remember("I prefer vegetarian food.", { scope });
        assert.match(result.sessionId, /\S/);
        assert.match(result.turnId, /\S/);
        const change = result.diff.attributes.find(a => a.key === "food_preference");
        assert.equal(change?.value, "vegetarian");
        assert.equal(change?.decision, "add");
        assert.equal(change?.entity, `person/${scope.user}`);
    });

    test("recall_include_onlyTheKindsAskedFor", async () => {
        const scope = userScope("include");
        const c = client();
        await c.remember("I live in Lisbon and my favourite book is Dune.", { scope });
        const turns = await c.recall("Where do I live?", { scope, include: ["turns"] });
        assert.ok(turns.hits.length > 0);
        assert.ok(turns.hits.every(h => h.kind === "turn"), JSON.stringify(turns.hits));
        const facts = await c.recall("Where do I live?", { scope, include: ["facts"] });
        assert.ok(facts.hits.length > 0);
        assert.ok(facts.hits.every(h => h.kind === "attribute" || h.kind === "relation"),
            JSON.stringify(facts.hits));
    });

    test("remember_preview_writesNothing", async () => {
        const scope = userScope("preview");
        const c = client();
        const result = await c.remember("I like hiking.", { scope, infer: "preview" });
        assert.ok(result.diff.attributes.some(a => a.value === "hiking"));
        const state = await c.state({ scope });
        assert.deepEqual(state.attributes, []);
    });

    test("remember_triples_storedAsGiven", async () => {
        const scope = userScope("triples");
        const c = client();
        const subject = `person/${scope.user}`;
        const result = await c.remember("Imported facts.", {
            scope, infer: "triples", triples: [
                { subject, key: "favorite_book", value: "Dune" },
                { subject, label: "works_at", object: "organization/initech" },
            ],
        });
        assert.ok(result.diff.attributes.some(a => a.key === "favorite_book" && a.value === "Dune"),
            JSON.stringify(result.diff));
        const entity = await c.entity(subject, { scope });
        assert.ok(entity.relations.some(r => r.label === "works_at"
            && r.object === "organization/initech"), JSON.stringify(entity));
    });

    test("rememberMany_oneResultPerMessage_inOneSession", async () => {
        const scope = userScope("batch");
        const c = client();
        const batch = await c.rememberMany(
            ["I live in Oslo.", { role: "user", content: "I like jazz." }], { scope });
        assert.equal(batch.results.length, 2);
        assert.ok(batch.results.every(r => r.sessionId === batch.sessionId));
        const session = await c.sessions.create({ scope });
        const inSession = await session.rememberMany(["I like chess."]);
        assert.equal(inSession.sessionId, session.id);
        const state = await c.state({ scope });
        const likes = state.attributes.filter(a => a.key === "likes").map(a => a.value).sort();
        assert.deepEqual(likes, ["chess", "jazz"]);
    });

    test("recall_onClient_withModeAndTime_options", async () => {
        const scope = userScope("recall");
        const c = client();
        await c.remember("My favourite colour is green.", { scope });
        for (const mode of ["hybrid", "bm25", "vector"]) {
            const results = await c.recall("favourite colour", { scope, topK: 3, mode });
            assert.match(results.formatted, /green/, mode);
        }
        const past = await c.recall("favourite colour", {
            scope, asOf: new Date("2000-01-01T00:00:00Z"),
        });
        assert.deepEqual(past.hits, [], "nothing was stored in 2000");
    });

    test("context_relevant_formattedNamesIt", async () => {
        const scope = userScope("context");
        const c = client();
        await c.remember("I prefer vegetarian food.", { scope });
        const ctx = await c.context("What should I cook for dinner? Any food preferences?",
            { scope, maxTokens: 500 });
        assert.match(ctx.formatted, /vegetarian/);
        assert.ok(ctx.items.length > 0);
        assert.equal(ctx.hits, ctx.items);
        assert.notEqual(ctx.tier, "none");
        const session = await c.sessions.create({ scope });
        const inSession = await session.context("Any food preferences?", { topK: 5 });
        assert.match(inSession.formatted, /vegetarian/);
    });

    test("context_nothingRelevant_exactlyEmpty", async () => {
        const scope = userScope("empty");
        const c = client();
        await c.remember("I prefer vegetarian food.", { scope });
        const ctx = await c.context("What's the capital of France?", { scope });
        assert.equal(ctx.formatted, "");
        assert.deepEqual(ctx.items, []);
        assert.equal(ctx.tier, "none");
    });
});

describe("live: structured memory", { skip: skipLive }, () => {
    test("supersession_historyNewestFirst_profileCurrentOnly", async () => {
        const scope = userScope("supersede");
        const c = client();
        const session = await c.sessions.create({ scope });
        await session.remember("I prefer vegetarian food.");
        const second = await session.remember("I eat fish now.");
        assert.ok(second.diff.corrections.some(k => k.oldValue === "vegetarian"
            && k.newValue === "fish"), JSON.stringify(second.diff));

        const entity = `person/${scope.user}`;
        const history = await session.history(entity, "food_preference");
        assert.deepEqual(history.map(h => h.value), ["fish", "vegetarian"]);
        assert.equal(history[1].status, "superseded");
        assert.equal(history[1].supersededBy, history[0].id);
        assert.ok(history[1].validUntil);
        assert.deepEqual(await c.history(entity, "food_preference", { scope }), history);

        const profile = await session.profile();
        assert.match(profile.summary, /fish/);
        assert.doesNotMatch(profile.summary, /vegetarian/);
        assert.ok(profile.preferences.some(p => p.key === "food_preference"
            && p.value === "fish"));

        const state = await session.state();
        const current = state.attributes.filter(a => a.key === "food_preference");
        assert.deepEqual(current.map(a => [a.value, a.status]), [["fish", "current"]]);
        assert.deepEqual(current[0].scope, scope);
    });

    test("profile_nothingKnown_emptySummary", async () => {
        const profile = await client().profile({ scope: userScope("blank") });
        assert.equal(profile.summary, "");
        assert.deepEqual(profile.identity, []);
    });

    test("instruction_activeInProfileAndState", async () => {
        const scope = userScope("instruction");
        const c = client();
        await c.remember("From now on, always answer in metric units.", { scope });
        const profile = await c.profile({ scope });
        const instruction = profile.instructions.find(i => /metric units/.test(i.text));
        assert.ok(instruction, JSON.stringify(profile));
        assert.equal(instruction.active, true);
        const state = await c.state({ scope });
        assert.ok(state.instructions.some(i => i.id === instruction.id));
    });

    test("entities_listGetDelete", async () => {
        const scope = userScope("entities");
        const c = client();
        await c.remember("I work at Acme Corp.", { scope });
        const self = `person/${scope.user}`;

        const all = await c.entities({ scope });
        assert.ok(all.some(e => `${e.type}/${e.name}` === self), JSON.stringify(all));
        const orgs = await c.entities({ scope, type: "organization" });
        assert.deepEqual(orgs.map(e => e.name), ["acme corp"]);
        const found = await c.entities({ scope, q: "acme", limit: 5 });
        assert.ok(found.some(e => e.name === "acme corp"));

        const person = await c.entity(self, { scope });
        assert.ok(person.relations.some(r => r.label === "works_at"
            && r.object === "organization/acme corp"));
        const works = await c.history(self, "works_at", { scope });
        assert.equal(works[0].object, "organization/acme corp");

        const deleted = await c.deleteEntity(self, { scope });
        assert.ok(deleted.forgotten >= 1, JSON.stringify(deleted));
        await assert.rejects(c.entity(self, { scope }), NotFoundError);
    });

    test("documents_authorityConflict_uncertaintyRaisedAndResolvable", async () => {
        const org = unique("shop");
        const orgScope = { org };
        const userAt = { org, user: unique("pat") };
        const c = client();

        const doc = await c.addDocument(
            "Returns policy: the return window is 30 days from delivery.",
            { scope: orgScope, title: "Returns", mimeType: "text/plain" });
        assert.equal(doc.status, "ready");
        assert.equal(doc.title, "Returns");
        assert.ok(doc.chunks >= 1);
        assert.equal((await c.document(doc.id)).id, doc.id);
        assert.ok((await c.documents({ scope: orgScope })).some(d => d.id === doc.id));

        const claim = await c.remember("Your return policy is 60 days.", { scope: userAt });
        assert.ok(claim.diff.uncertainties.some(u => u.kind === "authority_conflict"),
            JSON.stringify(claim.diff));

        const recall = await c.recall("How long is the return window?", { scope: userAt });
        assert.match(recall.hits[0].text, /30/);

        const open = await c.uncertainties({ scope: userAt });
        const conflict = open.find(u => u.kind === "authority_conflict");
        assert.ok(conflict, JSON.stringify(open));
        assert.equal(conflict.resolved, false);
        assert.ok((await c.state({ scope: userAt })).uncertainties.some(u => u.id === conflict.id));
        assert.ok((await c.profile({ scope: userAt })).uncertainties
            .some(u => u.id === conflict.id));
        assert.deepEqual(await c.uncertainties({ scope: orgScope }), [],
            "one user's claim is not shown at the org");

        assert.equal((await c.uncertainty(conflict.id)).id, conflict.id);
        const resolved = await c.resolveUncertainty(conflict.id, "30 days (policy document)");
        assert.equal(resolved.resolved, true);
        assert.equal(resolved.resolution, "30 days (policy document)");
        assert.ok(!(await c.uncertainties({ scope: userAt })).some(u => u.id === conflict.id));
        const every = await c.uncertainties({ scope: userAt, open: false });
        assert.ok(every.some(u => u.id === conflict.id));

        await c.deleteDocument(doc.id);
        await assert.rejects(c.document(doc.id), NotFoundError);
    });

    test("sessionDocumentAndEntities_useSessionScope", async () => {
        const scope = { org: unique("org") };
        const session = await client().sessions.create({ scope });
        const doc = await session.addDocument("The office is in Porto.", { title: "Office" });
        assert.deepEqual(doc.scope, scope);
        assert.ok(Array.isArray(await session.entities()));
        assert.ok(Array.isArray(await session.uncertainties()));
    });
});

describe("live: forget", { skip: skipLive }, () => {
    test("forget_dryRunCounts_thenKeyNarrows_thenScopeErasesEverything", async () => {
        const scope = userScope("forget");
        const c = client();
        await c.remember("I prefer vegetarian food.", { scope });
        await c.remember("I live in Lisbon.", { scope });

        const dry = await c.forget({ scope, dryRun: true });
        assert.ok(dry.forgotten >= 3, JSON.stringify(dry));
        assert.equal(dry.dryRun, true);
        assert.match((await c.recall("food preferences", { scope })).formatted, /vegetarian/);

        const narrowed = await c.forget({ scope, key: "food_preference" });
        assert.ok(narrowed.forgotten >= 1);
        const state = await c.state({ scope });
        assert.ok(!state.attributes.some(a => a.key === "food_preference"));
        assert.ok(state.relations.some(r => r.label === "lives_in"));

        const all = await c.forget({ scope });
        assert.ok(all.forgotten >= 1);
        assert.deepEqual((await c.recall("vegetarian Lisbon", { scope })).hits, []);
        assert.equal((await c.context("Where do I live?", { scope })).formatted, "");
        assert.equal((await c.profile({ scope })).summary, "");
        assert.deepEqual(await c.entities({ scope }), []);
    });

    test("sessionForget_erasesTheSessionScope", async () => {
        const scope = userScope("sforget");
        const session = await client().sessions.create({ scope });
        await session.remember("I like hiking.");
        const result = await session.forget();
        assert.ok(result.forgotten >= 1);
        assert.deepEqual((await session.recall("hiking")).hits, []);
    });

    test("purge_deletesRows", async () => {
        const scope = userScope("purge");
        const c = client();
        await c.remember("I like chess.", { scope });
        const purged = await c.forget({ scope, purge: true });
        assert.ok(purged.forgotten >= 1);
        assert.deepEqual((await c.recall("chess", { scope })).hits, []);
    });
});

describe("live: handles", { skip: skipLive }, () => {
    test("memoryHandle_ofDefaultContext_seesTheSameMemory", async () => {
        const scope = userScope("handle");
        const c = client();
        await c.remember("My favourite colour is green.", { scope });
        const memory = c.memory("default");
        assert.equal(memory.contextId, "default");
        const session = await memory.sessions.create({ scope });
        assert.match((await session.recall("favourite colour")).formatted, /green/);
        assert.match((await memory.profile({ scope })).summary, /green/);
    });

    test("health_answers", async () => {
        const health = await client().health();
        assert.equal(health.status, "ok");
    });
});
