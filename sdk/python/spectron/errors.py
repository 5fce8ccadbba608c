"""Typed errors raised by the Spectron SDK.

Every failure the server reports is an RFC 7807 problem document
(``application/problem+json``) with ``type``, ``title``, ``status``, ``detail`` and, for
Spectron, ``code`` and (for invalid input) ``field``. The SDK turns it into one of the classes
below, chosen by HTTP status::

    SpectronError                  base class
    ├── AuthenticationError        401  missing, malformed or unknown key
    ├── PermissionDeniedError      403  scope outside the key's floor, reader key writing …
    ├── NotFoundError              404  unknown session, document, entity, route …
    ├── ValidationError            400, 413, 415  the request is wrong (see ``field``)
    ├── ConflictError              409  e.g. a turn added to a closed session
    ├── RateLimitError             429  with ``retry_after`` (seconds) when the server says
    ├── ServerError                5xx
    └── SpectronConnectionError    no HTTP answer at all (also a builtin ``ConnectionError``)
        └── SpectronTimeoutError   no answer within ``timeout``
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

__all__ = [
    "SpectronError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ValidationError",
    "ConflictError",
    "RateLimitError",
    "ServerError",
    "SpectronConnectionError",
    "SpectronTimeoutError",
    "error_for_status",
]


class SpectronError(Exception):
    """Base class of every error raised by this package.

    Attributes:
        status: the HTTP status (``None`` when no HTTP answer was received).
        code: the problem's machine-readable ``code`` (``invalid_input``, ``not_found`` …).
        detail: the human-readable explanation.
        field: for invalid input, the name of the offending request field (``scope``, ``k`` …).
        type: the problem ``type`` URI; ``title``: its short title.
        method, url: the request that failed.
        body: the decoded problem document (a dict; empty when the answer was not JSON).
    """

    def __init__(
        self,
        message: Optional[str] = None,
        *,
        status: Optional[int] = None,
        code: Optional[str] = None,
        detail: Optional[str] = None,
        field: Optional[str] = None,
        type: Optional[str] = None,
        title: Optional[str] = None,
        method: Optional[str] = None,
        url: Optional[str] = None,
        body: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.type = type
        self.title = title
        self.method = method
        self.url = url
        self.body: Dict[str, Any] = dict(body or {})
        if message is None:
            message = _describe(status, code, detail, field, title)
        self.message = message
        super().__init__(message)

    def __repr__(self) -> str:
        return "%s(status=%r, code=%r, detail=%r, field=%r)" % (
            type(self).__name__, self.status, self.code, self.detail, self.field)


class AuthenticationError(SpectronError):
    """401: the API key is missing, malformed, unknown, or belongs to another context."""


class PermissionDeniedError(SpectronError):
    """403: the key may not do this (scope outside its floor, reader key writing, …)."""


class NotFoundError(SpectronError):
    """404: unknown session, document, uncertainty, entity, context or route."""


class ValidationError(SpectronError):
    """400, 413 or 415: the request is malformed; ``field`` names the offending field."""


class ConflictError(SpectronError):
    """409: the request conflicts with the current state (e.g. turn on a closed session)."""


class RateLimitError(SpectronError):
    """429: too many requests; ``retry_after`` is the server's advice in seconds, if any."""

    def __init__(self, message: Optional[str] = None, *, retry_after: Optional[float] = None,
                 **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ServerError(SpectronError):
    """5xx: the server failed; ``detail`` carries the reference it logged."""


class SpectronConnectionError(SpectronError, ConnectionError):
    """No HTTP answer: connection refused or reset, DNS failure, TLS failure, …

    It is also a builtin :class:`ConnectionError`, so generic network handling catches it.
    """


class SpectronTimeoutError(SpectronConnectionError):
    """The server did not answer within the client's ``timeout``."""


_BY_STATUS = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: ValidationError,
    415: ValidationError,
    429: RateLimitError,
}


def error_for_status(status: int) -> type:
    """The error class the SDK raises for an HTTP ``status``."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return SpectronError


def _describe(status: Optional[int], code: Optional[str], detail: Optional[str],
              field: Optional[str], title: Optional[str]) -> str:
    head = " ".join(str(p) for p in (status, code or title) if p)
    text = detail or title or "request failed"
    message = "%s: %s" % (head, text) if head else text
    if field and field not in text:
        message += " (field: %s)" % field
    return message
