"""Request builders shared by the async and the sync client.

Each function describes one HTTP call as an :class:`Op` (method, path, query, body and a
function that turns the decoded JSON answer into result objects). The async handles run an
``Op`` in a worker thread, the sync handles run it directly, so both speak exactly the same
wire protocol.
"""

from __future__ import annotations

import datetime as _dt
import urllib.parse
from typing import Any, Callable, Dict, Iterable, List, Mapping, NamedTuple, Optional, Union

from . import models as m

Scope = Mapping[str, str]
Time = Union[str, _dt.datetime, _dt.date, None]


class Op(NamedTuple):
    method: str
    path: str
    query: Optional[Dict[str, Any]]
    body: Optional[Dict[str, Any]]
    parse: Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _none(_: Any) -> None:
    return None


def _seg(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected a non-empty string, got %r" % (value,))
    return urllib.parse.quote(value, safe="")


def base(context: str) -> str:
    return "/api/v1/" + _seg(context)


def scope_of(scope: Optional[Scope], *, required: bool = True) -> Dict[str, Any]:
    """A scope as a plain dict; the server validates dimensions and values."""
    if scope is None:
        if required:
            raise TypeError("scope is required, e.g. scope={\"user\": \"alice\"} "
                            "(use scope={} for the empty scope)")
        return {}
    if not isinstance(scope, Mapping):
        raise TypeError("scope must be a mapping of dimension to value, e.g. "
                        "{\"user\": \"alice\"}; got %s" % type(scope).__name__)
    return dict(scope)


def time_of(value: Time) -> Optional[str]:
    """An ISO-8601 instant for the wire; naive datetimes are taken as UTC."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, _dt.date):
        return value.isoformat() + "T00:00:00Z"
    raise TypeError("expected an ISO-8601 string or a datetime, got %s" % type(value).__name__)


def entity_path(entity: str) -> str:
    """``person/alice`` → ``person/alice`` percent-encoded per segment."""
    if not isinstance(entity, str) or "/" not in entity:
        raise ValueError("entity must be an address 'type/name', e.g. 'person/alice'; got %r"
                         % (entity,))
    kind, name = entity.split("/", 1)
    return _seg(kind.strip()) + "/" + _seg(name.strip())


def _body(**fields: Any) -> Dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _list_of(key: str, cls: Callable[[Any], Any]) -> Callable[[Any], List[Any]]:
    def parse(value: Any) -> List[Any]:
        return [cls(item) for item in (value or {}).get(key) or []]
    return parse


def _message(message: Union[str, Mapping[str, Any]]) -> Dict[str, Any]:
    if isinstance(message, str):
        return {"role": "user", "content": message}
    if not isinstance(message, Mapping):
        raise TypeError("a message is a string or a mapping with role and content")
    out: Dict[str, Any] = {}
    for key, value in message.items():
        wire = {"observed_at": "observedAt"}.get(key, key)
        if wire == "observedAt":
            value = time_of(value)
        if value is not None:
            out[wire] = value
    out.setdefault("role", "user")
    return out


# --- sessions -------------------------------------------------------------------------------

def create_session(ctx: str, scope: Scope, metadata: Optional[Mapping[str, Any]],
                   extract: Optional[str]) -> Op:
    body = _body(scope=scope_of(scope), metadata=dict(metadata) if metadata else None,
                 extract=extract)
    return Op("POST", base(ctx) + "/sessions", None, body, m.SessionInfo)


def get_session(ctx: str, session_id: str) -> Op:
    return Op("GET", base(ctx) + "/sessions/" + _seg(session_id), None, None, m.SessionInfo)


def list_sessions(ctx: str, scope: Scope, limit: Optional[int]) -> Op:
    query = {"scope": scope_of(scope), "limit": limit}
    return Op("GET", base(ctx) + "/sessions", query, None, _list_of("sessions", m.SessionInfo))


def add_turn(ctx: str, session_id: str, role: str, content: str, speaker: Optional[str],
             observed_at: Time, metadata: Optional[Mapping[str, Any]]) -> Op:
    body = _body(role=role, content=content, speaker=speaker, observedAt=time_of(observed_at),
                 metadata=dict(metadata) if metadata is not None else None)
    return Op("POST", base(ctx) + "/sessions/" + _seg(session_id) + "/turns", None, body,
              m.TurnResult)


def turns(ctx: str, session_id: str) -> Op:
    return Op("GET", base(ctx) + "/sessions/" + _seg(session_id) + "/turns", None, None,
              _list_of("turns", m.Turn))


def close_session(ctx: str, session_id: str) -> Op:
    return Op("POST", base(ctx) + "/sessions/" + _seg(session_id) + "/close", None, {},
              m.Diff)


def delete_session(ctx: str, session_id: str) -> Op:
    return Op("DELETE", base(ctx) + "/sessions/" + _seg(session_id), None, None, _none)


def session_context(ctx: str, session_id: str, query: str, top_k: Optional[int],
                    max_tokens: Optional[int]) -> Op:
    body = _body(query=query, k=top_k, maxTokens=max_tokens)
    return Op("POST", base(ctx) + "/sessions/" + _seg(session_id) + "/context", None, body,
              m.ContextResult)


# --- writes ---------------------------------------------------------------------------------

def _write_scope(scope: Optional[Scope], session_id: Optional[str]) -> Optional[Dict[str, Any]]:
    """A write into a session may omit the scope (the session's applies); otherwise required."""
    if session_id is not None and scope is None:
        return None
    return scope_of(scope)


def remember(ctx: str, text: str, scope: Optional[Scope], session_id: Optional[str],
             role: Optional[str], infer: Optional[str], category: Optional[str],
             triples: Optional[Iterable[Mapping[str, Any]]], observed_at: Time,
             metadata: Optional[Mapping[str, Any]]) -> Op:
    body = _body(text=text, scope=_write_scope(scope, session_id), sessionId=session_id,
                 role=role, infer=infer, category=category,
                 triples=[dict(t) for t in triples] if triples is not None else None,
                 observedAt=time_of(observed_at),
                 metadata=dict(metadata) if metadata is not None else None)
    return Op("POST", base(ctx) + "/remember", None, body, m.RememberResult)


def remember_many(ctx: str, messages: Iterable[Union[str, Mapping[str, Any]]],
                  scope: Optional[Scope], session_id: Optional[str],
                  infer: Optional[str]) -> Op:
    body = _body(messages=[_message(x) for x in messages],
                 scope=_write_scope(scope, session_id), sessionId=session_id, infer=infer)
    return Op("POST", base(ctx) + "/remember/batch", None, body, m.BatchResult)


def add_document(ctx: str, text: str, scope: Scope, title: Optional[str],
                 mime_type: Optional[str]) -> Op:
    body = _body(text=text, scope=scope_of(scope), title=title, mimeType=mime_type)
    return Op("POST", base(ctx) + "/documents", None, body, m.DocumentInfo)


def forget(ctx: str, scope: Scope, query: Optional[str], entity: Optional[str],
           key: Optional[str], purge: bool, dry_run: bool) -> Op:
    body = _body(scope=scope_of(scope), query=query, entity=entity, key=key,
                 purge=bool(purge), dryRun=bool(dry_run))
    return Op("POST", base(ctx) + "/forget", None, body, m.ForgetResult)


# --- reads ----------------------------------------------------------------------------------

def recall(ctx: str, query: str, scope: Scope, top_k: Optional[int], mode: Optional[str],
           include: Optional[Iterable[str]], as_of: Time, valid_at: Time,
           session_id: Optional[str]) -> Op:
    body = _body(query=query, scope=scope_of(scope), k=top_k, mode=mode,
                 include=list(include) if include is not None else None,
                 asOf=time_of(as_of), validAt=time_of(valid_at), sessionId=session_id)
    return Op("POST", base(ctx) + "/recall", None, body, m.RecallResult)


def context(ctx: str, query: str, scope: Scope, top_k: Optional[int],
            max_tokens: Optional[int]) -> Op:
    body = _body(query=query, scope=scope_of(scope), k=top_k, maxTokens=max_tokens)
    return Op("POST", base(ctx) + "/context", None, body, m.ContextResult)


def profile(ctx: str, scope: Scope) -> Op:
    return Op("POST", base(ctx) + "/profile", None, {"scope": scope_of(scope)}, m.Profile)


def state(ctx: str, scope: Scope) -> Op:
    return Op("POST", base(ctx) + "/state", None, {"scope": scope_of(scope)}, m.State)


def entities(ctx: str, scope: Scope, type: Optional[str], query: Optional[str],
             limit: Optional[int]) -> Op:
    params = {"scope": scope_of(scope), "type": type, "q": query, "limit": limit}
    return Op("GET", base(ctx) + "/entities", params, None, _list_of("entities", m.EntityInfo))


def entity(ctx: str, address: str, scope: Scope) -> Op:
    return Op("GET", base(ctx) + "/entities/" + entity_path(address),
              {"scope": scope_of(scope)}, None, m.EntityInfo)


def history(ctx: str, address: str, key: str, scope: Scope) -> Op:
    return Op("GET", base(ctx) + "/entities/" + entity_path(address) + "/history/" + _seg(key),
              {"scope": scope_of(scope)}, None, _list_of("history", m.fact_from_json))


def delete_entity(ctx: str, address: str, scope: Scope) -> Op:
    return Op("DELETE", base(ctx) + "/entities/" + entity_path(address),
              {"scope": scope_of(scope)}, None, m.ForgetResult)


def uncertainties(ctx: str, scope: Scope, open_only: Optional[bool]) -> Op:
    return Op("GET", base(ctx) + "/uncertainties",
              {"scope": scope_of(scope), "open": open_only}, None,
              _list_of("uncertainties", m.Uncertainty))


def uncertainty(ctx: str, uncertainty_id: str) -> Op:
    return Op("GET", base(ctx) + "/uncertainties/" + _seg(uncertainty_id), None, None,
              m.Uncertainty)


def resolve_uncertainty(ctx: str, uncertainty_id: str, resolution: str) -> Op:
    return Op("POST", base(ctx) + "/uncertainties/" + _seg(uncertainty_id) + "/resolve", None,
              {"resolution": resolution}, m.Uncertainty)


def documents(ctx: str, scope: Scope, limit: Optional[int]) -> Op:
    return Op("GET", base(ctx) + "/documents", {"scope": scope_of(scope), "limit": limit}, None,
              _list_of("documents", m.DocumentInfo))


def document(ctx: str, document_id: str) -> Op:
    return Op("GET", base(ctx) + "/documents/" + _seg(document_id), None, None, m.DocumentInfo)


def delete_document(ctx: str, document_id: str) -> Op:
    return Op("DELETE", base(ctx) + "/documents/" + _seg(document_id), None, None, _none)


def health() -> Op:
    return Op("GET", "/health", None, None, m.Health)
