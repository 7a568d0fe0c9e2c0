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
- a source that speaks for another (``claims source link``: a spokesman for a ministry,
  a ministry for a government) acted on its behalf (``actedOnBehalfOf``), up the chain;
  a document speaking for a body (an army's statement) is attributed to it
  (``wasAttributedTo``), both typed ``claims:SpeaksFor``. A principal that is not a
  source the claims name is written as an agent all the same (a document cannot be one:
  no one acts on a document's behalf, so such a link is left out);
- a retraction is an activity that invalidated the claim (``wasInvalidatedBy``), and each
  earlier version of an edited claim an entity it is a revision of (``wasRevisionOf``);
  the version a retraction replaced is derived as a ``claims:Withdrawal``, not a revision
  (not a word of it changed). Every version is attributed to the outlet.

PROV-N has no keywords of its own for quotation, primary source and revision: they are
derivations typed ``prov:Quotation``, ``prov:PrimarySource`` and ``prov:Revision``.
The documents are written by hand (``provdocument``; the ``prov`` package reads them
back in the tests), so that exporting costs no extra dependency.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from claims import verdicts
from claims.facts import identity
from claims.interop.provdocument import NAMESPACE, URI, Document, QName, provn_string
from claims.interop.writing import ExportStats
from claims.store.exports import ExportedClaim, exported, outlet_rows, speaking_for
from claims.store.scope import Scope, claim_ids
from claims.xref import origin_tree

if TYPE_CHECKING:
    from sqlalchemy import Row
    from sqlalchemy.orm import Session

    from claims.store.models import Outlet

_AGENT_TYPES = {
    "person": "prov:Person",
    "anonymous": "prov:Person",
    "official": "prov:Organization",
    "organization": "prov:Organization",
}


def provenance(
    session: Session, scope: Scope, fmt: str, stats: ExportStats | None = None
) -> Iterator[str]:
    """The claims in scope, the claims they quote (and so on up the chain), their outlets
    and sources, as one PROV document in ``fmt`` (prov-json or prov-n), in pieces;
    ``stats`` counts its claims and statements."""
    quotes = _quotations(session, scope)
    # Outlets by id: a source that is an outlet stands for that outlet's agent.
    all_outlets = outlet_rows(session)
    document = Document(fmt)
    try:
        outlets: dict[int, Row[Any]] = {}  # those the claims name: few next to claims
        sources: dict[int, Row[Any]] = {}
        for claim in _claims(session, scope, quotes):
            document.claims += 1
            outlets[claim.outlet.id] = claim.outlet
            for source in claim.sources:
                sources[source.id] = source
                if source.outlet_id is not None:
                    outlets[source.outlet_id] = all_outlets[source.outlet_id]
            document.section = "claims"
            _claim_nodes(document, claim)
            document.section = "relations"
            _relations(document, claim, quotes.get(claim.claim.id, {}), all_outlets)
        nodes = _Nodes(document, all_outlets, outlets, sources)
        _delegations(document, nodes, *speaking_for(session))
        document.section = "outlets"
        for o in sorted(nodes.outlets.values(), key=lambda o: o.id):
            document.add(
                "agent",
                outlet_id(o),
                prov_type=QName("prov:Organization"),
                prov_label=o.name,
                claims_kind=o.kind,
                claims_country=o.country,
                claims_reliability=o.reliability,
            )
        document.section = "sources"
        for s in sorted(nodes.sources.values(), key=lambda s: s.id):
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
        if stats is not None:
            stats.claims, stats.items = document.claims, document.statements
        yield from document.text()
    finally:
        document.close()


class _Nodes:
    """The outlets' and sources' nodes of the document, by identity (``facts.identity``:
    one body under several kinds is one): those the claims name, and the principals the
    delegations add."""

    def __init__(
        self,
        document: Document,
        all_outlets: dict[int, Row[Any]],
        outlets: dict[int, Row[Any]],
        sources: dict[int, Row[Any]],
    ) -> None:
        self.document = document
        self.outlets, self.sources = outlets, sources
        self.outlets_by_key = {identity("outlet", o.name_key): o for o in all_outlets.values()}
        # identity -> its nodes: (node id, "entity" or "agent"), the outlet's first
        self.ids: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for o in sorted(outlets.values(), key=lambda o: o.id):
            self.ids[identity("outlet", o.name_key)].append((outlet_id(o), "agent"))
        for s in sorted(sources.values(), key=lambda s: s.id):
            if s.kind != "outlet":  # (the outlet's agent stands for it)
                self.ids[identity(s.kind, s.name_key)].append((source_id(s), _node_kind(s.kind)))

    def principal(
        self, key: tuple[str, str], kind: str, name: str, on_record: Row[Any] | None
    ) -> tuple[str, str]:
        """The node a principal is acted for through: one already in the document (an
        agent rather than a document), else its outlet, the source on record, or an
        agent of its own, added."""
        if key not in self.ids:
            outlet = self.outlets_by_key.get(key) if kind == "outlet" else None
            if outlet is not None:
                self.outlets[outlet.id] = outlet
                self.ids[key].append((outlet_id(outlet), "agent"))
            elif on_record is not None and on_record.kind != "outlet":
                self.sources[on_record.id] = on_record
                self.ids[key].append((source_id(on_record), _node_kind(on_record.kind)))
            else:
                node = (self._new_id(kind, name), _node_kind(kind))
                self.ids[key].append(node)
                if node[1] == "agent":
                    self.document.section = "sources"
                    self.document.add(
                        "agent",
                        node[0],
                        prov_type=QName(_AGENT_TYPES.get(kind, "prov:Organization")),
                        prov_label=name,
                        claims_kind=kind,
                    )
        nodes = self.ids[key]
        return next((n for n in nodes if n[1] == "agent"), nodes[0])

    def _new_id(self, kind: str, name: str) -> str:
        """claims:principal-organization-ministry-of-unification; two of one slug apart
        by a number."""
        slug = _slug(name)
        base = f"claims:principal-{kind}" + (f"-{slug}" if slug else "")
        taken = {ident for nodes in self.ids.values() for ident, _ in nodes}
        candidates = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
        return next(ident for ident in candidates if ident not in taken)


def _delegations(
    document: Document,
    nodes: _Nodes,
    links: list[Row[Any]],
    principals: dict[tuple[str, str], Row[Any]],
) -> None:
    """Each outlet or source of the document that speaks for another, and so on up the
    chain: an agent acted on its principal's behalf, a document was attributed to it."""
    by_speaker = {identity(link.kind, link.name_key): link for link in links}
    waiting = sorted(key for key in nodes.ids if key in by_speaker)
    done: set[tuple[str, str]] = set()
    while waiting:
        speaker = waiting.pop(0)
        if speaker in done:
            continue
        done.add(speaker)
        link = by_speaker[speaker]
        key = identity(link.principal_kind, link.principal_key)
        target, target_kind = nodes.principal(
            key, link.principal_kind, link.principal_name, principals.get(key)
        )
        if key in by_speaker:
            waiting.append(key)
        if target_kind != "agent":
            continue  # no one acts on a document's behalf
        document.section = "relations"
        for node, kind in nodes.ids[speaker]:
            relation = "wasAttributedTo" if kind == "entity" else "actedOnBehalfOf"
            document.add(relation, None, node, target, prov_type=QName("claims:SpeaksFor"))


def _node_kind(kind: str) -> str:
    return "entity" if kind == "document" else "agent"


def _claims(
    session: Session, scope: Scope, quotes: dict[int, dict[str, list[int]]]
) -> Iterator[ExportedClaim]:
    """The claims in scope and, though out of scope, the claims they quote (and so on up
    the chain): all in id order, read as they are written."""
    if scope.everything:
        return exported(session, scope)  # every claim already
    in_scope = claim_ids(session, scope)
    # The quotations of the claims in scope only: those of claims left out bring nothing.
    quoted: set[int] = set()
    wanted = [t for i in in_scope for ids in quotes.get(i, {}).values() for t in ids]
    while wanted:
        missing = {i for i in wanted if i not in in_scope and i not in quoted}
        quoted |= missing
        wanted = [t for i in missing for ids in quotes.get(i, {}).values() for t in ids]
    if not quoted:
        return exported(session, scope)
    return heapq.merge(
        exported(session, scope),
        exported(session, scope, ids=quoted),
        key=lambda claim: int(claim.claim.id),
    )


def _quotations(session: Session, scope: Scope) -> dict[int, dict[str, list[int]]]:
    """claim id -> cited outlet ('outlet:Korea Times') -> the claims it stands for."""
    found: dict[int, dict[str, list[int]]] = {}
    for facts, _ in verdicts.judged(session, subject=scope.subject):
        for fact in facts:
            if not any(s.kind == "outlet" for s in fact.sources):
                continue
            tree = origin_tree(facts, fact.id)
            for cite in tree.get("cites", []):  # type: ignore[attr-defined]
                if "via" in cite:
                    targets = [child["claim"] for child in cite["via"]]
                    found.setdefault(fact.id, {})[cite["source"]] = targets
    return found


def _claim_nodes(document: Document, claim: ExportedClaim) -> None:
    """A claim's entity, its earlier versions' and its retraction."""
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
        # The article it was published in, by its id (the backup's "articles" list).
        claims_article=record.get("article"),
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


__all__ = ["NAMESPACE", "provenance", "provn_string", "claim_id", "outlet_id", "source_id"]
