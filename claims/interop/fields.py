"""Reading import records field by field: types, outlets, sources, and what an export
carries beyond ``claims add`` (ids, who and when, history, retraction).

Each function adds what is wrong to ``problems`` rather than stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from claims import checks, store
from claims.drafts import SourceRef
from claims.errors import InvalidValue
from claims.interop.csvsafe import split_sources
from claims.interop.specs import Problem
from claims.parsing import parse_reliability
from claims.store.identity import quick_name_key
from claims.store.items import OutletSpec, SourceSpec, VersionSpec

# Distinct sources remembered: room for what a large feed names, so that lookups seldom
# miss, at a bounded cost in memory (docs/performance.md).
_CACHE_SIZE = 1 << 16


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_field(
    fields: Mapping[str, Any], name: str, problems: list[Problem], numbers: bool = False
) -> str | None:
    value = fields.get(name)
    if value is None or isinstance(value, str):
        return value
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            # NaN and Infinity are not JSON, though Python writes and reads them.
            large = " (JSON numbers beyond 1.8e308 read as Infinity)" if math.isinf(value) else ""
            problems.append(Problem(name, f"{json.dumps(value)} is not a finite number{large}"))
            return None
        return json.dumps(value)  # a value given as a JSON number: 53 is "53"
    problems.append(Problem(name, f"{value!r} is not text"))
    return None


def plain_field(fields: Mapping[str, Any], name: str, problems: list[Problem]) -> str | None:
    """A text field (``text_field``) that is not one of a claim's: checked for control
    characters as the store checks it. Given back even when refused (the record is)."""
    value = text_field(fields, name, problems)
    if value is not None:
        try:
            checks.plain(name, value)
        except InvalidValue as exc:
            problems.append(Problem(name, f"{exc.value!r} {exc.reason}"))
    return value


def confidence_field(fields: Mapping[str, Any], problems: list[Problem]) -> str | int | None:
    value = fields.get("confidence")
    if value is None or isinstance(value, str) or type(value) is int:
        return value
    problems.append(Problem("confidence", f"{value!r} is not a credibility level"))
    return None


# A refused part of a proposition gets a stand-in too: left out, it would be reported
# missing as well ("subject, predicate and value go together").
def _name(text: str, field_name: str, problems: list[Problem]) -> tuple[str, str] | None:
    """An outlet's name as ``add_outlet`` stores it, and its key."""
    try:
        name = checks.name(field_name, text)
        return name, quick_name_key(name)
    except InvalidValue as exc:
        problems.append(Problem(field_name, f"{exc.value!r} {exc.reason}"))
        return None


@functools.lru_cache(maxsize=1024)
def _outlet_setting(index: int, value: str) -> str | None:
    """One of an outlet's kind, country and reliability, checked as add_outlet checks it."""
    given: list[str | None] = [None, None, None]
    given[index] = value
    return store.outlet_settings(*given)[index]


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _source_ref(text: str) -> tuple[SourceRef, str]:
    """A source named as KIND:NAME and its key, or InvalidValue."""
    ref = SourceRef.parse(text, field="sources")
    try:
        return ref, quick_name_key(ref.name)
    except InvalidValue as exc:
        raise InvalidValue("sources", text, exc.reason) from None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _bare_source(text: str) -> SourceSpec:
    """A source named as KIND:NAME, nothing more (a spec is immutable, so one will do
    for every mention), or InvalidValue."""
    return SourceSpec(*_source_ref(text))


_FLAT = {
    "name": "outlet",
    **{part: f"outlet_{part}" for part in ("kind", "country", "reliability")},
}
_NESTED = {
    "name": "outlet",
    **{part: f"outlet.{part}" for part in ("kind", "country", "reliability")},
}
ENTRY = {part: part for part in ("name", "kind", "country", "reliability")}


def outlet_of(fields: Mapping[str, Any], problems: list[Problem]) -> OutletSpec | None:
    """The outlet a claim names: a name (settings in outlet_kind... columns) or an object."""
    value = fields.get("outlet")
    if isinstance(value, dict):
        return outlet_entry(value, _NESTED, problems, stamps=True)
    if value is not None and not isinstance(value, str):
        problems.append(Problem("outlet", f"{value!r} is not text or an outlet object"))
        return None
    flat = {part: fields.get(label) for part, label in _FLAT.items()}
    return outlet_entry(flat, _FLAT, problems, stamps=False)


def outlet_entry(
    fields: Mapping[str, Any], labels: Mapping[str, str], problems: list[Problem], stamps: bool
) -> OutletSpec | None:
    """An outlet's name and settings; ``labels`` says how the record names each part.
    None without a name (for a claim, make_draft then reports the missing outlet)."""
    before = len(problems)
    parts: dict[str, str | None] = {}
    for part, label in labels.items():
        value = fields.get(part)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(label, f"{value!r} is not text"))
            value = None
        parts[part] = None if blank(value) else value
    settings: dict[str, str | None] = {}
    for index, part in enumerate(("kind", "country", "reliability")):
        value = parts[part]
        try:
            settings[part] = _outlet_setting(index, value) if value is not None else None
        except InvalidValue as exc:
            problems.append(Problem(labels[part], f"{exc.value!r} {exc.reason}"))
    ident, created_at, created_by = (
        stamps_of(fields, "created", problems) if stamps else (None, None, None)
    )
    if parts["name"] is None:
        return None
    named = _name(parts["name"], labels["name"], problems)
    if named is None or len(problems) > before:
        return None
    name, key = named
    return OutletSpec(
        name,
        key,
        settings.get("kind"),
        settings.get("country"),
        settings.get("reliability"),
        ident,
        created_at,
        created_by,
    )


