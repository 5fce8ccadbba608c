"""Spectron — the Python SDK of the open-source memory layer for AI agents.

Asynchronous::

    from spectron import SpectronClient

    client = SpectronClient(base_url="http://127.0.0.1:9090", api_key="spk_...")
    async with client.sessions.create(scope={"user": "alice"}) as session:
        await session.remember("I prefer vegetarian food.")
        results = await session.recall("What are Alice's food preferences?", top_k=5)
        print(results.formatted)

Synchronous: :class:`SyncSpectronClient` has the same verbs without ``await``.
Standard library only; Python 3.9 or newer.
"""

from ._version import __version__
from .client import Memory, PendingSession, Session, Sessions, SpectronClient
from .errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SpectronConnectionError,
    SpectronError,
    SpectronTimeoutError,
    ValidationError,
)
from .models import (
    Attribute,
    BatchResult,
    Candidate,
    ContextResult,
    DocumentInfo,
    Diff,
    EntityInfo,
    ForgetResult,
    Health,
    Hit,
    Instruction,
    Profile,
    ProfileFact,
    RecallResult,
    Record,
    Relation,
    RememberResult,
    SessionInfo,
    Source,
    Span,
    State,
    Turn,
    TurnResult,
    Uncertainty,
    parse_time,
)
from .sync import SyncMemory, SyncSession, SyncSessions, SyncSpectronClient

AsyncSpectronClient = SpectronClient

__all__ = [
    "__version__",
    # clients and handles
    "SpectronClient", "AsyncSpectronClient", "Memory", "Sessions", "Session", "PendingSession",
    "SyncSpectronClient", "SyncMemory", "SyncSessions", "SyncSession",
    # errors
    "SpectronError", "AuthenticationError", "PermissionDeniedError", "NotFoundError",
    "ValidationError", "ConflictError", "RateLimitError", "ServerError",
    "SpectronConnectionError", "SpectronTimeoutError",
    # results
    "Record", "SessionInfo", "Turn", "TurnResult", "Diff", "RememberResult", "BatchResult",
    "Hit", "Source", "Span", "RecallResult", "ContextResult", "Profile", "ProfileFact", "State",
    "Attribute", "Relation", "Instruction", "Candidate", "Uncertainty", "EntityInfo",
    "DocumentInfo", "ForgetResult", "Health", "parse_time",
]
