"""Tests that need no Spectron server: a stub HTTP server plays the failures a live server
rarely produces on demand (429, 5xx, dropped connections, timeouts), and the result records
and the async/sync parity are checked directly."""

from __future__ import annotations

import asyncio
import email.utils
import http.server
import inspect
import json
import os
import socket
import threading
import time
import unittest
import urllib.parse
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest import mock

import _support  # noqa: F401  (puts the SDK on sys.path)

import spectron
from spectron import (AuthenticationError, ConflictError, NotFoundError,
                      PermissionDeniedError, RateLimitError, ServerError, SpectronClient,
                      SpectronConnectionError, SpectronError, SpectronTimeoutError,
                      SyncSpectronClient, ValidationError)
from spectron import models
from spectron._transport import normalize_base_url

Reply = Tuple[int, Dict[str, str], bytes]


class StubServer:
    """A local HTTP server answering with ``handler(method, path, query, body) -> Reply``,
    or ``None`` to drop the connection without an answer."""

    def __init__(self, handler: Callable[[str, str, Dict[str, List[str]], Any],
                                         Optional[Reply]]) -> None:
        self.requests: List[Dict[str, Any]] = []
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw.decode("utf-8")) if raw else None
                query = urllib.parse.parse_qs(parsed.query)
                stub.requests.append({"method": self.command, "path": parsed.path,
                                      "query": query, "body": body,
                                      "headers": dict(self.headers.items())})
                reply = handler(self.command, parsed.path, query, body)
                if reply is None:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                status, headers, payload = reply
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _serve

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *args: None  # a client that timed out is expected
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.01,),
                                       daemon=True)

    def __enter__(self) -> "StubServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def json_reply(status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> Reply:
    content_type = "application/problem+json" if status >= 400 else "application/json"
    all_headers = {"Content-Type": content_type}
    all_headers.update(headers or {})
    return status, all_headers, json.dumps(body).encode("utf-8")


def problem(status: int, code: str, detail: str, field: Optional[str] = None) -> Reply:
    body = {"type": "urn:spectron:problem:" + code, "title": "T", "status": status,
            "detail": detail, "code": code}
    if field:
        body["field"] = field
    return json_reply(status, body)


SESSION = {"id": "s1", "scope": {"user": "alice"}, "metadata": {}, "extract": "turn",
           "status": "open", "createdAt": "2026-11-21T13:15:15.504408446Z", "closedAt": None}
EMPTY_DIFF = {"turnId": None, "entities": [], "attributes": [], "relations": [],
              "instructions": [], "uncertainties": [], "corrections": []}


class ErrorMappingTest(unittest.TestCase):
    def call_with(self, reply: Reply) -> SpectronError:
        with StubServer(lambda *a: reply) as stub:
            client = SyncSpectronClient(stub.url, "spk_x_y")
            with self.assertRaises(SpectronError) as caught:
                client.profile({"user": "alice"})
        return caught.exception

    def test_statuses_map_to_classes(self) -> None:
        cases = [(400, ValidationError), (401, AuthenticationError),
                 (403, PermissionDeniedError), (404, NotFoundError), (409, ConflictError),
                 (413, ValidationError), (415, ValidationError), (429, RateLimitError),
                 (500, ServerError), (503, ServerError)]
        for status, cls in cases:
            with self.subTest(status=status):
                error = self.call_with(problem(status, "c%d" % status, "d%d" % status, "f"))
                self.assertIs(type(error), cls)
                self.assertEqual((error.status, error.code, error.detail, error.field),
                                 (status, "c%d" % status, "d%d" % status, "f"))
                self.assertEqual(error.method, "POST")
                self.assertTrue(error.url.endswith("/api/v1/default/profile"))

    def test_other_statuses_are_the_base_class(self) -> None:
        error = self.call_with(problem(405, "method_not_allowed", "no"))
        self.assertIs(type(error), SpectronError)
        self.assertEqual(error.status, 405)

    def test_retry_after_seconds_and_date(self) -> None:
        error = self.call_with(json_reply(429, {"status": 429, "code": "rate_limited"},
                                          {"Retry-After": "7"}))
        assert isinstance(error, RateLimitError)
        self.assertEqual(error.retry_after, 7.0)
        later = email.utils.formatdate(time.time() + 30, usegmt=True)
        error = self.call_with(json_reply(429, {"status": 429}, {"Retry-After": later}))
        assert isinstance(error, RateLimitError)
        self.assertTrue(20 <= error.retry_after <= 31, error.retry_after)
        error = self.call_with(json_reply(429, {"status": 429}))
        assert isinstance(error, RateLimitError)
        self.assertIsNone(error.retry_after)

    def test_a_body_that_is_not_json_still_maps(self) -> None:
        error = self.call_with((502, {"Content-Type": "text/html"}, b"<h1>Bad gateway</h1>"))
        self.assertIsInstance(error, ServerError)
        self.assertEqual(error.detail, "<h1>Bad gateway</h1>")
        self.assertIsNone(error.code)
        self.assertIn("502", str(error))

    def test_message_names_the_field(self) -> None:
        error = self.call_with(problem(400, "invalid_input", "must be a mapping", "scope"))
        self.assertIn("scope", str(error))
        self.assertIn("invalid_input", str(error))
        self.assertIn("ValidationError", repr(error))