def sources_of(value: Any, problems: list[Problem]) -> list[SourceSpec]:
    if value is None:
        return []
    if isinstance(value, str):  # "person:A; document:B", as in a CSV cell
        items: list[Any] = split_sources(value)
    elif isinstance(value, list):
        items = value
    else:
        problems.append(Problem("sources", f"{value!r} is not a list of sources"))
        return []
    specs = []
    for item in items:
        if isinstance(item, str):
            spec = source_entry(item, {}, "sources", problems)
        elif isinstance(item, dict):
            kind, name = item.get("kind"), item.get("name")
            if not isinstance(kind, str) or not isinstance(name, str):
                problems.append(Problem("sources", f"{item!r} needs a kind and a name"))
                continue
            spec = source_entry(f"{kind}:{name}", item, "sources", problems)
        else:
            problems.append(Problem("sources", f"{item!r} is not KIND:NAME or a source object"))
            continue
        if spec is not None:
            specs.append(spec)
    return specs


def source_entry(
    text: str, fields: Mapping[str, Any], field_name: str, problems: list[Problem]
) -> SourceSpec | None:
    if not fields:
        try:
            return _bare_source(text)
        except InvalidValue as exc:
            problems.append(Problem(field_name, f"{exc.value!r} {exc.reason}"))
            return None
    try:
        ref, key = _source_ref(text)
    except InvalidValue as exc:
        problems.append(Problem(field_name, f"{exc.value!r} {exc.reason}"))
        return None
    role = fields.get("role")
    reliability = fields.get("reliability")
    if role is not None and not isinstance(role, str):
        problems.append(Problem("role", f"{role!r} is not text"))
        role = None
    try:
        role = checks.role("role", role)
    except InvalidValue as exc:
        problems.append(Problem("role", f"{exc.value!r} {exc.reason}"))
        role = None
    if reliability is not None:
        try:
            reliability = parse_reliability(str(reliability))
        except InvalidValue as exc:
            problems.append(Problem("reliability", f"{exc.value!r} {exc.reason}"))
            reliability = None
    return SourceSpec(ref, key, role, reliability)


# The problems of a claim as it was, in a claim's history: checked as a claim record.
SnapshotCheck = Callable[[Mapping[str, Any]], list[Problem]]


def record_fields(
    fields: Mapping[str, Any], problems: list[Problem], check: SnapshotCheck
) -> dict[str, Any]:
    """What an export carries beyond ``claims add``: id, who and when, history."""
    found: dict[str, Any] = {}
    if fields.get("id") is not None:
        found["id"] = _positive(fields, "id", problems)
    if fields.get("version") is not None:
        found["version"] = _positive(fields, "version", problems) or 1
    found["recorded_at"] = _timestamp(fields, "recorded_at", problems)
    found["recorded_by"] = _user(fields, "recorded_by", problems)
    found["updated_at"] = _timestamp(fields, "updated_at", problems)
    found["updated_by"] = _user(fields, "updated_by", problems)
    retracted_on = fields.get("retracted_on")
    before = len(problems)
    note = plain_field(fields, "retraction_note", problems)
    given = note is not None or len(problems) > before  # given, if not as text
    if retracted_on is not None:
        found["retracted_on"] = _day(retracted_on, "retracted_on", problems)
        if not given:
            problems.append(Problem("retraction_note", "is missing: say why it was retracted"))
        elif note is not None and not note.strip():
            empty = f"{note!r} is empty: say why it was retracted"
            problems.append(Problem("retraction_note", empty))
        found["retraction_note"] = (note or "").strip() or None
    elif not blank(note):
        problems.append(Problem("retracted_on", "is missing: a retraction note needs its date"))
    elif fields.get("retracted") is True:
        problems.append(Problem("retracted_on", "is missing: the record says it is retracted"))
    history = fields.get("history")
    if history is not None:
        found["history"] = _history(history, problems, check)
    return found


def history_problems(found: Mapping[str, Any]) -> list[Problem]:
    """What is missing from a claim's history, given ``record_fields``' reading of it: a
    claim at version N carries versions 1 to N-1, as ``claims show`` lists them and
    every export writes them. (A claim *in* a history carries none of its own.)"""
    version = found.get("version") or 1
    listed = {v.version for v in found.get("history", ())}
    later = sorted(n for n in listed if n >= version)
    if later and "version" not in found:
        why = f"is missing: the history holds version {later[-1]}, so the claim is at a later one"
        return [Problem("version", why)]
    if later:
        return [
            Problem(
                "history",
                f"version {later[0]} is not earlier than the claim's own version, {version}",
            )
        ]
    missing = version - 1 - len(listed)
    if not missing:
        return []
    first = next(n for n in range(1, version) if n not in listed)  # within len(listed) + 1
    earlier = "version 1" if version == 2 else f"versions 1 to {version - 1}"
    what = f"version {first} is" if missing == 1 else f"{missing} versions are"
    head = f"{what} missing" + (f", version {first} first" if missing > 1 else "")
    return [Problem("history", f"{head}: a claim at version {version} carries {earlier}")]


