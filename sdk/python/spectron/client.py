"""The asynchronous client: :class:`SpectronClient`, memory handles and sessions.

Every network call runs the blocking standard-library HTTP request in a worker thread
(``asyncio.to_thread``), so the event loop is never blocked. See :mod:`spectron.sync` for the
same API without ``async``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import (Any, Dict, Generator, Iterable, List, Mapping, Optional, Type, Union)

from . import _ops as ops
from . import models as m
from ._config import resolve_settings, settings_from_environment
from ._ops import Op, Scope, Time
from ._transport import DEFAULT_TIMEOUT, Transport

__all__ = ["SpectronClient", "Memory", "Sessions", "Session", "PendingSession"]

log = logging.getLogger("spectron")

Message = Union[str, Mapping[str, Any]]


class Memory:
    """The memory of one context (tenant). Every verb takes an explicit ``scope``.

    Obtain one with :meth:`SpectronClient.memory`; the client itself is the handle of its
    default context.
    """

    def __init__(self, transport: Transport, context_id: str) -> None:
        if not isinstance(context_id, str) or not context_id:
            raise ValueError("context_id must be a non-empty string such as 'default'")
        self._transport = transport
        self.context_id = context_id
        self.sessions = Sessions(self)

    def __repr__(self) -> str:
        return "%s(context_id=%r, base_url=%r)" % (type(self).__name__, self.context_id,
                                                  self._transport.base_url)

    async def _run(self, op: Op) -> Any:
        raw = await asyncio.to_thread(self._transport.request, op.method, op.path,
                                      query=op.query, body=op.body)
        return op.parse(raw)

    # --- writes -------------------------------------------------------------------------

    async def remember(self, text: str, *, scope: Optional[Scope] = None,
                       session_id: Optional[str] = None, role: Optional[str] = None,
                       infer: Optional[str] = None, category: Optional[str] = None,
                       triples: Optional[Iterable[Mapping[str, Any]]] = None,
                       observed_at: Time = None,
                       metadata: Optional[Mapping[str, Any]] = None) -> m.RememberResult:
        """Store one statement or fact and return what changed.

        The text is stored as a turn of ``session_id``, or of a new short-lived session at
        ``scope`` (then ``scope`` is required). ``infer`` is ``full`` (default), ``preview``
        (return the diff, store nothing), ``none`` (text only) or ``triples`` (store
        ``triples`` such as ``{"subject": "person/alice", "key": "favorite_book",
        "value": "Dune"}`` as given).
        """
        return await self._run(ops.remember(self.context_id, text, scope, session_id, role,
                                            infer, category, triples, observed_at, metadata))

    async def remember_many(self, messages: Iterable[Message], *,
                            scope: Optional[Scope] = None, session_id: Optional[str] = None,
                            infer: Optional[str] = None) -> m.BatchResult:
        """Store 1–500 messages as turns of one session, extracted together.

        A message is a string (a user turn) or a mapping with ``role``, ``content`` and
        optionally ``speaker``, ``observed_at`` and ``metadata``.
        """
        return await self._run(ops.remember_many(self.context_id, messages, scope, session_id,
                                                 infer))

    async def add_document(self, text: str, *, scope: Scope, title: Optional[str] = None,
                           mime_type: Optional[str] = None) -> m.DocumentInfo:
        """Add an authoritative document (``text/plain`` or ``text/markdown``)."""
        return await self._run(ops.add_document(self.context_id, text, scope, title,
                                                mime_type))

    async def forget(self, scope: Scope, *, query: Optional[str] = None,
                     entity: Optional[str] = None, key: Optional[str] = None,
                     purge: bool = False, dry_run: bool = False) -> m.ForgetResult:
        """Forget memory at ``scope``: with only a scope, everything whose scope contains all
        its tags; ``query``, ``entity`` (``type/name``) and ``key`` narrow it. ``purge``
        deletes rows physically; ``dry_run`` only counts."""
        return await self._run(ops.forget(self.context_id, scope, query, entity, key, purge,
                                          dry_run))

    # --- reads --------------------------------------------------------------------------

    async def recall(self, query: str, top_k: Optional[int] = 10, *, scope: Scope,
                     mode: Optional[str] = None, include: Optional[Iterable[str]] = None,
                     as_of: Time = None, valid_at: Time = None,
                     session_id: Optional[str] = None) -> m.RecallResult:
        """Ranked memories for ``query`` visible at ``scope`` (``top_k`` 1–50).

        ``mode`` is ``hybrid`` (default), ``bm25`` or ``vector``; ``as_of`` reads what was
        stored by then, ``valid_at`` what held then; ``session_id`` restricts to one session.
        """
        return await self._run(ops.recall(self.context_id, query, scope, top_k, mode, include,
                                          as_of, valid_at, session_id))

    async def context(self, query: str, *, scope: Scope, max_tokens: Optional[int] = None,
                      top_k: Optional[int] = None) -> m.ContextResult:
        """Prompt-ready context for ``query``; ``formatted`` is ``""`` when nothing is
        relevant, so ``if ctx.formatted:`` keeps an unchanged prompt byte-identical."""
        return await self._run(ops.context(self.context_id, query, scope, top_k, max_tokens))

    async def profile(self, scope: Scope) -> m.Profile:
        """What is known about the scope's user (else agent, else org): ``summary`` and
        sections."""
        return await self._run(ops.profile(self.context_id, scope))

    async def state(self, scope: Scope) -> m.State:
        """Everything current visible at ``scope``."""
        return await self._run(ops.state(self.context_id, scope))

    async def entities(self, scope: Scope, *, type: Optional[str] = None,
                       query: Optional[str] = None,
                       limit: Optional[int] = None) -> List[m.EntityInfo]:
        """Entities with a fact visible at ``scope``, optionally of one ``type`` or matching
        ``query``."""
        return await self._run(ops.entities(self.context_id, scope, type, query, limit))

    async def entity(self, address: str, *, scope: Scope) -> m.EntityInfo:
        """One entity (``type/name``, e.g. ``person/alice``) with its current facts."""
        return await self._run(ops.entity(self.context_id, address, scope))

    async def history(self, entity: str, key: str, *, scope: Scope) -> List[m.Record]:
        """The supersession chain of ``key`` (or relation label) of ``entity``, newest first:
        :class:`~spectron.models.Attribute` or :class:`~spectron.models.Relation` records."""
        return await self._run(ops.history(self.context_id, entity, key, scope))

    async def delete_entity(self, address: str, *, scope: Scope) -> m.ForgetResult:
        """Forget the entity's facts visible at ``scope``."""
        return await self._run(ops.delete_entity(self.context_id, address, scope))

    async def uncertainties(self, scope: Scope, *,
                            open_only: bool = True) -> List[m.Uncertainty]:
        """Open (or, with ``open_only=False``, all) uncertainties visible at ``scope``."""
        return await self._run(ops.uncertainties(self.context_id, scope, open_only))

    async def uncertainty(self, uncertainty_id: str) -> m.Uncertainty:
        """One uncertainty by id."""
        return await self._run(ops.uncertainty(self.context_id, uncertainty_id))

    async def resolve_uncertainty(self, uncertainty_id: str, resolution: str) -> m.Uncertainty:
        """Mark an uncertainty resolved with a free-text ``resolution``."""
        return await self._run(ops.resolve_uncertainty(self.context_id, uncertainty_id,
                                                       resolution))

    async def documents(self, scope: Scope, *,
                        limit: Optional[int] = None) -> List[m.DocumentInfo]:
        """Documents visible at ``scope``."""
        return await self._run(ops.documents(self.context_id, scope, limit))

    async def document(self, document_id: str) -> m.DocumentInfo:
        """One document by id."""
        return await self._run(ops.document(self.context_id, document_id))

    async def delete_document(self, document_id: str) -> None:
        """Delete a document and its passages."""
        await self._run(ops.delete_document(self.context_id, document_id))


