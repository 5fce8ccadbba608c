"""Result objects: small read-only records over the server's JSON.

Every record keeps the JSON object it was built from in ``raw`` (camelCase, exactly as the
server sent it) and exposes each of its fields as a snake_case attribute: ``queryMs`` becomes
``query_ms``, ``source.turnId`` becomes ``source.turn_id``. Nested objects become records too,
except the free-form ``scope`` and ``metadata`` objects, which stay plain ``dict``s. Fields a
server omits read as ``None`` (or ``[]`` for lists) when the record type documents them, so code
written against the documented shape does not break on a sparse answer; fields a newer server adds
are available without an SDK upgrade. ``record["queryMs"]`` and ``record["query_ms"]`` work too.

Times are kept as the ISO-8601 strings the server sent (``2026-11-21T13:15:15.818119110Z``);
:func:`parse_time` turns one into an aware :class:`datetime.datetime`.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, ClassVar, Dict, Iterator, List, Mapping, Optional, Tuple

__all__ = [
    "Record", "SessionInfo", "Turn", "TurnResult", "Diff", "RememberResult", "BatchResult",
    "Source", "Span", "Hit", "RecallResult", "ContextResult", "ProfileFact", "Profile",
    "Attribute", "Relation", "Instruction", "Candidate", "Uncertainty", "State", "EntityInfo",
    "DocumentInfo", "ForgetResult", "Health", "fact_from_json", "parse_time", "snake_case",
]

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")
# Objects whose content is the caller's own JSON: kept as plain dicts, keys untouched.
_FREE_FORM = frozenset({"scope", "metadata", "floor"})


def snake_case(name: str) -> str:
    """``queryMs`` → ``query_ms``; names already in snake_case are returned unchanged."""
    return _CAMEL.sub(lambda m: "_" + m.group(1), name).lower() if name != name.lower() else name


def parse_time(value: Optional[str]) -> Optional[_dt.datetime]:
    """Parse a server timestamp (``2026-11-21T13:15:15.818119110Z``) into an aware datetime.

    Fractions beyond microseconds are truncated; ``None`` and ``""`` give ``None``.
    """
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    match = re.match(r"^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(.*)$", text)
    if match:
        fraction = match.group(2) or ""
        if len(fraction) > 7:
            fraction = fraction[:7]
        elif fraction:
            fraction = fraction.ljust(7, "0")
        text = match.group(1) + fraction + match.group(3)
    parsed = _dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed


class Record:
    """A read-only view of one JSON object of the API, with snake_case attributes.

    Subclasses list their documented fields in ``_fields`` (default ``None``), list fields in
    ``_lists`` (default ``[]``) and the record type of nested fields in ``_nested``.
    """

    _fields: ClassVar[Tuple[str, ...]] = ()
    _lists: ClassVar[Tuple[str, ...]] = ()
    _nested: ClassVar[Dict[str, Any]] = {}
    _repr_fields: ClassVar[Tuple[str, ...]] = ()

    def __init__(self, raw: Optional[Mapping[str, Any]] = None) -> None:
        raw = dict(raw or {})
        object.__setattr__(self, "raw", raw)
        values: Dict[str, Any] = {}
        for name in self._fields:
            values[name] = None
        for name in self._lists:
            values[name] = []
        for key, value in raw.items():
            name = snake_case(key)
            values[name] = self._convert(name, value)
        object.__setattr__(self, "_values", values)

    @classmethod
    def _convert(cls, name: str, value: Any) -> Any:
        target = cls._nested.get(name)
        if target is not None:
            if isinstance(value, list):
                return [target(v) if isinstance(v, dict) else v for v in value]
            return target(value) if isinstance(value, dict) else value
        return _plain(name, value)

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("_values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError("%s has no field %r" % (type(self).__name__, name))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("%s is read-only" % type(self).__name__)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self.__dict__.get("_values", {})))

    def __getitem__(self, key: str) -> Any:
        values = self._values
        if key in values:
            return values[key]
        name = snake_case(key)
        if name in values:
            return values[name]
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._values or snake_case(key) in self._values)

    def get(self, key: str, default: Any = None) -> Any:
        """``record[key]`` (camelCase or snake_case), or ``default`` when absent."""
        try:
            return self[key]
        except KeyError:
            return default

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object this record was built from (camelCase keys)."""
        return self.raw

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.raw == self.raw  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values.get("id")))

    def __repr__(self) -> str:
        names = self._repr_fields or tuple(self._values)[:4]
        parts = ["%s=%r" % (n, _short(self._values.get(n))) for n in names if n in self._values]
        return "%s(%s)" % (type(self).__name__, ", ".join(parts))

    def __getstate__(self) -> Dict[str, Any]:
        return {"raw": self.raw}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        type(self).__init__(self, state["raw"])