_ID_TOO_LARGE = f"is too large: the database holds whole numbers up to {checks.MAX_ID}"


def _positive(fields: Mapping[str, Any], name: str, problems: list[Problem]) -> int | None:
    value = fields.get(name)
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value)  # CSV cells are text
    if type(value) is not int or value < 1:
        problems.append(Problem(name, f"{value!r} is not a positive whole number"))
        return None
    if value > checks.MAX_ID:
        problems.append(Problem(name, f"{value!r} {_ID_TOO_LARGE}"))
        return None
    return value


def _user(fields: Mapping[str, Any], name: str, problems: list[Problem]) -> str | None:
    value = text_field(fields, name, problems)
    if value is None or not value.strip():
        return None  # not given: the import's --by stands in
    try:
        return checks.user(name, value)  # kept as recorded, spaces and all
    except InvalidValue as exc:
        problems.append(Problem(name, f"{exc.value!r} {exc.reason}"))
        return None


def parse_timestamp(text: str) -> dt.datetime:
    """'2026-11-27T17:52:03Z' (as exports write it) as the store keeps it: naive UTC."""
    moment = dt.datetime.fromisoformat(text.strip())
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _timestamp(fields: Mapping[str, Any], name: str, problems: list[Problem]) -> dt.datetime | None:
    value = fields.get(name)
    if blank(value):
        return None
    if isinstance(value, str):
        try:
            return parse_timestamp(value)
        except ValueError:
            pass
    problems.append(Problem(name, f"{value!r} is not a time like 2026-11-27T17:52:03Z"))
    return None


def _day(value: Any, name: str, problems: list[Problem]) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(Problem(name, f"{value!r} is not a date like 2026-11-03"))
    return None


def stamps_of(
    fields: Mapping[str, Any], prefix: str, problems: list[Problem]
) -> tuple[int | None, dt.datetime | None, str | None]:
    """id, <prefix>_at and <prefix>_by of an outlet, source, alias or predicate."""
    ident = _positive(fields, "id", problems) if fields.get("id") is not None else None
    return (
        ident,
        _timestamp(fields, f"{prefix}_at", problems),
        _user(fields, f"{prefix}_by", problems),
    )


def _history(value: Any, problems: list[Problem], check: SnapshotCheck) -> tuple[VersionSpec, ...]:
    """The earlier versions of a claim, as ``claims show --json`` lists them. Each one's
    claim is checked as a claim record is (``check``): ``claims show`` and the exports
    read it back as one."""
    if not isinstance(value, list):
        problems.append(Problem("history", f"{value!r} is not a list of versions"))
        return ()
    versions: list[VersionSpec] = []
    for position, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            problems.append(Problem("history", f"{entry!r} is not a version object"))
            continue
        found: list[Problem] = []
        number = _positive(entry, "version", found)
        change = entry.get("change")
        if change not in ("edit", "retract"):
            found.append(Problem("change", f"{change!r} is not edit or retract"))
        changed_at = _timestamp(entry, "changed_at", found)
        changed_by = _user(entry, "changed_by", found)
        for name, got in (("changed_at", changed_at), ("changed_by", changed_by)):
            if got is None and not any(p.field == name for p in found):
                given = entry.get(name)
                found.append(
                    Problem(name, "is missing" if given is None else f"{given!r} is empty")
                )
        note = plain_field(entry, "note", found)
        claim = entry.get("claim")
        snapshot = ""
        if not isinstance(claim, dict):
            found.append(
                Problem("claim", "is missing: a version needs the claim as it was")
                if claim is None
                else Problem("claim", f"{claim!r} is not a claim object")
            )
        else:
            found.extend(Problem(f"claim.{p.field}", p.message) for p in check(claim))
            try:  # kept as given, as JSON itself has it: no NaN or Infinity in any field
                snapshot = json.dumps(claim, ensure_ascii=False, sort_keys=True, allow_nan=False)
            except ValueError:
                found.append(Problem("claim", "holds NaN or Infinity, which JSON has not"))
        if found:
            label = f"version {number}" if number is not None else f"entry {position}"
            problems.extend(Problem("history", f"{label}: {p.field}: {p.message}") for p in found)
            continue
        if number in {v.version for v in versions}:
            problems.append(Problem("history", f"version {number} is listed twice"))
            continue
        assert number is not None and changed_at is not None and changed_by is not None
        versions.append(
            VersionSpec(
                number,
                str(change),
                changed_at,
                changed_by,
                note.strip() if note and note.strip() else None,
                snapshot,
            )
        )
    return tuple(versions)
