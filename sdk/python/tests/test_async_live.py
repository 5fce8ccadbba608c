"""Every verb of the async client, round-tripped against a live server."""

from __future__ import annotations

import datetime as dt
import unittest

import _support as support
from _support import unique, user_scope

from spectron import (AsyncSpectronClient, ContextResult, Diff, Hit, Memory, NotFoundError,
                      PendingSession, Profile, RecallResult, Session, SessionInfo,
                      SpectronClient, TurnResult)
from spectron.models import Attribute, Relation


def setUpModule() -> None:
    support.require_live_server()


class AsyncLiveTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self) -> None:
        self.client = SpectronClient(base_url=support.URL, api_key=support.API_KEY,
                                     context=support.CONTEXT)


class SessionFormsTest(AsyncLiveTest):
    async def test_await_form_creates_an_open_session(self) -> None:
        scope = user_scope("await")
        pending = self.client.sessions.create(scope=scope, metadata={"channel": "test"})
        self.assertIsInstance(pending, PendingSession)
        session = await pending
        self.assertIsInstance(session, Session)
        self.assertTrue(session.id)
        self.assertEqual(session.scope, scope)
        self.assertEqual(session.metadata, {"channel": "test"})
        self.assertEqual(session.status, "open")
        self.assertIs(await pending, session, "awaiting twice gives the same session")
        diff = await session.close()
        self.assertIsInstance(diff, Diff)
        self.assertEqual((await session.refresh()).status, "closed")

    async def test_async_with_form_closes_the_session_on_exit(self) -> None:
        scope = user_scope("with")
        async with self.client.sessions.create(scope=scope) as session:
            self.assertIsInstance(session, Session)
            self.assertEqual((await session.refresh()).status, "open")
            await session.remember("I prefer vegetarian food.")
        reopened = await self.client.sessions.open(session.id)
        self.assertEqual(reopened.status, "closed")
        self.assertIsNotNone(reopened.info.closed_at)

    async def test_async_with_closes_and_propagates_an_error(self) -> None:
        scope = user_scope("boom")
        with self.assertRaises(RuntimeError):
            async with self.client.sessions.create(scope=scope) as session:
                raise RuntimeError("boom")
        self.assertEqual((await self.client.sessions.open(session.id)).status, "closed")

    async def test_an_awaited_session_is_also_a_context_manager(self) -> None:
        session = await self.client.sessions.create(scope=user_scope("both"))
        async with session as same:
            self.assertIs(same, session)
        self.assertEqual((await session.refresh()).status, "closed")

    async def test_memory_handle_sessions(self) -> None:
        memory = self.client.memory(support.CONTEXT)
        self.assertIsInstance(memory, Memory)
        scope = {"org": unique("org"), "user": unique("u")}
        session = await memory.sessions.create(scope=scope)
        listed = await memory.sessions.list(scope, limit=10)
        self.assertIn(session.id, [s.id for s in listed])
        self.assertIsInstance(listed[0], SessionInfo)
        await session.delete()
        with self.assertRaises(NotFoundError):
            await memory.sessions.open(session.id)

    async def test_extract_session_defers_extraction_to_close(self) -> None:
        scope = user_scope("deferred")
        session = await self.client.sessions.create(scope=scope, extract="session")
        self.assertEqual(session.info.extract, "session")
        result = await session.turn(role="user", content="I prefer vegetarian food.")
        self.assertEqual(result.diff.attributes, [])
        diff = await session.close()
        self.assertIn("food_preference", [a.key for a in diff.attributes])

    def test_async_alias(self) -> None:
        self.assertIs(AsyncSpectronClient, SpectronClient)


