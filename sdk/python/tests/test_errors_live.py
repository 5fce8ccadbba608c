"""Problem documents of a live server mapped to typed errors."""

from __future__ import annotations

import unittest

import _support as support
from _support import unique, user_scope

from spectron import (AuthenticationError, ConflictError, NotFoundError,
                      PermissionDeniedError, SpectronClient, SpectronError,
                      SyncSpectronClient, ValidationError)


def setUpModule() -> None:
    support.require_live_server()


class AsyncErrorsTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self) -> None:
        self.client = SpectronClient(base_url=support.URL, api_key=support.API_KEY,
                                     context=support.CONTEXT)

    async def test_bad_key_is_an_authentication_error(self) -> None:
        client = SpectronClient(base_url=support.URL, api_key="spk_nope_wrongsecret")
        with self.assertRaises(AuthenticationError) as caught:
            await client.sessions.create(scope=user_scope())
        error = caught.exception
        self.assertEqual(error.status, 401)
        self.assertEqual(error.code, "unauthenticated")
        self.assertTrue(error.detail)
        self.assertIsInstance(error, SpectronError)
        self.assertEqual(error.body.get("status"), 401)

    async def test_key_of_another_context_is_an_authentication_error(self) -> None:
        with self.assertRaises(AuthenticationError):
            await self.client.memory(unique("ctx")).profile({"user": "alice"})

    async def test_bad_scope_is_a_validation_error_naming_the_field(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            await self.client.sessions.create(scope={"User": "alice"})
        error = caught.exception
        self.assertEqual((error.status, error.code, error.field), (400, "invalid_input", "scope"))
        self.assertIn("scope", str(error))
        with self.assertRaises(ValidationError) as caught:
            await self.client.recall("food", scope={"user": "x" * 200})
        self.assertTrue(caught.exception.field.startswith("scope"), caught.exception.field)

    async def test_out_of_range_top_k_names_k(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            await self.client.recall("food", top_k=99, scope=user_scope())
        self.assertEqual(caught.exception.field, "k")

    async def test_bad_role_names_role(self) -> None:
        async with self.client.sessions.create(scope=user_scope()) as session:
            with self.assertRaises(ValidationError) as caught:
                await session.turn(role="narrator", content="Once upon a time.")
        self.assertEqual(caught.exception.field, "role")

    async def test_unknown_session_is_not_found(self) -> None:
        with self.assertRaises(NotFoundError) as caught:
            await self.client.sessions.open("no-such-session")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "not_found"))
        with self.assertRaises(NotFoundError):
            await self.client.remember("I like tea.", session_id="no-such-session")

    async def test_turn_on_a_closed_session_is_a_conflict(self) -> None:
        session = await self.client.sessions.create(scope=user_scope())
        await session.close()
        with self.assertRaises(ConflictError) as caught:
            await session.turn(role="user", content="Hello again.")
        self.assertEqual(caught.exception.status, 409)

    async def test_scope_outside_the_key_floor_is_permission_denied(self) -> None:
        floor = {"user": unique("floor")}
        key = support.mint_key(floor=floor)
        client = SpectronClient(base_url=support.URL, api_key=key)
        await client.remember("I prefer vegetarian food.", scope=floor)
        with self.assertRaises(PermissionDeniedError) as caught:
            await client.recall("food", scope={"user": unique("other")})
        self.assertEqual((caught.exception.status, caught.exception.code), (403, "forbidden"))
        # The floor is merged into the scope of every request.
        self.assertIn("vegetarian", (await client.recall("food", scope={})).formatted)

    async def test_reader_key_cannot_write(self) -> None:
        client = SpectronClient(base_url=support.URL, api_key=support.mint_key(role="reader"))
        self.assertEqual((await client.recall("food", scope=user_scope())).hits, [])
        with self.assertRaises(PermissionDeniedError):
            await client.remember("I like tea.", scope=user_scope())


class SyncErrorsTest(unittest.TestCase):
    def test_same_mapping_in_the_sync_client(self) -> None:
        with self.assertRaises(AuthenticationError):
            SyncSpectronClient(support.URL, "spk_nope_wrongsecret").profile({"user": "a"})
        client = SyncSpectronClient(support.URL, support.API_KEY, context=support.CONTEXT)
        with self.assertRaises(ValidationError) as caught:
            client.profile({"user": ""})
        self.assertTrue(caught.exception.field.startswith("scope"), caught.exception.field)
        with self.assertRaises(NotFoundError):
            client.sessions.open("no-such-session")

    def test_client_side_argument_errors(self) -> None:
        client = SyncSpectronClient(support.URL, support.API_KEY)
        with self.assertRaises(TypeError):
            client.remember("I like tea.")  # neither scope nor session
        with self.assertRaises(TypeError):
            client.recall("tea", scope=["user", "alice"])  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            client.entity("alice", scope={})


if __name__ == "__main__":
    unittest.main()
