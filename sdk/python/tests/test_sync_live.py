"""The synchronous twin against a live server: the same verbs, no await."""

from __future__ import annotations

import unittest

import _support as support
from _support import unique, user_scope

from spectron import (ContextResult, Diff, NotFoundError, Profile, RecallResult,
                      SyncMemory, SyncSession, SyncSpectronClient, TurnResult)


def setUpModule() -> None:
    support.require_live_server()


class SyncLiveTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = SyncSpectronClient(base_url=support.URL, api_key=support.API_KEY,
                                         context=support.CONTEXT)

    def test_session_as_context_manager(self) -> None:
        scope = user_scope("sync")
        with self.client.sessions.create(scope=scope) as session:
            self.assertIsInstance(session, SyncSession)
            self.assertEqual(session.status, "open")
            turn = session.turn(role="user", content="I prefer vegetarian food.")
            self.assertIsInstance(turn, TurnResult)
            session.add_turn(role="assistant", content="Noted.")
            self.assertEqual([t.role for t in session.turns()], ["user", "assistant"])
            results = session.recall("What are my food preferences?", top_k=5)
            self.assertIsInstance(results, RecallResult)
            self.assertIn("vegetarian", results.formatted)
            ctx = session.context("What food do I like?")
            self.assertIsInstance(ctx, ContextResult)
            self.assertIn("vegetarian", ctx.formatted)
            self.assertEqual(session.context("What's the capital of France?").formatted, "")
            profile = session.profile()
            self.assertIsInstance(profile, Profile)
            self.assertIn("vegetarian", profile.summary)
        self.assertEqual(self.client.sessions.open(session.id).status, "closed")

    def test_plain_session_and_close(self) -> None:
        session = self.client.sessions.create(scope=user_scope("plain"), metadata={"a": 1})
        self.assertEqual(session.metadata, {"a": 1})
        session.remember("I live in Lisbon.")
        self.assertIsInstance(session.close(), Diff)
        self.assertEqual(session.refresh().status, "closed")
        session.delete()
        with self.assertRaises(NotFoundError):
            self.client.sessions.open(session.id)

    def test_every_verb_on_a_memory_handle(self) -> None:
        memory = self.client.memory(support.CONTEXT)
        self.assertIsInstance(memory, SyncMemory)
        org = {"org": unique("org")}
        scope = dict(org, user=unique("dana"))
        user = scope["user"]
        remembered = memory.remember("I prefer vegetarian food.", scope=scope)
        self.assertEqual(remembered.diff.attributes[0].value, "vegetarian")
        batch = memory.remember_many(["I eat fish now.", "I work at Initech."], scope=scope)
        self.assertEqual(len(batch.results), 2)
        self.assertIn("fish", memory.recall("food preference", top_k=3, scope=scope).formatted)
        self.assertIn("fish", memory.context("What food do I like?", scope=scope).formatted)
        self.assertIn("fish", memory.profile(scope=scope).summary)
        state = memory.state(scope)
        self.assertEqual([a.value for a in state.attributes], ["fish"])
        history = memory.history("person/" + user, "food_preference", scope=scope)
        self.assertEqual([h.value for h in history], ["fish", "vegetarian"])
        self.assertIn("organization/initech",
                      [e.address for e in memory.entities(scope, type="organization")])
        self.assertEqual(memory.entity("person/" + user, scope=scope).name, user)
        document = memory.add_document("The return window is 30 days.", scope=org)
        self.assertEqual(memory.document(document.id).status, "ready")
        self.assertEqual([d.id for d in memory.documents(org)], [document.id])
        memory.remember("Your return policy is 60 days.", scope=scope)
        [uncertainty] = memory.uncertainties(scope)
        self.assertEqual(memory.uncertainty(uncertainty.id).kind, "authority_conflict")
        self.assertTrue(memory.resolve_uncertainty(uncertainty.id, "30 days").resolved)
        memory.delete_document(document.id)
        self.assertEqual(memory.documents(org), [])
        self.assertGreaterEqual(memory.delete_entity("organization/initech",
                                                     scope=scope).forgotten, 1)
        self.assertGreater(memory.forget(scope, dry_run=True).forgotten, 0)
        memory.forget(scope=scope)
        after = memory.recall("food preference", scope=scope)
        self.assertNotIn("fish", after.formatted)
        self.assertEqual(memory.state(scope).instructions, [])
        self.assertEqual(memory.profile(scope).summary, "")
        session_list = memory.sessions.list(scope)
        self.assertEqual(session_list, [])
        self.assertEqual(self.client.health().status, "ok")

    def test_client_is_a_context_manager(self) -> None:
        with SyncSpectronClient(support.URL, support.API_KEY) as client:
            self.assertEqual(client.health().status, "ok")


if __name__ == "__main__":
    unittest.main()