class TurnsTest(AsyncLiveTest):
    async def test_turn_and_add_turn_return_turn_and_diff(self) -> None:
        scope = user_scope("turns")
        user = scope["user"]
        async with self.client.sessions.create(scope=scope) as session:
            first = await session.turn(role="user", content="I prefer vegetarian food.",
                                       metadata={"msgId": 17})
            self.assertIsInstance(first, TurnResult)
            self.assertEqual(first.turn.seq, 1)
            self.assertEqual(first.turn.role, "user")
            self.assertEqual(first.turn.session_id, session.id)
            self.assertEqual(first.turn.metadata, {"msgId": 17})
            self.assertEqual(first.id, first.turn.id)
            self.assertEqual(first.diff.turn_id, first.turn.id)
            attribute = first.diff.attributes[0]
            self.assertEqual((attribute.entity, attribute.key, attribute.value,
                              attribute.decision),
                             ("person/" + user, "food_preference", "vegetarian", "add"))
            self.assertTrue(first.diff.entities[0].is_new)
            second = await session.add_turn(role="assistant", content="Noted!",
                                            speaker="Chef")
            self.assertEqual(second.turn.seq, 2)
            self.assertEqual(second.turn.speaker, "Chef")
            turns = await session.turns()
            self.assertEqual([t.seq for t in turns], [1, 2])
            self.assertEqual(turns[0].content, "I prefer vegetarian food.")

    async def test_observed_at_accepts_a_datetime(self) -> None:
        async with self.client.sessions.create(scope=user_scope("hist")) as session:
            when = dt.datetime(2023, 5, 8, 13, 56, tzinfo=dt.timezone.utc)
            result = await session.turn(role="user", content="I live in Oslo.",
                                        observed_at=when)
            self.assertTrue(result.turn.observed_at.startswith("2023-05-08T13:56"))
            naive = await session.turn(role="user", content="I like tea.",
                                       observed_at=dt.datetime(2022, 1, 2, 3, 4))
            self.assertTrue(naive.turn.observed_at.startswith("2022-01-02T03:04"))


class RememberRecallTest(AsyncLiveTest):
    async def test_remember_then_recall_in_a_session(self) -> None:
        scope = user_scope("recall")
        user = scope["user"]
        async with self.client.sessions.create(scope=scope) as session:
            remembered = await session.remember("I prefer vegetarian food.",
                                                metadata={"msgId": 3})
            self.assertEqual(remembered.session_id, session.id)
            results = await session.recall("What are my food preferences?", top_k=5)
        self.assertIsInstance(results, RecallResult)
        self.assertIn("vegetarian", results.formatted)
        self.assertIs(results.items, results.hits)
        self.assertLessEqual(len(results.hits), 5)
        top = results.hits[0]
        self.assertIsInstance(top, Hit)
        self.assertEqual(top.kind, "attribute")
        self.assertEqual(top.entity, "person/" + user)
        self.assertEqual(top.source.turn_id, remembered.turn_id)
        self.assertEqual(top.source.session_id, session.id)
        self.assertEqual(top.source.metadata, {"msgId": 3})
        self.assertEqual(top.raw["source"]["turnId"], remembered.turn_id)
        self.assertIsInstance(results.query_ms, float)
        self.assertTrue(results.trace_id)
        self.assertEqual(str(results), results.formatted)
        self.assertEqual([h.id for h in results], [h.id for h in results.hits])

    async def test_remember_and_recall_on_the_client_with_a_scope(self) -> None:
        scope = user_scope("client")
        result = await self.client.remember("I live in Lisbon.", scope=scope)
        self.assertTrue(result.session_id)
        self.assertTrue(result.turn_id)
        self.assertEqual(result.diff.relations[0].label, "lives_in")
        results = await self.client.recall("Where do I live?", top_k=3, scope=scope)
        self.assertIn("Lisbon", results.formatted)
        only_turns = await self.client.recall("Lisbon", scope=scope, mode="bm25")
        self.assertTrue(only_turns.hits)

    async def test_recall_include_returns_only_the_kinds_asked_for(self) -> None:
        scope = user_scope("include")
        await self.client.remember("I live in Lisbon and my favourite book is Dune.", scope=scope)
        turns = await self.client.recall("Where do I live?", scope=scope, include=["turns"])
        self.assertTrue(turns.hits)
        self.assertEqual({h.kind for h in turns.hits}, {"turn"})
        facts = await self.client.recall("Where do I live?", scope=scope, include=["facts"])
        self.assertTrue(facts.hits)
        self.assertTrue({h.kind for h in facts.hits} <= {"attribute", "relation"}, facts.hits)

    async def test_remember_into_an_existing_session_and_recall_one_session(self) -> None:
        scope = user_scope("sid")
        session = await self.client.sessions.create(scope=scope)
        other = await self.client.sessions.create(scope=scope)
        await self.client.remember("I love hiking.", session_id=session.id)
        await other.remember("I love chess.")
        only = await session.recall("What do I love?", this_session_only=True)
        self.assertTrue(only.hits)
        self.assertTrue(all(h.source.session_id == session.id for h in only.hits))
        await session.close()
        await other.close()

    async def test_remember_infer_modes(self) -> None:
        scope = user_scope("infer")
        user = scope["user"]
        preview = await self.client.remember("I prefer vegetarian food.", scope=scope,
                                             infer="preview")
        self.assertEqual(preview.diff.attributes[0].key, "food_preference")
        self.assertEqual((await self.client.state(scope)).attributes, [])
        triples = await self.client.remember(
            "Favourite book", scope=scope, infer="triples",
            triples=[{"subject": "person/" + user, "key": "favorite_book", "value": "Dune"}])
        self.assertEqual(triples.diff.attributes[0].value, "Dune")
        state = await self.client.state(scope)
        self.assertEqual([(a.key, a.value) for a in state.attributes],
                         [("favorite_book", "Dune")])

    async def test_remember_many(self) -> None:
        scope = user_scope("batch")
        batch = await self.client.remember_many(
            ["I live in Oslo.", {"role": "user", "content": "I love hiking.",
                                 "observed_at": "2023-05-08T13:56:00Z"}], scope=scope)
        self.assertEqual(len(batch.results), 2)
        self.assertEqual(len(batch), 2)
        self.assertTrue(all(r.session_id == batch.session_id for r in batch))
        self.assertEqual(batch.results[0].diff.relations[0].label, "lives_in")
        self.assertEqual(batch.results[1].diff.attributes[0].value, "hiking")
        async with self.client.sessions.create(scope=scope) as session:
            more = await session.remember_many(["I speak Norwegian."])
            self.assertEqual(more.session_id, session.id)


