"""Writing a PROV document (PROV-JSON or PROV-N) as its statements come, section by
section, spooled to temporary files: ``prov`` decides what the statements are, this
module how they are written. Apart so that the mapping of the record onto PROV reads
on its own."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

NAMESPACE = "urn:claims:"  # identifiers are claims:claim-28, claims:outlet-2-rbc...
# The order of each relation's arguments: (PROV-JSON key, PROV-N position).
_ARGUMENTS = {
    "actedOnBehalfOf": ("prov:delegate", "prov:responsible"),
    "wasAttributedTo": ("prov:entity", "prov:agent"),
    "wasDerivedFrom": ("prov:generatedEntity", "prov:usedEntity"),
    "wasInfluencedBy": ("prov:influencee", "prov:influencer"),
    "wasInvalidatedBy": ("prov:entity", "prov:activity", "prov:time"),
}


@dataclass(frozen=True, slots=True)
class QName:
    """A qualified name as an attribute value: prov:type='prov:Person'."""

    name: str


@dataclass(frozen=True, slots=True)
class URI:
    value: str


Value = str | int | QName | URI | dt.datetime


@dataclass(frozen=True, slots=True)
class Statement:
    kind: str  # entity, agent, activity, or a relation such as wasAttributedTo
    id: str | None  # node identifiers; relations have none
    args: tuple[str | dt.datetime | None, ...] = ()
    attributes: tuple[tuple[str, Value], ...] = ()


class Document:
    """A PROV document written as its statements come, in sections: the outlets' agents,
    the sources', the claims' entities (with their versions and retractions), then the
    relations. The claims are read once, in id order, and the sections filled as they
    go; each is spooled to a temporary file, not held, so that a document of millions
    of statements costs the same memory as one of a hundred.

    PROV-JSON groups the statements by kind, in the order of its first statement, each
    statement under its identifier (blank nodes numbered per kind), as
    ``json.dumps(indent=2)`` writes the bundle; so there it is spooled by section and
    kind. Each statement is written by orjson, which writes text, whole numbers and
    objects of them as ``json`` does."""

    SECTIONS = ("outlets", "sources", "claims", "relations")

    def __init__(self, fmt: str) -> None:
        self.json = fmt == "prov-json"
        self.section = self.SECTIONS[0]
        self.statements = 0
        self.claims = 0
        # (section, kind) -> its spool; in PROV-N, kind is "" (one spool a section).
        self._spools: dict[tuple[str, str], _Spool] = {}
        self._blank: dict[str, int] = {}  # kind -> blank nodes numbered so far

    def add(self, kind: str, ident: str | None, *args: Any, **attrs: Value | None) -> None:
        pairs = tuple((name.replace("_", ":", 1), v) for name, v in attrs.items() if v is not None)
        statement = Statement(kind, ident, args, pairs)
        self.statements += 1
        spool = self._spool(kind if self.json else "")
        if not self.json:
            spool.write("  " + _provn(statement) + "\n")
            return
        if ident is None:
            self._blank[kind] = number = self._blank.get(kind, 0) + 1
            ident = f"_:{kind}{number}"
        record = orjson.dumps(_json_record(statement), option=orjson.OPT_INDENT_2).decode()
        spool.write(_quoted(ident) + ": " + record.replace("\n", "\n    "))

    def _spool(self, kind: str) -> _Spool:
        found = self._spools.get((self.section, kind))
        if found is None:
            found = self._spools[(self.section, kind)] = _Spool(",\n    " if self.json else "")
        return found

    def text(self) -> Iterator[str]:
        """The document, in pieces; each spool is read (and closed) once."""
        ordered = sorted(self._spools.items(), key=lambda item: self.SECTIONS.index(item[0][0]))
        if not self.json:
            yield f"document\n  prefix claims <{NAMESPACE}>\n\n"
            for _, spool in ordered:
                yield from spool.read()
            yield "endDocument\n"
            return
        kinds: dict[str, list[_Spool]] = {}
        for (_, kind), spool in ordered:
            kinds.setdefault(kind, []).append(spool)
        yield '{\n  "prefix": {\n    "claims": ' + _quoted(NAMESPACE) + "\n  }"
        for kind, spools in kinds.items():
            yield ",\n  " + _quoted(kind) + ": {\n    "
            for at, spool in enumerate(spools):
                if at:
                    yield ",\n    "
                yield from spool.read()
            yield "\n  }"
        yield "\n}\n"

    def close(self) -> None:
        for spool in self._spools.values():
            spool.file.close()


class _Spool:
    """Text put aside in a temporary file (deleted when closed), to be read back once;
    ``separator`` between the pieces written."""

    def __init__(self, separator: str) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.separator = separator
        self.empty = True

    def write(self, text: str) -> None:
        if not self.empty:
            self.file.write(self.separator)
        self.file.write(text)
        self.empty = False

    def read(self) -> Iterator[str]:
        self.file.seek(0)
        while piece := self.file.read(1 << 16):
            yield piece
        self.file.close()


def _json_record(s: Statement) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if s.id is None:
        names = _ARGUMENTS[s.kind]
        record.update(
            (name, _json_value(arg))
            for name, arg in zip(names, s.args, strict=False)
            if arg is not None
        )
    elif s.kind == "activity" and s.args and s.args[0] is not None:
        record["prov:startTime"] = _json_value(s.args[0])
    record.update((name, _json_value(v)) for name, v in s.attributes)
    return record


def _quoted(text: str) -> str:
    return orjson.dumps(text).decode()


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = re.compile(r'["\\\n\r\t]')


def provn_string(text: str) -> str:
    """A PROV-N string literal: quotes, backslashes and line breaks escaped."""
    return '"' + _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def _provn_value(value: Value) -> str:
    if isinstance(value, QName):
        return f"'{value.name}'"
    if isinstance(value, URI):
        return f"{provn_string(value.value)} %% xsd:anyURI"
    if isinstance(value, bool):
        return f'"{str(value).lower()}" %% xsd:boolean'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return f'"{value.isoformat()}" %% xsd:dateTime'
    return provn_string(value)


def _provn(s: Statement) -> str:
    args = [a.isoformat() if isinstance(a, dt.datetime) else a or "-" for a in s.args]
    if s.id is not None:
        args.insert(0, s.id)
        if s.kind == "activity":
            args += ["-"] * (3 - len(args))  # id, start, end
    attrs = ", ".join(f"{name}={_provn_value(v)}" for name, v in s.attributes)
    return f"{s.kind}({', '.join(args)}{', [' + attrs + ']' if attrs else ''})"


def _json_value(value: Value | None) -> Any:
    if isinstance(value, QName):
        return {"$": value.name, "type": "prov:QUALIFIED_NAME"}
    if isinstance(value, URI):
        return {"$": value.value, "type": "xsd:anyURI"}
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value
