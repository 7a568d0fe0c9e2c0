"""W3C PROV: who said what, citing whom, as a provenance graph (PROV-JSON and PROV-N).

The record maps onto PROV (https://www.w3.org/TR/prov-dm/) like this:

- outlets are agents (``prov:Organization``), and so are the people, officials,
  organisations and anonymous sources that claims are attributed to;
- each claim is an entity, attributed to its outlet (``wasAttributedTo``, role
  ``publisher``) and to the sources the outlet names (role ``source``);
- a claim resting on a document has it as primary source (``hadPrimarySource``: the
  document is an entity);
- a claim citing another outlet is quoted from that outlet's claims on the same
  proposition and value (``wasQuotedFrom``, resolved by the cross-reference as for
  ``claims show``); when that outlet has no such claim on record, the claim was
  influenced by the outlet itself (``wasInfluencedBy``);
- a retraction is an activity that invalidated the claim (``wasInvalidatedBy``), and each
  earlier version of an edited claim an entity it is a revision of (``wasRevisionOf``);
  the version a retraction replaced is derived as a ``claims:Withdrawal``, not a revision
  (not a word of it changed). Every version is attributed to the outlet.

PROV-N has no keywords of its own for quotation, primary source and revision: they are
derivations typed ``prov:Quotation``, ``prov:PrimarySource`` and ``prov:Revision``.
The documents are written by hand here (the ``prov`` package reads them back in the
tests), so that exporting costs no extra dependency.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from claims import evidence
from claims.interop.exporter import ExportedClaim, Scope, exported
from claims.models import Outlet
from claims.xref import origin_tree

NAMESPACE = "urn:claims:"  # identifiers are claims:claim-28, claims:outlet-2-rbc...
_AGENT_TYPES = {
    "person": "prov:Person",
    "anonymous": "prov:Person",
    "official": "prov:Organization",
    "organization": "prov:Organization",
}
# The order of each relation's arguments: (PROV-JSON key, PROV-N position).
_ARGUMENTS = {
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


@dataclass
class Document:
    statements: list[Statement] = field(default_factory=list)
    claims: int = 0

    def add(self, kind: str, ident: str | None, *args: Any, **attrs: Value | None) -> None:
        pairs = tuple((name.replace("_", ":", 1), v) for name, v in attrs.items() if v is not None)
        self.statements.append(Statement(kind, ident, args, pairs))

    def provn(self) -> Iterator[str]:
        """PROV-N, a line at a time."""
        yield f"document\n  prefix claims <{NAMESPACE}>\n\n"
        for s in self.statements:
            yield "  " + _provn(s) + "\n"
        yield "endDocument\n"

    def json(self) -> Iterator[str]:
        """PROV-JSON in pieces, as ``json.dumps(indent=2)`` writes the bundle: each kind
        of statement, in the order of its first, and each statement by its identifier
        (blank nodes numbered per kind). Written statement by statement, by orjson
        (which writes text, whole numbers and objects of them as ``json`` does), so that
        the whole never stands in memory twice, as objects and as text."""
        kinds: dict[str, dict[str, Statement]] = {}
        counts: dict[str, int] = {}
        for s in self.statements:
            if s.id is None:
                counts[s.kind] = counts.get(s.kind, 0) + 1
                ident = f"_:{s.kind}{counts[s.kind]}"
            else:
                ident = s.id
            kinds.setdefault(s.kind, {})[ident] = s
        yield '{\n  "prefix": {\n    "claims": ' + _quoted(NAMESPACE) + "\n  }"
        for kind, members in kinds.items():
            yield ",\n  " + _quoted(kind) + ": {"
            separator = "\n    "
            for ident, s in members.items():
                record = orjson.dumps(_json_record(s), option=orjson.OPT_INDENT_2).decode()
                yield separator + _quoted(ident) + ": " + record.replace("\n", "\n    ")
                separator = ",\n    "
            yield "\n  }"
        yield "\n}\n"


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


def provenance(session: Session, scope: Scope) -> Document:
    """The claims in scope, the claims they quote (and so on up the chain), their outlets
    and sources, as one PROV document."""
    quotes = _quotations(session, scope)
    claims = {c.claim.id: c for c in exported(session, scope)}
    # The quotations of the claims in scope only: those of claims left out bring nothing.
    wanted = [t for i in claims for ids in quotes.get(i, {}).values() for t in ids]
    while wanted:  # the claims quoted, and the ones those quote, though out of scope
        missing = [i for i in dict.fromkeys(wanted) if i not in claims]
        wanted = []
        for claim in exported(session, scope, ids=missing) if missing else ():
            claims[claim.claim.id] = claim
            wanted += [t for ids in quotes.get(claim.claim.id, {}).values() for t in ids]
    document = Document(claims=len(claims))
    ordered = [claims[i] for i in sorted(claims)]
    # Outlets by id: a source that is an outlet stands for that outlet's agent.
    outlets = {row.id: row for row in session.execute(select(Outlet.__table__))}
    _nodes(document, ordered, outlets)
    for claim in ordered:
        _relations(document, claim, quotes.get(claim.claim.id, {}), outlets)
    return document


def _quotations(session: Session, scope: Scope) -> dict[int, dict[str, list[int]]]:
    """claim id -> cited outlet ('outlet:Korea Times') -> the claims it stands for."""
    found: dict[int, dict[str, list[int]]] = {}
    for facts, _ in evidence.judged(session, subject=scope.subject):
        for fact in facts:
            if not any(s.kind == "outlet" for s in fact.sources):
                continue
            tree = origin_tree(facts, fact.id)
            for cite in tree.get("cites", []):  # type: ignore[attr-defined]
                if "via" in cite:
                    targets = [child["claim"] for child in cite["via"]]
                    found.setdefault(fact.id, {})[cite["source"]] = targets
    return found


def _nodes(
    document: Document, claims: list[ExportedClaim], all_outlets: dict[int, Row[Any]]
) -> None:
    outlets: dict[int, Row[Any]] = {}
    sources: dict[int, Row[Any]] = {}
    for claim in claims:
        outlets[claim.outlet.id] = claim.outlet
        for source in claim.sources:
            sources[source.id] = source
            if source.outlet_id is not None:
                outlets[source.outlet_id] = all_outlets[source.outlet_id]
    for o in sorted(outlets.values(), key=lambda o: o.id):
        document.add(
            "agent",
            outlet_id(o),
            prov_type=QName("prov:Organization"),
            prov_label=o.name,
            claims_kind=o.kind,
            claims_country=o.country,
            claims_reliability=o.reliability,
        )
    for s in sorted(sources.values(), key=lambda s: s.id):
        if s.kind == "outlet":
            continue  # the outlet's agent stands for it
        document.add(
            "entity" if s.kind == "document" else "agent",
            source_id(s),
            prov_type=QName(_AGENT_TYPES.get(s.kind, "claims:Document")),
            prov_label=s.name,
            claims_kind=s.kind,
            claims_role=s.role,
            claims_reliability=s.reliability,
        )
    for claim in claims:
        me = claim_id(claim.claim.id)
        for version in claim.versions:
            _claim_entity(document, f"{me}-v{version.version}", _snapshot(version))
        _claim_entity(document, me, claim.as_dict())
        if claim.claim.retracted_on is not None:
            when = dt.datetime.combine(claim.claim.retracted_on, dt.time())
            document.add(
                "activity",
                f"claims:retraction-{claim.claim.id}",
                when,
                prov_type=QName("claims:Retraction"),
                prov_label=claim.claim.retraction_note,
            )


# What _claim_entity reads of a claim: text, but for two whole numbers.
_ENTITY_TEXT = (
    "text",
    "date",
    "subject",
    "predicate",
    "value",
    "as_of",
    "stance",
    "url",
    "headline",
)
_ENTITY_NUMBERS = ("confidence", "version")


def _snapshot(version: Any) -> dict[str, Any]:
    """An earlier version of a claim, as stored by this version of claims or an older
    one: import checks it as a claim now, but a field may be missing, or be of another
    type (written as JSON then, in place of the text or the number)."""
    loaded = json.loads(version.snapshot)
    fields = loaded if isinstance(loaded, dict) else {}
    found: dict[str, Any] = {name: _text(fields.get(name)) for name in _ENTITY_TEXT}
    for name in _ENTITY_NUMBERS:
        value = fields.get(name)
        found[name] = value if type(value) is int else _text(value)
    return found


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _claim_entity(document: Document, ident: str, record: dict[str, Any]) -> None:
    proposition = None
    if record["subject"]:
        verb = "is not" if record["stance"] == "denies" else "="
        as_of = f" as of {record['as_of']}" if record["as_of"] else ""
        proposition = f"{record['subject']} | {record['predicate']} {verb} {record['value']}{as_of}"
    document.add(
        "entity",
        ident,
        prov_type=QName("claims:Claim"),
        prov_label=record["text"],
        claims_published=record["date"],
        claims_proposition=proposition,
        claims_confidence=record["confidence"],
        claims_version=record["version"],
        claims_url=URI(record["url"]) if record["url"] else None,
        claims_headline=record["headline"],
    )


def _relations(
    document: Document,
    claim: ExportedClaim,
    quotes: dict[str, list[int]],
    outlets: dict[int, Row[Any]],
) -> None:
    me = claim_id(claim.claim.id)
    document.add("wasAttributedTo", None, me, outlet_id(claim.outlet), claims_role="publisher")
    for source in claim.sources:
        if source.kind == "document":
            primary = QName("prov:PrimarySource")
            document.add("wasDerivedFrom", None, me, source_id(source), prov_type=primary)
        elif source.kind == "outlet" and source.outlet_id is not None:
            targets = quotes.get(f"outlet:{source.name}", [])
            for target in targets:
                quotation = QName("prov:Quotation")
                document.add(
                    "wasDerivedFrom", None, me, f"claims:claim-{target}", prov_type=quotation
                )
            if not targets:
                document.add(
                    "wasInfluencedBy",
                    None,
                    me,
                    outlet_id(outlets[source.outlet_id]),
                    prov_type=QName("claims:Citation"),
                )
        else:
            document.add("wasAttributedTo", None, me, source_id(source), claims_role="source")
    names = [f"{me}-v{v.version}" for v in claim.versions] + [me]
    for version, earlier, later in zip(claim.versions, names, names[1:], strict=False):
        # An edit made a revision; a retraction changed no word of it: the same claim,
        # withdrawn (and invalidated, below), not a revision.
        kind = "claims:Withdrawal" if version.change == "retract" else "prov:Revision"
        document.add("wasDerivedFrom", None, later, earlier, prov_type=QName(kind))
        # Each version was published by the outlet, as the claim is.
        document.add(
            "wasAttributedTo", None, earlier, outlet_id(claim.outlet), claims_role="publisher"
        )
    if claim.claim.retracted_on is not None:
        when = dt.datetime.combine(claim.claim.retracted_on, dt.time())
        document.add("wasInvalidatedBy", None, me, f"claims:retraction-{claim.claim.id}", when)


# --- identifiers ------------------------------------------------------------------------


def _slug(name: str) -> str:
    """ASCII letters and digits of a name, for readable identifiers: 'korea-times'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))[:40].strip("-")


def claim_id(ident: int) -> str:
    return f"claims:claim-{ident}"


def outlet_id(outlet: Outlet | Row[Any]) -> str:
    slug = _slug(outlet.name)
    return f"claims:outlet-{outlet.id}" + (f"-{slug}" if slug else "")


def source_id(source: Row[Any]) -> str:
    slug = _slug(source.name)
    return f"claims:source-{source.id}" + (f"-{slug}" if slug else "")


# --- writing ------------------------------------------------------------------------------

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