class Sessions:
    """``memory.sessions``: create, open, list and delete sessions."""

    def __init__(self, memory: Memory) -> None:
        self._memory = memory

    def create(self, scope: Scope, metadata: Optional[Mapping[str, Any]] = None,
               extract: Optional[str] = None) -> "PendingSession":
        """Start a session at ``scope``; use it either way::

            session = await memory.sessions.create(scope={"user": "alice"})
            ...
            await session.close()

            async with memory.sessions.create(scope={"user": "alice"}) as session:
                ...                       # closed on exit

        ``extract`` is ``"turn"`` (default: extract each turn when it is added) or
        ``"session"`` (extract the whole conversation on close).
        """
        op = ops.create_session(self._memory.context_id, scope, metadata, extract)
        return PendingSession(self._memory, op)

    async def open(self, session_id: str) -> "Session":
        """Resume an existing session by id (raises NotFoundError when unknown)."""
        info = await self._memory._run(ops.get_session(self._memory.context_id, session_id))
        return Session(self._memory, info)

    get = open

    async def list(self, scope: Scope, *, limit: Optional[int] = None) -> List[m.SessionInfo]:
        """Sessions visible at ``scope``, newest first."""
        return await self._memory._run(ops.list_sessions(self._memory.context_id, scope, limit))

    async def delete(self, session_id: str) -> None:
        """Delete a session with its turns."""
        await self._memory._run(ops.delete_session(self._memory.context_id, session_id))