def _plain(name: str, value: Any) -> Any:
    if name in _FREE_FORM:
        return value
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [Record(v) if isinstance(v, dict) else v for v in value]
    return value


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "..."
    if isinstance(value, list) and len(value) > 3:
        return "[%d items]" % len(value)
    return value


class _Sequence(Record):
    """A record whose main content is a list (``_items``); iterating/len/indexing use it."""

    _items: ClassVar[str] = "items"

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values.get(self._items) or [])

    def __len__(self) -> int:
        return len(self._values.get(self._items) or [])


# --- provenance ---------------------------------------------------------------------------

class Span(Record):
    """Character offsets of a fact in its turn or passage."""
    _fields = ("start", "end")
    _repr_fields = _fields


class Source(Record):
    """Provenance: ``kind`` (turn|document|upsert|…), ``ref`` (``turn:<id>``|``doc:<id>``),
    ``session_id``, ``turn_id``, ``metadata`` of the cited turn, ``span``, ``trust``."""
    _fields = ("kind", "ref", "session_id", "turn_id", "span", "trust", "authoritative")
    _nested = {"span": Span}
    _repr_fields = ("kind", "ref")

    def __init__(self, raw: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(raw)
        if self._values.get("metadata") is None:
            self._values["metadata"] = {}


# --- sessions and turns ---------------------------------------------------------------------

class SessionInfo(Record):
    """A session record: ``id, scope, metadata, extract, status (open|closed), created_at,
    closed_at``."""
    _fields = ("id", "scope", "metadata", "extract", "status", "created_at", "closed_at")
    _repr_fields = ("id", "scope", "status")


class Turn(Record):
    """One turn: ``id, session_id, seq, role, speaker, content, created_at, observed_at,
    metadata``."""
    _fields = ("id", "session_id", "seq", "role", "speaker", "content", "created_at",
               "observed_at", "metadata")
    _repr_fields = ("seq", "role", "content")


class Diff(Record):
    """What a write changed: ``turn_id`` and lists of ``entities`` (``id, type, name,
    is_new``), ``attributes`` (``id, entity, key, value, decision``), ``relations``,
    ``instructions``, ``uncertainties`` and ``corrections`` (``entity, key, old_value,
    new_value``). ``decision`` is add|corroborate|supersede|retract|conflict|skip."""
    _fields = ("turn_id",)
    _lists = ("entities", "attributes", "relations", "instructions", "uncertainties",
              "corrections")
    _repr_fields = ("turn_id", "entities", "attributes", "relations")

    @property
    def empty(self) -> bool:
        """True when the write changed no structured memory."""
        return not any(self._values.get(n) for n in self._lists)


class TurnResult(Record):
    """Answer of ``turn``: the stored ``turn`` and the extraction ``diff``."""
    _fields = ("turn", "diff")
    _nested = {"turn": Turn, "diff": Diff}
    _repr_fields = ("turn", "diff")

    @property
    def id(self) -> Optional[str]:
        """The stored turn's id."""
        return self.turn.id if self.turn is not None else None


class RememberResult(Record):
    """Answer of ``remember``: ``session_id``, ``turn_id`` and the ``diff``."""
    _fields = ("session_id", "turn_id", "diff")
    _nested = {"diff": Diff}
    _repr_fields = ("session_id", "turn_id", "diff")


class BatchResult(_Sequence):
    """Answer of ``remember_many``: ``session_id`` and one :class:`RememberResult` per
    message in ``results`` (iterable)."""
    _fields = ("session_id",)
    _lists = ("results",)
    _nested = {"results": RememberResult}
    _items = "results"
    _repr_fields = ("session_id", "results")


# --- recall and context -------------------------------------------------------------------

class Hit(Record):
    """One recalled item: ``id, kind, text, score, entity, source`` (:class:`Source`),
    ``valid_from, valid_until, created_at``. ``kind`` is attribute, relation, instruction, turn or
    chunk; a context's items may also be ``uncertainty`` (an open question about a fact)."""
    _fields = ("id", "kind", "text", "score", "entity", "source", "valid_from", "valid_until",
               "created_at")
    _nested = {"source": Source}
    _repr_fields = ("kind", "text", "score")


class RecallResult(_Sequence):
    """Answer of ``recall``: ranked ``hits`` (also ``items``), prompt-ready ``formatted`` text,
    ``query_ms`` and ``trace_id``. Iterating yields the hits; ``str()`` gives ``formatted``."""
    _fields = ("formatted", "query_ms", "trace_id")
    _lists = ("hits",)
    _nested = {"hits": Hit}
    _items = "hits"
    _repr_fields = ("hits", "formatted")

    @property
    def items(self) -> List[Hit]:
        """The hits, best first (same list as ``hits``)."""
        return self._values["hits"]

    def __str__(self) -> str:
        return self.formatted or ""


class ContextResult(_Sequence):
    """Answer of ``context``: ``formatted`` (exactly ``""`` when nothing relevant is stored,
    so a prompt stays byte-identical), ``items`` (the hits in it, also ``hits``) and ``tier``."""
    _fields = ("formatted", "tier")
    _lists = ("items",)
    _nested = {"items": Hit}
    _repr_fields = ("tier", "items", "formatted")

    @property
    def hits(self) -> List[Hit]:
        """The hits in ``formatted``, in order (same list as ``items``)."""
        return self._values["items"]

    def __str__(self) -> str:
        return self.formatted or ""


# --- structured memory --------------------------------------------------------------------

class Attribute(Record):
    """A key/value fact about one entity (``entity`` is an address such as ``person/alice``)."""
    _fields = ("id", "entity", "key", "value", "category", "importance", "confidence", "scope",
               "status", "valid_from", "valid_until", "created_at", "supersedes",
               "superseded_by", "source")
    _nested = {"source": Source}
    _repr_fields = ("entity", "key", "value", "status")


class Relation(Record):
    """A link ``subject -[label]-> object`` between two entities."""
    _fields = ("id", "subject", "label", "object", "category", "importance", "confidence",
               "scope", "status", "valid_from", "valid_until", "created_at", "supersedes",
               "superseded_by", "source")
    _nested = {"source": Source}
    _repr_fields = ("subject", "label", "object", "status")


def fact_from_json(raw: Mapping[str, Any]) -> Record:
    """An :class:`Attribute` or, when the object has a ``label``, a :class:`Relation`."""
    return Relation(raw) if "label" in raw else Attribute(raw)


class ProfileFact(Record):
    """One fact of a profile section: ``id, entity, key, value, category, valid_from, source``
    (for a relation, ``key`` is its label and ``value`` the object's display name)."""
    _fields = ("id", "entity", "key", "value", "category", "valid_from", "source")
    _nested = {"source": Source}
    _repr_fields = ("entity", "key", "value")


class Instruction(Record):
    """A behavioural directive: ``id, text, scope, active, created_at, superseded_by, source``."""
    _fields = ("id", "text", "scope", "active", "created_at", "superseded_by", "source")
    _nested = {"source": Source}
    _repr_fields = ("text", "active")


class Candidate(Record):
    """One candidate value of an uncertainty, with its ``source``."""
    _fields = ("value", "source")
    _nested = {"source": Source}
    _repr_fields = ("value",)


class Uncertainty(Record):
    """An explicit open question: ``id, kind, about, reason, candidates, scope, resolved,
    created_at, resolved_at, resolution``."""
    _fields = ("id", "kind", "about", "reason", "scope", "resolved", "created_at",
               "resolved_at", "resolution")
    _lists = ("candidates",)
    _nested = {"candidates": Candidate}
    _repr_fields = ("kind", "about", "resolved")


class Profile(Record):
    """Answer of ``profile``: a ``summary`` paragraph (``""`` when nothing is known) and the
    sections ``identity``, ``preferences``, ``context``, ``instructions``, ``uncertainties``.
    ``str()`` gives the summary."""
    _fields = ("summary",)
    _lists = ("identity", "preferences", "context", "instructions", "uncertainties")
    _nested = {"identity": ProfileFact, "preferences": ProfileFact, "context": ProfileFact,
               "instructions": Instruction, "uncertainties": Uncertainty}
    _repr_fields = ("summary",)

    def __str__(self) -> str:
        return self.summary or ""


class State(Record):
    """Answer of ``state``: everything current visible at the scope — ``attributes``,
    ``relations``, ``instructions`` and open ``uncertainties``."""
    _lists = ("attributes", "relations", "instructions", "uncertainties")
    _nested = {"attributes": Attribute, "relations": Relation, "instructions": Instruction,
               "uncertainties": Uncertainty}
    _repr_fields = _lists


class EntityInfo(Record):
    """An entity with its current ``attributes`` and ``relations``."""
    _fields = ("id", "type", "name", "display_name", "importance", "created_at", "updated_at")
    _lists = ("aliases", "attributes", "relations")
    _nested = {"attributes": Attribute, "relations": Relation}
    _repr_fields = ("type", "name")

    @property
    def address(self) -> str:
        """``type/name``, e.g. ``person/alice`` (what entity verbs accept)."""
        return "%s/%s" % (self.type, self.name)


class DocumentInfo(Record):
    """An authoritative document: ``id, title, scope, mime_type, status, chunks, created_at,
    error``."""
    _fields = ("id", "title", "scope", "mime_type", "status", "chunks", "created_at", "error")
    _repr_fields = ("id", "title", "status")


class ForgetResult(Record):
    """Answer of ``forget``: ``forgotten`` (records removed or hidden) and ``dry_run``."""
    _fields = ("forgotten", "dry_run")
    _repr_fields = _fields


class Health(Record):
    """Answer of ``GET /health``: ``status``, ``embedding_model``, ``index_lag``."""
    _fields = ("status", "embedding_model", "index_lag")
    _repr_fields = _fields
