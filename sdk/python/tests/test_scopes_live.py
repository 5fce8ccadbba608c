"""Scope isolation and floor matching, seen through the SDK."""

from __future__ import annotations

import unittest

import _support as support
from _support import unique

from spectron import SpectronClient


def setUpModule() -> None:
    support.require_live_server()


class ScopeIsolationTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        self.client = SpectronClient(base_url=support.URL, api_key=support.API_KEY,
                                     context=support.CONTEXT)
        self.org = {"org": unique("my-app")}
        self.alice = dict(self.org, user=unique("alice"))
        self.bob = dict(self.org, user=unique("bob"))
        async with self.client.sessions.create(scope=self.alice) as session:
            await session.remember("I prefer vegetarian food.")
        async with self.client.sessions.create(scope=self.bob) as session:
            await session.remember("I love chess.")
        await self.client.remember("Our support hours are 9 to 5.", scope=self.org)

    async def test_bob_does_not_see_alice(self) -> None:
        recall = await self.client.recall("What food does she prefer? vegetarian", top_k=50,
                                          scope=self.bob)
        self.assertNotIn("vegetarian", recall.formatted)
        self.assertTrue(all("vegetarian" not in hit.text for hit in recall.hits))
        context = await self.client.context("vegetarian food", scope=self.bob)
        self.assertNotIn("vegetarian", context.formatted)
        profile = await self.client.profile(self.bob)
        self.assertNotIn("vegetarian", profile.summary)
        state = await self.client.state(self.bob)
        self.assertNotIn("vegetarian", [a.value for a in state.attributes])
        self.assertNotIn("person/" + self.alice["user"],
                         [e.address for e in await self.client.entities(self.bob)])
        async with self.client.sessions.create(scope=self.bob) as session:
            self.assertNotIn("vegetarian",
                             (await session.recall("vegetarian", top_k=50)).formatted)

    async def test_floor_matching_org_memory_is_visible_to_both_users(self) -> None:
        for user in (self.alice, self.bob):
            recall = await self.client.recall("When is support open?", scope=user)
            self.assertIn("9 to 5", recall.formatted)
        own = await self.client.recall("food preferences", scope=self.alice)
        self.assertIn("vegetarian", own.formatted)

    async def test_user_memory_is_invisible_at_the_org_scope(self) -> None:
        recall = await self.client.recall("vegetarian food chess", top_k=50, scope=self.org)
        self.assertNotIn("vegetarian", recall.formatted)
        self.assertNotIn("chess", recall.formatted)

    async def test_forgetting_alice_leaves_bob_intact(self) -> None:
        forgotten = await self.client.forget(scope={"user": self.alice["user"]})
        self.assertGreater(forgotten.forgotten, 0)
        self.assertEqual((await self.client.profile(self.alice)).summary, "")
        self.assertNotIn("vegetarian",
                         (await self.client.recall("vegetarian", scope=self.alice)).formatted)
        self.assertIn("chess", (await self.client.recall("chess", scope=self.bob)).formatted)


if __name__ == "__main__":
    unittest.main()