class PendingSession:
    """What ``sessions.create(...)`` returns: await it for the :class:`Session`, or use it
    with ``async with`` to have the session closed on exit. The session is created once, on
    first use."""

    def __init__(self, memory: Memory, op: Op) -> None:
        self._memory = memory
        self._op = op
        self._future: Optional["asyncio.Future[Session]"] = None

    def _start(self) -> "asyncio.Future[Session]":
        if self._future is None:
            self._future = asyncio.ensure_future(self._create())
        return self._future

    async def _create(self) -> "Session":
        info = await self._memory._run(self._op)
        return Session(self._memory, info)

    def __await__(self) -> Generator[Any, None, "Session"]:
        return self._start().__await__()

    async def __aenter__(self) -> "Session":
        return await self._start()

    async def __aexit__(self, exc_type: Optional[Type[BaseException]],
                        exc: Optional[BaseException], tb: Any) -> None:
        session = await self._start()
        await session.__aexit__(exc_type, exc, tb)

    def __repr__(self) -> str:
        state = "pending" if self._future is None or not self._future.done() else "created"
        return "PendingSession(%s, scope=%r)" % (state, (self._op.body or {}).get("scope"))


class Session:
    """A live session: its turns inherit its scope, and every verb uses that scope.

    Also an async context manager (``async with session:`` closes it on exit).
    """

    def __init__(self, memory: Memory, info: m.SessionInfo) -> None:
        self.memory = memory
        self.info = info

    # --- the record ----------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def scope(self) -> Dict[str, str]:
        return dict(self.info.scope or {})

    @property
    def metadata(self) -> Dict[str, Any]:
        return dict(self.info.metadata or {})

    @property
    def status(self) -> Optional[str]:
        return self.info.status

    @property
    def created_at(self) -> Optional[str]:
        return self.info.created_at

    def __repr__(self) -> str:
        return "Session(id=%r, scope=%r, status=%r)" % (self.id, self.scope, self.status)

    async def refresh(self) -> m.SessionInfo:
        """Re-read the session record (``status``, ``closed_at``)."""
        self.info = await self.memory._run(ops.get_session(self.memory.context_id, self.id))
        return self.info

    # --- turns ---------------------------------------------------------------------------

    async def turn(self, role: str, content: str, speaker: Optional[str] = None,
                   observed_at: Time = None,
                   metadata: Optional[Mapping[str, Any]] = None) -> m.TurnResult:
        """Add a turn (``role`` user|assistant|system|tool); returns the stored ``turn`` and
        the extraction ``diff``. When it returns, recall sees the new memory."""
        return await self.memory._run(ops.add_turn(self.memory.context_id, self.id, role,
                                                   content, speaker, observed_at, metadata))

    add_turn = turn

    async def turns(self) -> List[m.Turn]:
        """The session's turns, oldest first."""
        return await self.memory._run(ops.turns(self.memory.context_id, self.id))

    async def remember(self, text: str, *, role: Optional[str] = None,
                       infer: Optional[str] = None, category: Optional[str] = None,
                       triples: Optional[Iterable[Mapping[str, Any]]] = None,
                       observed_at: Time = None,
                       metadata: Optional[Mapping[str, Any]] = None) -> m.RememberResult:
        """Store a statement or fact as a turn of this session."""
        return await self.memory.remember(text, session_id=self.id, role=role, infer=infer,
                                          category=category, triples=triples,
                                          observed_at=observed_at, metadata=metadata)

    async def remember_many(self, messages: Iterable[Message], *,
                            infer: Optional[str] = None) -> m.BatchResult:
        """Store several messages as turns of this session, extracted together."""
        return await self.memory.remember_many(messages, session_id=self.id, infer=infer)

    # --- reads at the session's scope ------------------------------------------------------

    async def recall(self, query: str, top_k: Optional[int] = 10, *,
                     mode: Optional[str] = None, include: Optional[Iterable[str]] = None,
                     as_of: Time = None, valid_at: Time = None,
                     this_session_only: bool = False) -> m.RecallResult:
        """Ranked memories visible at the session's scope (from every session of that scope
        unless ``this_session_only``)."""
        return await self.memory.recall(query, top_k, scope=self.scope, mode=mode,
                                        include=include, as_of=as_of, valid_at=valid_at,
                                        session_id=self.id if this_session_only else None)

    async def context(self, query: str, max_tokens: Optional[int] = None, *,
                      top_k: Optional[int] = None) -> m.ContextResult:
        """Prompt-ready context at the session's scope; ``formatted`` is ``""`` when nothing
        is relevant."""
        return await self.memory._run(ops.session_context(self.memory.context_id, self.id,
                                                          query, top_k, max_tokens))

    async def profile(self) -> m.Profile:
        """The profile at the session's scope."""
        return await self.memory.profile(self.scope)

    async def state(self) -> m.State:
        """Everything current visible at the session's scope."""
        return await self.memory.state(self.scope)

    async def forget(self, *, query: Optional[str] = None, entity: Optional[str] = None,
                     key: Optional[str] = None, purge: bool = False,
                     dry_run: bool = False) -> m.ForgetResult:
        """Forget memory at the session's scope (all of it unless narrowed) — not only this
        session's: this is Mem0's ``delete()``. Use :meth:`delete` to drop just the session."""
        return await self.memory.forget(self.scope, query=query, entity=entity, key=key,
                                        purge=purge, dry_run=dry_run)

    # --- lifecycle -------------------------------------------------------------------------

    async def close(self) -> m.Diff:
        """Close the session (runs deferred extraction of ``extract="session"``); returns the
        diff. Closing twice is harmless."""
        diff = await self.memory._run(ops.close_session(self.memory.context_id, self.id))
        raw = dict(self.info.raw)
        raw["status"] = "closed"
        self.info = m.SessionInfo(raw)
        return diff

    async def delete(self) -> None:
        """Delete the session with its turns."""
        await self.memory._run(ops.delete_session(self.memory.context_id, self.id))

    async def __aenter__(self) -> "Session":
        return self

    async def __aexit__(self, exc_type: Optional[Type[BaseException]],
                        exc: Optional[BaseException], tb: Any) -> None:
        if exc_type is None:
            await self.close()
            return
        try:
            await self.close()
        except Exception as close_error:  # do not mask the exception that ended the block
            log.warning("closing session %s after an error failed: %s", self.id, close_error)


