"""HTTP transport: one blocking request over ``urllib.request``, JSON in and out.

The async client runs :meth:`Transport.request` in a worker thread (``asyncio.to_thread``); the
sync client calls it directly. GET requests are idempotent and are retried once when the
connection fails before any answer arrived; other requests are never retried, so a write is
never applied twice.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Mapping, Optional, Tuple

from ._version import __version__
from .errors import (
    RateLimitError,
    SpectronConnectionError,
    SpectronError,
    SpectronTimeoutError,
    error_for_status,
)

__all__ = ["Transport", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT"]

DEFAULT_BASE_URL = "http://127.0.0.1:9090"
DEFAULT_TIMEOUT = 60.0
RETRY_DELAY = 0.25
USER_AGENT = "spectron-python/%s" % __version__

log = logging.getLogger("spectron")

_TIMEOUTS: Tuple[type, ...] = (socket.timeout, TimeoutError)


class Transport:
    """Sends requests to one Spectron server with one API key."""

    def __init__(self, base_url: str, api_key: Optional[str], timeout: float = DEFAULT_TIMEOUT,
                 opener: Optional[urllib.request.OpenerDirector] = None) -> None:
        self.base_url = normalize_base_url(base_url)
        self.api_key = api_key
        self.timeout = float(timeout) if timeout is not None else None
        if opener is None:
            # A loopback server is never reached through an HTTP proxy from the environment.
            host = urllib.parse.urlsplit(self.base_url).hostname or ""
            handlers = [urllib.request.ProxyHandler({})] if _is_loopback(host) else []
            opener = urllib.request.build_opener(*handlers)
        self._opener = opener

    def url(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        url = self.base_url + path
        if query:
            pairs = [(k, _query_value(v)) for k, v in query.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)
        return url

    def request(self, method: str, path: str, *, query: Optional[Mapping[str, Any]] = None,
                body: Optional[Mapping[str, Any]] = None) -> Any:
        """Send one request; return the decoded JSON answer (``None`` for an empty answer).

        Raises a :class:`~spectron.errors.SpectronError` subclass for every error status and
        :class:`~spectron.errors.SpectronConnectionError` when no answer arrived.
        """
        url = self.url(path, query)
        data = None
        headers = {"Accept": "application/json, application/problem+json",
                   "User-Agent": USER_AGENT}
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        attempts = 2 if method == "GET" else 1
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    status = response.status
                    payload = response.read()
                return _decode_success(method, url, status, payload)
            except urllib.error.HTTPError as e:
                raise _problem(method, url, e) from None
            except _TIMEOUTS as e:
                raise SpectronTimeoutError(
                    "%s %s: no answer within %ss" % (method, url, self.timeout),
                    method=method, url=url) from e
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError,
                    OSError) as e:
                reason = getattr(e, "reason", e)
                if isinstance(reason, _TIMEOUTS):
                    raise SpectronTimeoutError(
                        "%s %s: no answer within %ss" % (method, url, self.timeout),
                        method=method, url=url) from e
                if attempt < attempts:
                    log.debug("retrying %s %s after %r", method, url, reason)
                    time.sleep(RETRY_DELAY)
                    continue
                raise SpectronConnectionError(
                    "%s %s: cannot reach the Spectron server (%s)" % (method, url, reason),
                    method=method, url=url) from e
        raise AssertionError("unreachable")  # pragma: no cover


def normalize_base_url(base_url: str) -> str:
    """``http://host:9090/``, ``http://host:9090/api/v1`` → ``http://host:9090``."""
    if not isinstance(base_url, str) or not base_url.strip():
        raise ValueError("base_url must be a URL such as %r" % DEFAULT_BASE_URL)
    url = base_url.strip().rstrip("/")
    if "://" not in url:
        url = "http://" + url
    for suffix in ("/api/v1",):
        if url.endswith(suffix):
            url = url[: -len(suffix)]
    return url


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _decode_success(method: str, url: str, status: int, payload: bytes) -> Any:
    if not payload or status == 204:
        return None
    try:
        return json.loads(payload.decode("utf-8"))
    except ValueError:
        raise SpectronError("%s %s: the server answered %d with a body that is not JSON"
                            % (method, url, status), status=status, method=method,
                            url=url) from None


def _problem(method: str, url: str, error: urllib.error.HTTPError) -> SpectronError:
    status = error.code
    try:
        payload = error.read()
    except Exception:  # pragma: no cover - a broken error body still maps by status
        payload = b""
    finally:
        error.close()
    problem: Dict[str, Any] = {}
    text = ""
    if payload:
        text = payload.decode("utf-8", "replace").strip()
        try:
            decoded = json.loads(text)
            if isinstance(decoded, dict):
                problem = decoded
        except ValueError:
            pass
    detail = problem.get("detail") if problem else (text[:500] or None)
    kwargs: Dict[str, Any] = dict(
        status=status,
        code=problem.get("code"),
        detail=detail,
        field=problem.get("field"),
        type=problem.get("type"),
        title=problem.get("title") or error.reason or None,
        method=method,
        url=url,
        body=problem,
    )
    cls = error_for_status(status)
    if cls is RateLimitError:
        return RateLimitError(retry_after=_retry_after(error.headers.get("Retry-After")),
                              **kwargs)
    return cls(**kwargs)


def _retry_after(value: Optional[str]) -> Optional[float]:
    """``Retry-After`` as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