class ContextProfileTest(AsyncLiveTest):
    async def test_context_is_empty_when_nothing_is_relevant(self) -> None:
        scope = user_scope("ctx")
        async with self.client.sessions.create(scope=scope) as session:
            await session.turn(role="user", content="I prefer vegetarian food.")
            relevant = await session.context("What food do I like?")
            unrelated = await session.context("What's the capital of France?")
        self.assertIsInstance(relevant, ContextResult)
        self.assertIn("vegetarian", relevant.formatted)
        self.assertTrue(relevant.items)
        self.assertIs(relevant.hits, relevant.items)
        self.assertEqual(unrelated.formatted, "")
        self.assertEqual(unrelated.items, [])
        self.assertEqual(unrelated.tier, "none")
        on_client = await self.client.context("What food do I like?", scope=scope,
                                              max_tokens=200)
        self.assertIn("vegetarian", on_client.formatted)
        self.assertLessEqual(len(on_client.formatted), 200 * 4)

    async def test_profile_history_and_supersession(self) -> None:
        scope = user_scope("profile")
        user = scope["user"]
        memory = self.client.memory(support.CONTEXT)
        empty = await memory.profile(scope=scope)
        self.assertEqual(empty.summary, "")
        async with memory.sessions.create(scope=scope) as session:
            await session.remember("I prefer vegetarian food.")
            await session.remember("I eat fish now.")
            profile = await session.profile()
        self.assertIsInstance(profile, Profile)
        self.assertIn("fish", profile.summary)
        self.assertNotIn("vegetarian", profile.summary)
        self.assertEqual(str(profile), profile.summary)
        self.assertEqual([p.value for p in profile.preferences], ["fish"])
        self.assertEqual((await memory.profile(scope=scope)).summary, profile.summary)
        history = await memory.history("person/" + user, "food_preference", scope=scope)
        self.assertEqual([h.value for h in history], ["fish", "vegetarian"])
        self.assertIsInstance(history[0], Attribute)
        self.assertEqual(history[1].status, "superseded")
        self.assertEqual(history[1].superseded_by, history[0].id)
        self.assertIsNotNone(history[1].valid_until)

    async def test_instruction_shows_in_profile_and_state(self) -> None:
        scope = user_scope("instr")
        await self.client.remember("From now on, always answer in metric units.", scope=scope)
        profile = await self.client.profile(scope)
        self.assertTrue(profile.instructions)
        self.assertTrue(profile.instructions[0].active)
        self.assertIn("metric", profile.instructions[0].text)
        state = await self.client.state(scope)
        self.assertEqual(len(state.instructions), 1)