class SpectronClient(Memory):
    """Asynchronous client of a Spectron server.

    ``SpectronClient(base_url, api_key, context="default", timeout=60.0)``. The client is the
    memory handle of ``context``; :meth:`memory` gives the handle of another context.
    ``base_url`` and ``api_key`` left out (or given as ``...``) are read from the environment
    variables ``SPECTRON_URL`` (default ``http://127.0.0.1:9090``) and ``SPECTRON_API_KEY``.
    """

    def __init__(self, base_url: Any = None, api_key: Any = None, context: str = "default",
                 timeout: Optional[float] = DEFAULT_TIMEOUT) -> None:
        url, key = resolve_settings(base_url, api_key)
        super().__init__(Transport(url, key, timeout), context)

    @classmethod
    def from_environment(cls, timeout: Optional[float] = DEFAULT_TIMEOUT) -> "SpectronClient":
        """A client configured like the CLI: ``SPECTRON_URL``, ``SPECTRON_API_KEY`` (else the
        ``apiKey`` of ``$SPECTRON_DATA/credentials.json`` or ``~/.spectron/credentials.json``)
        and ``SPECTRON_CONTEXT``."""
        url, key, context = settings_from_environment()
        return cls(url, key, context=context, timeout=timeout)

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    def memory(self, context_id: str) -> Memory:
        """The memory handle of context ``context_id`` (same server and key)."""
        return Memory(self._transport, context_id)

    async def health(self) -> m.Health:
        """``GET /health`` (needs no key)."""
        return await self._run(ops.health())

    async def close(self) -> None:
        """Release resources (the standard-library transport holds none; for symmetry)."""

    aclose = close

    async def __aenter__(self) -> "SpectronClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()