class RetryTest(unittest.TestCase):
    def flaky(self) -> Tuple[Callable[..., Optional[Reply]], List[int]]:
        calls = [0]

        def handler(method: str, path: str, query: Any, body: Any) -> Optional[Reply]:
            calls[0] += 1
            if calls[0] == 1:
                return None  # drop the connection before answering
            if method == "GET":
                return json_reply(200, {"sessions": [SESSION]})
            return json_reply(200, {"summary": "", "identity": []})
        return handler, calls

    def test_get_is_retried_once_after_a_dropped_connection(self) -> None:
        handler, calls = self.flaky()
        with StubServer(handler) as stub:
            sessions = SyncSpectronClient(stub.url, "k").sessions.list({"user": "alice"})
        self.assertEqual([s.id for s in sessions], ["s1"])
        self.assertEqual(calls[0], 2)

    def test_post_is_not_retried(self) -> None:
        handler, calls = self.flaky()
        with StubServer(handler) as stub:
            with self.assertRaises(SpectronConnectionError):
                SyncSpectronClient(stub.url, "k").profile({"user": "alice"})
        self.assertEqual(calls[0], 1)

    def test_get_is_retried_only_once(self) -> None:
        calls = [0]

        def always_drop(*args: Any) -> None:
            calls[0] += 1
            return None
        with StubServer(always_drop) as stub:
            with self.assertRaises(SpectronConnectionError):
                SyncSpectronClient(stub.url, "k").sessions.list({})
        self.assertEqual(calls[0], 2)

    def test_refused_connection_is_a_connection_error(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        client = SyncSpectronClient("http://127.0.0.1:%d" % port, "k")
        with self.assertRaises(SpectronConnectionError) as caught:
            client.health()
        self.assertIsInstance(caught.exception, ConnectionError)
        self.assertIsNone(caught.exception.status)

    def test_timeout(self) -> None:
        def slow(*args: Any) -> Reply:
            time.sleep(1.0)
            return json_reply(200, {})
        with StubServer(slow) as stub:
            client = SyncSpectronClient(stub.url, "k", timeout=0.2)
            with self.assertRaises(SpectronTimeoutError):
                client.profile({"user": "alice"})


class WireTest(unittest.TestCase):
    def test_headers_bodies_and_query_scope(self) -> None:
        def handler(method: str, path: str, query: Any, body: Any) -> Reply:
            if path.endswith("/entities"):
                return json_reply(200, {"entities": []})
            return json_reply(200, {"hits": [], "formatted": "", "queryMs": 1.0,
                                    "traceId": "t"})
        with StubServer(handler) as stub:
            client = SyncSpectronClient(stub.url + "/api/v1/", "spk_a_b", context="acme")
            client.recall("food?", top_k=5, scope={"user": "alice"},
                          as_of="2024-01-01T00:00:00Z")
            client.entities({"user": "alice é"}, type="person")
        post, get = stub.requests
        self.assertEqual(post["path"], "/api/v1/acme/recall")
        self.assertEqual(post["headers"]["Authorization"], "Bearer spk_a_b")
        self.assertEqual(post["headers"]["Content-Type"], "application/json")
        self.assertEqual(post["body"], {"query": "food?", "scope": {"user": "alice"}, "k": 5,
                                        "asOf": "2024-01-01T00:00:00Z"})
        self.assertEqual(get["path"], "/api/v1/acme/entities")
        self.assertEqual(json.loads(get["query"]["scope"][0]), {"user": "alice é"})
        self.assertEqual(get["query"]["type"], ["person"])
        self.assertNotIn("Content-Type", get["headers"])

    def test_no_key_means_no_authorization_header(self) -> None:
        with StubServer(lambda *a: json_reply(200, {"status": "ok"})) as stub:
            SyncSpectronClient(stub.url, "").health()
        self.assertNotIn("Authorization", stub.requests[0]["headers"])

    def test_entity_addresses_are_percent_encoded(self) -> None:
        with StubServer(lambda *a: json_reply(200, {"history": [
                {"id": "r1", "subject": "person/bob", "label": "works_at",
                 "object": "organization/acme corp"}]})) as stub:
            history = SyncSpectronClient(stub.url, "k").history(
                "person/bob", "works_at", scope={"user": "bob"})
        self.assertEqual(stub.requests[0]["path"],
                         "/api/v1/default/entities/person/bob/history/works_at")
        self.assertIsInstance(history[0], models.Relation)
        with StubServer(lambda *a: json_reply(200, {"id": "e"})) as stub:
            SyncSpectronClient(stub.url, "k").entity("organization/acme corp", scope={})
        self.assertEqual(stub.requests[0]["path"],
                         "/api/v1/default/entities/organization/acme%20corp")

    def test_session_writes_omit_the_scope(self) -> None:
        def handler(method: str, path: str, query: Any, body: Any) -> Reply:
            if path.endswith("/sessions"):
                return json_reply(201, SESSION)
            if path.endswith("/remember"):
                return json_reply(201, {"sessionId": "s1", "turnId": "t1", "diff": EMPTY_DIFF})
            return json_reply(200, EMPTY_DIFF)
        with StubServer(handler) as stub:
            with SyncSpectronClient(stub.url, "k").sessions.create({"user": "alice"}) as s:
                s.remember("I like tea.", observed_at="2023-05-08T13:56:00Z")
        remember = stub.requests[1]
        self.assertEqual(remember["body"], {"text": "I like tea.", "sessionId": "s1",
                                            "observedAt": "2023-05-08T13:56:00Z"})
        self.assertEqual(stub.requests[2]["path"], "/api/v1/default/sessions/s1/close")


class AsyncSessionFormsTest(unittest.IsolatedAsyncioTestCase):
    def handler(self, method: str, path: str, query: Any, body: Any) -> Reply:
        if path.endswith("/sessions"):
            time.sleep(0.05)
            return json_reply(201, SESSION)
        if path.endswith("/close"):
            return json_reply(200, EMPTY_DIFF)
        return problem(404, "not_found", "nope")

    async def test_concurrent_awaits_create_one_session(self) -> None:
        with StubServer(self.handler) as stub:
            pending = SpectronClient(stub.url, "k").sessions.create(scope={"user": "alice"})
            first, second = await asyncio.gather(pending, pending)
        self.assertIs(first, second)
        self.assertEqual([r["path"] for r in stub.requests], ["/api/v1/default/sessions"])

    async def test_async_with_closes_even_when_the_block_fails(self) -> None:
        with StubServer(self.handler) as stub:
            client = SpectronClient(stub.url, "k")
            with self.assertRaises(KeyError):
                async with client.sessions.create(scope={"user": "alice"}):
                    raise KeyError("boom")
        self.assertEqual(stub.requests[-1]["path"], "/api/v1/default/sessions/s1/close")

    async def test_a_failing_close_does_not_mask_the_block_error(self) -> None:
        def handler(method: str, path: str, query: Any, body: Any) -> Reply:
            if path.endswith("/sessions"):
                return json_reply(201, SESSION)
            return problem(500, "internal", "ref 42")
        with StubServer(handler) as stub:
            client = SpectronClient(stub.url, "k")
            with self.assertLogs("spectron", "WARNING"):
                with self.assertRaises(KeyError):
                    async with client.sessions.create(scope={"user": "alice"}):
                        raise KeyError("boom")
            with self.assertRaises(ServerError):
                async with client.sessions.create(scope={"user": "alice"}):
                    pass

    async def test_errors_reach_the_awaiting_caller(self) -> None:
        with StubServer(lambda *a: problem(401, "unauthenticated", "unknown API key")) as stub:
            with self.assertRaises(AuthenticationError):
                await SpectronClient(stub.url, "bad").sessions.create(scope={})


class ConfigTest(unittest.TestCase):
    def test_base_url_normalisation(self) -> None:
        self.assertEqual(normalize_base_url("http://h:1/"), "http://h:1")
        self.assertEqual(normalize_base_url("http://h:1/api/v1"), "http://h:1")
        self.assertEqual(normalize_base_url("h:1"), "http://h:1")
        with self.assertRaises(ValueError):
            normalize_base_url("")

    def test_ellipsis_and_none_read_the_environment(self) -> None:
        env = {"SPECTRON_URL": "http://example.invalid:1", "SPECTRON_API_KEY": "spk_e_k"}
        with mock.patch.dict(os.environ, env):
            client = SpectronClient(base_url=..., api_key=...)
            self.assertEqual(client.base_url, "http://example.invalid:1")
            self.assertEqual(client._transport.api_key, "spk_e_k")
            self.assertEqual(SyncSpectronClient().base_url, "http://example.invalid:1")
        with mock.patch.dict(os.environ, {}, clear=True):
            self.assertEqual(SpectronClient().base_url, "http://127.0.0.1:9090")
            self.assertIsNone(SpectronClient()._transport.api_key)

    def test_from_environment_reads_the_credentials_file(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as data:
            with open(os.path.join(data, "credentials.json"), "w") as f:
                json.dump({"context": "acme", "apiKey": "spk_f_k", "managementKey": "m"}, f)
            with mock.patch.dict(os.environ, {"SPECTRON_DATA": data}, clear=True):
                client = SyncSpectronClient.from_environment()
        self.assertEqual((client.context_id, client._transport.api_key), ("acme", "spk_f_k"))

    def test_repr_hides_the_key(self) -> None:
        client = SpectronClient("http://h:1", "spk_secret_value")
        self.assertNotIn("secret", repr(client))
        self.assertNotIn("secret", repr(client.memory("other")))

    def test_scope_is_required_and_a_mapping(self) -> None:
        client = SyncSpectronClient("http://h:1", "k")
        with self.assertRaises(TypeError):
            client.profile(None)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            client.profile("user=alice")  # type: ignore[arg-type]


class ModelsTest(unittest.TestCase):
    RECALL = {"hits": [{"id": "a1", "kind": "attribute",
                        "text": "alice — food preference: vegetarian", "score": 0.04,
                        "entity": "person/alice",
                        "source": {"kind": "turn", "ref": "turn:t1", "sessionId": "s1",
                                   "turnId": "t1", "metadata": {"msgId": 17},
                                   "span": {"start": 0, "end": 24}, "trust": 0.6},
                        "validFrom": "2026-11-21T13:15:15.818119110Z", "validUntil": None,
                        "createdAt": "2026-11-21T13:15:16Z", "newField": {"deepKey": 1}}],
              "formatted": "Recalled memories:\n- alice — food preference: vegetarian",
              "queryMs": 11.2, "traceId": "tr"}

    def test_snake_case_attributes_and_raw(self) -> None:
        result = models.RecallResult(self.RECALL)
        hit = result.hits[0]
        self.assertIs(result.items, result.hits)
        self.assertEqual(result.query_ms, 11.2)
        self.assertEqual(hit.source.turn_id, "t1")
        self.assertEqual(hit.source.session_id, "s1")
        self.assertEqual(hit.source.metadata, {"msgId": 17})
        self.assertEqual(hit.source.span.end, 24)
        self.assertEqual(hit.valid_from, "2026-11-21T13:15:15.818119110Z")
        self.assertEqual(hit.new_field.deep_key, 1)
        self.assertEqual(hit["validFrom"], hit["valid_from"])
        self.assertEqual(hit.get("missing", "x"), "x")
        self.assertIn("turnId", hit.source)
        self.assertIs(result.raw, result.to_dict())
        self.assertEqual(result.raw["hits"][0]["source"]["turnId"], "t1")
        self.assertEqual(str(result), result.formatted)
        self.assertEqual(len(result), 1)
        self.assertIn("query_ms", dir(result))

    def test_documented_fields_default_when_missing(self) -> None:
        hit = models.Hit({"id": "x"})
        self.assertIsNone(hit.entity)
        self.assertIsNone(hit.source)
        self.assertEqual(models.Source({}).metadata, {})
        self.assertEqual(models.Diff({}).attributes, [])
        self.assertTrue(models.Diff({}).empty)
        self.assertEqual(models.ContextResult({"formatted": ""}).items, [])
        with self.assertRaises(AttributeError):
            hit.no_such_field

    def test_records_are_read_only_comparable_and_picklable(self) -> None:
        import pickle
        hit = models.Hit({"id": "x", "text": "t"})
        with self.assertRaises(AttributeError):
            hit.text = "changed"  # type: ignore[misc]
        self.assertEqual(hit, models.Hit({"id": "x", "text": "t"}))
        self.assertEqual(pickle.loads(pickle.dumps(hit)), hit)
        self.assertIn("Hit(", repr(hit))

    def test_scope_and_metadata_stay_plain_dicts(self) -> None:
        info = models.SessionInfo({"id": "s", "scope": {"user": "alice"},
                                   "metadata": {"someKey": {"innerKey": 1}}})
        self.assertEqual(info.scope, {"user": "alice"})
        self.assertEqual(info.metadata, {"someKey": {"innerKey": 1}})

    def test_parse_time(self) -> None:
        parsed = models.parse_time("2026-11-21T13:15:15.818119110Z")
        self.assertEqual((parsed.year, parsed.microsecond, parsed.utcoffset().total_seconds()),
                         (2026, 818119, 0))
        self.assertEqual(models.parse_time("2023-05-08T13:56:00+02:00").hour, 13)
        self.assertIsNone(models.parse_time(None))


class ParityTest(unittest.TestCase):
    PAIRS = [(spectron.Memory, spectron.SyncMemory),
             (spectron.Sessions, spectron.SyncSessions),
             (spectron.Session, spectron.SyncSession),
             (spectron.SpectronClient, spectron.SyncSpectronClient)]

    @staticmethod
    def public(cls: type) -> Dict[str, Any]:
        return {name: member for name, member in inspect.getmembers(cls)
                if not name.startswith("_") and callable(member)}

    def test_sync_twin_has_the_same_verbs_and_signatures(self) -> None:
        for async_cls, sync_cls in self.PAIRS:
            with self.subTest(cls=async_cls.__name__):
                async_members = self.public(async_cls)
                sync_members = self.public(sync_cls)
                async_members.pop("aclose", None)
                self.assertEqual(sorted(async_members), sorted(sync_members))
                for name, member in async_members.items():
                    a = inspect.signature(member)
                    s = inspect.signature(sync_members[name])
                    self.assertEqual(
                        [(p.name, p.kind, p.default) for p in a.parameters.values()],
                        [(p.name, p.kind, p.default) for p in s.parameters.values()], name)

    def test_async_verbs_are_coroutines(self) -> None:
        for name, member in self.public(spectron.Session).items():
            self.assertTrue(inspect.iscoroutinefunction(member), name)

    def test_seed_vocabulary_exists(self) -> None:
        for name in ("turn", "add_turn", "remember", "recall", "context", "profile", "forget",
                     "close"):
            self.assertTrue(hasattr(spectron.Session, name), name)
            self.assertTrue(hasattr(spectron.SyncSession, name), name)
        for name in ("remember", "recall", "context", "profile", "state", "forget",
                     "add_document", "entities", "history", "uncertainties"):
            self.assertTrue(hasattr(spectron.Memory, name), name)
            self.assertTrue(hasattr(spectron.SyncMemory, name), name)


if __name__ == "__main__":
    unittest.main()