class StructuredTest(AsyncLiveTest):
    async def test_state_entities_and_delete_entity(self) -> None:
        scope = user_scope("ent")
        user = scope["user"]
        await self.client.remember("I work at Acme Corp.", scope=scope)
        await self.client.remember("I prefer vegetarian food.", scope=scope)
        state = await self.client.state(scope)
        self.assertEqual([a.key for a in state.attributes], ["food_preference"])
        self.assertIsInstance(state.relations[0], Relation)
        self.assertEqual(state.relations[0].object, "organization/acme corp")
        entities = await self.client.entities(scope)
        self.assertIn("person/" + user, [e.address for e in entities])
        people = await self.client.entities(scope, type="person")
        self.assertEqual([e.address for e in people], ["person/" + user])
        acme = await self.client.entity("organization/acme corp", scope=scope)
        self.assertEqual(acme.display_name, "Acme Corp")
        self.assertEqual(acme.relations[0].label, "works_at")
        relation_history = await self.client.history("person/" + user, "works_at",
                                                     scope=scope)
        self.assertIsInstance(relation_history[0], Relation)
        deleted = await self.client.delete_entity("person/" + user, scope=scope)
        self.assertGreaterEqual(deleted.forgotten, 2)
        self.assertEqual((await self.client.state(scope)).attributes, [])

    async def test_documents_conflict_and_uncertainties(self) -> None:
        org = {"org": unique("shop")}
        user_scope_ = dict(org, user=unique("carol"))
        document = await self.client.add_document("The return window is 30 days.", scope=org,
                                                  title="Returns")
        self.assertEqual(document.status, "ready")
        self.assertEqual(document.title, "Returns")
        self.assertGreaterEqual(document.chunks, 1)
        self.assertEqual((await self.client.document(document.id)).id, document.id)
        self.assertIn(document.id, [d.id for d in await self.client.documents(org)])
        claim = await self.client.remember("Your return policy is 60 days.", scope=user_scope_)
        self.assertEqual(claim.diff.attributes[0].decision, "conflict")
        open_ = await self.client.uncertainties(user_scope_)
        self.assertEqual(len(open_), 1)
        uncertainty = open_[0]
        self.assertEqual(uncertainty.kind, "authority_conflict")
        self.assertEqual(sorted(c.value for c in uncertainty.candidates),
                         ["30 days", "60 days"])
        self.assertEqual((await self.client.uncertainty(uncertainty.id)).id, uncertainty.id)
        self.assertEqual(len((await self.client.profile(user_scope_)).uncertainties), 1)
        resolved = await self.client.resolve_uncertainty(uncertainty.id, "The policy says 30.")
        self.assertTrue(resolved.resolved)
        self.assertEqual(await self.client.uncertainties(user_scope_), [])
        self.assertEqual(len(await self.client.uncertainties(user_scope_, open_only=False)), 1)
        recalled = await self.client.recall("How long is the return window?",
                                            scope=user_scope_)
        self.assertIn("chunk", [h.kind for h in recalled.hits])
        await self.client.delete_document(document.id)
        with self.assertRaises(NotFoundError):
            await self.client.document(document.id)


class ForgetTest(AsyncLiveTest):
    async def test_forget_on_the_client(self) -> None:
        scope = user_scope("forget")
        await self.client.remember("I prefer vegetarian food.", scope=scope)
        dry = await self.client.forget(scope, dry_run=True)
        self.assertTrue(dry.dry_run)
        self.assertGreaterEqual(dry.forgotten, 2)
        self.assertTrue((await self.client.recall("food", scope=scope)).hits)
        done = await self.client.forget(scope=scope)
        self.assertEqual(done.forgotten, dry.forgotten)
        self.assertFalse(done.dry_run)
        after = await self.client.recall("food", scope=scope)
        self.assertEqual(after.hits, [])
        self.assertEqual((await self.client.profile(scope)).summary, "")

    async def test_session_forget_narrowed_by_key(self) -> None:
        scope = user_scope("sforget")
        async with self.client.sessions.create(scope=scope) as session:
            await session.remember("I prefer vegetarian food.")
            await session.remember("I live in Lisbon.")
            result = await session.forget(key="food_preference")
            self.assertEqual(result.forgotten, 1)
            state = await session.state()
        self.assertEqual(state.attributes, [])
        self.assertEqual([r.label for r in state.relations], ["lives_in"])

    async def test_health(self) -> None:
        health = await self.client.health()
        self.assertEqual(health.status, "ok")


if __name__ == "__main__":
    unittest.main()
