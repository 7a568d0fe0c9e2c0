"""Exporting the record: a claims document (JSON), JSON lines, CSV, ClaimReview and PROV.

Every export is a stream of text pieces, so a large record is written without being held
in memory (ClaimReview as the cross-reference comes, one proposition at a time; PROV is
built from it and written once complete). Claims are read as rows (``exported``), not
as Claim objects, which cost more than the rest of an export together. The JSON
document is the backup format: everything on record, outlets and sources with their
grades, subject aliases, predicate settings, and each claim with its history and
retraction. Importing it into an empty database and exporting again gives the same
file, byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Row, Select, or_, select
from sqlalchemy.orm import Session

from claims import store
from claims.interop.csvsafe import join_sources, neutralise
from claims.interop.readers import DOCUMENT_VERSION
from claims.parsing import Period, normalize_text
from claims.store.models import (
    Claim,
    ClaimSource,
    ClaimVersion,
    Outlet,
    Predicate,
    Source,
    SubjectAlias,
)

EXPORT_FORMATS = ("json", "jsonl", "csv", "claimreview", "prov-json", "prov-n")
# The format a file name's ending asks for, the longest ending first. To PROV tools
# PROV-JSON is plain .json, so only a name that says so (story.prov.json) asks for it;
# .jsonld is JSON-LD, which of what claims writes only ClaimReview is (schema.org).
EXPORT_EXTENSIONS = (
    (".claimreview.json", "claimreview"),
    (".prov.json", "prov-json"),
    (".json", "json"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".jsonlines", "jsonl"),
    (".csv", "csv"),
    (".jsonld", "claimreview"),
    (".provn", "prov-n"),
)
CSV_COLUMNS = (
    "id",
    "text",
    "outlet",
    "outlet_kind",
    "outlet_country",
    "outlet_reliability",
    "date",
    "sources",
    "subject",
    "predicate",
    "value",
    "as_of",
    "stance",
    "confidence",
    "url",
    "headline",
    "retracted_on",
    "retraction_note",
    "recorded_at",
    "recorded_by",
)
_YIELD_PER = 1_000  # claims loaded at a time
_IN_PIECE = 10_000  # claim ids looked up at a time
_PIECE = 1 << 16  # characters handed out at a time


@dataclass(frozen=True)
class Scope:
    """Which claims to export: all of them, or those matching every filter given."""

    subject: str | None = None  # a part of the subject
    outlet: str | None = None
    since: Period | None = None  # published on or after (by overlap, as `claims list`)
    until: Period | None = None

    @property
    def everything(self) -> bool:
        return self == Scope()


@dataclass
class ExportStats:
    claims: int = 0  # claims written
    items: int = 0  # ClaimReviews, or PROV statements


def guess_export_format(name: str) -> str | None:
    """The export format a file's name asks for, if any: ``claims.csv`` -> csv."""
    lowered = name.lower()
    return next((fmt for end, fmt in EXPORT_EXTENSIONS if lowered.endswith(end)), None)


def export(
    session: Session,
    fmt: str,
    scope: Scope = Scope(),
    *,
    stats: ExportStats | None = None,
    author: str = "claims",
    min_origins: int = 2,
) -> Iterator[str]:
    """The export in ``fmt`` (one of EXPORT_FORMATS), as pieces of text."""
    stats = stats if stats is not None else ExportStats()
    if fmt == "json":
        return _pieces(json_document(session, scope, stats))
    if fmt == "jsonl":
        return _pieces(json_lines(session, scope, stats))
    if fmt == "csv":
        return _pieces(csv_rows(session, scope, stats))
    if fmt == "claimreview":
        from claims.interop.claimreview import CONTEXT, claim_reviews

        reviews = claim_reviews(session, scope, author=author, min_origins=min_origins)
        return _pieces(_json_ld(CONTEXT, reviews, stats))
    from claims.interop.prov import provenance

    return _pieces(provenance(session, scope, fmt, stats))


def _pieces(parts: Iterable[str]) -> Iterator[str]:
    """Small strings gathered into pieces of about 64 KiB, for fewer writes."""
    buffer: list[str] = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= _PIECE:
            yield "".join(buffer)
            buffer.clear()
            size = 0
    if buffer:
        yield "".join(buffer)


# --- what is in scope --------------------------------------------------------------------


def scoped(query: Select[Any], session: Session, scope: Scope) -> Select[Any]:
    """``query`` (over claims) narrowed to the scope, as ``store.list_claims`` filters."""
    if scope.outlet is not None:
        query = query.where(Claim.outlet_id == store.find_outlet(session, scope.outlet).id)
    if scope.subject is not None:
        needle = normalize_text(scope.subject)
        query = query.where(Claim.subject_key.contains(needle, autoescape=True))
    if scope.since is not None:
        query = query.where(Claim.published_until >= scope.since.start)
    if scope.until is not None:
        query = query.where(Claim.published_on <= scope.until.end)
    return query


@dataclass(frozen=True, slots=True)
class ExportedClaim:
    """A claim as the exports (and ``claims list``) read it: its row of the claims table,
    its outlet's row, its sources' rows (in the order given) and its earlier versions'
    rows."""

    claim: Row[Any]
    outlet: Row[Any]
    sources: list[Row[Any]]
    versions: list[Row[Any]]

    def as_dict(self) -> dict[str, Any]:
        """As ``claims show --json`` prints it."""
        return store.claim_dict(self.claim, self.outlet.name, self.sources)

    def record(self) -> dict[str, Any]:
        """As ``claims show --json`` prints it, with its history."""
        record = self.as_dict()
        record["history"] = store.history_dicts(self.versions)
        return record

    def outlet_columns(self) -> dict[str, Any]:
        return {
            "outlet_kind": self.outlet.kind,
            "outlet_country": self.outlet.country,
            "outlet_reliability": self.outlet.reliability,
        }


def exported(
    session: Session, scope: Scope, ids: Iterable[int] | None = None
) -> Iterator[ExportedClaim]:
    """The claims in scope (or those of ``ids``), in id order, as rows, a thousand at a
    time. Rows, not Claim objects: at 100,000 claims, loading them as objects (with their
    outlets, sources and versions) was two thirds of an export. Outlets and sources are
    read once; each thousand claims' attributions and versions by one query each."""
    outlets = {row.id: row for row in session.execute(select(Outlet.__table__))}
    sources = {row.id: row for row in session.execute(select(Source.__table__))}
    if ids is None:
        queries = [scoped(select(Claim.__table__), session, scope)]
    else:  # in pieces: PostgreSQL takes at most 65,535 values in a statement
        wanted = sorted(set(ids))
        queries = [
            select(Claim.__table__).where(Claim.id.in_(wanted[at : at + _IN_PIECE]))
            for at in range(0, len(wanted), _IN_PIECE)
        ]
    for query in queries:
        rows = session.execute(query.order_by(Claim.id).execution_options(yield_per=_YIELD_PER))
        for batch in rows.partitions():
            in_batch = [row.id for row in batch]
            cited: dict[int, list[Row[Any]]] = defaultdict(list)
            links = select(ClaimSource.claim_id, ClaimSource.source_id).where(
                ClaimSource.claim_id.in_(in_batch)
            )
            for claim_id, source_id in session.execute(
                links.order_by(ClaimSource.claim_id, ClaimSource.position)
            ):
                cited[claim_id].append(sources[source_id])
            versions: dict[int, list[Row[Any]]] = defaultdict(list)
            earlier = select(ClaimVersion.__table__).where(ClaimVersion.claim_id.in_(in_batch))
            for version in session.execute(
                earlier.order_by(ClaimVersion.claim_id, ClaimVersion.version)
            ):
                versions[version.claim_id].append(version)
            for row in batch:
                yield ExportedClaim(row, outlets[row.outlet_id], cited[row.id], versions[row.id])


# --- the claims document -------------------------------------------------------------------


def json_document(session: Session, scope: Scope, stats: ExportStats) -> Iterator[str]:
    yield f'{{\n  "format": "claims",\n  "version": {DOCUMENT_VERSION},\n'
    claim_ids = scoped(select(Claim.id), session, scope)
    source_ids = select(ClaimSource.source_id).where(ClaimSource.claim_id.in_(claim_ids))
    outlets = select(Outlet).order_by(Outlet.id)
    sources = select(Source).order_by(Source.id)
    if not scope.everything:  # only what the claims in scope name
        cited = select(Source.outlet_id).where(Source.id.in_(source_ids))
        outlets = outlets.where(
            or_(
                Outlet.id.in_(scoped(select(Claim.outlet_id), session, scope)), Outlet.id.in_(cited)
            )
        )
        sources = sources.where(Source.id.in_(source_ids))
    yield from _section("outlets", (_outlet(o) for o in session.scalars(outlets)))
    yield from _section("sources", (_source(s) for s in session.scalars(sources)))
    aliases = session.scalars(select(SubjectAlias).order_by(SubjectAlias.id))
    yield from _section("aliases", (alias_record(a) for a in aliases))
    predicates = session.scalars(select(Predicate).order_by(Predicate.id))
    yield from _section("predicates", (_predicate(p) for p in predicates))
    yield from _section("claims", _counted(exported(session, scope), stats), last=True)
    yield "}\n"


def _json_ld(context: str, graph: Iterable[dict[str, Any]], stats: ExportStats) -> Iterator[str]:
    """A JSON-LD document, its graph written as it comes (as json.dumps(indent=2)
    would write the whole), so that it is never all in memory.

    JSON-LD is published inside a web page's ``<script type="application/ld+json">``:
    a claim's text holding ``</script>`` would end that block there and run the rest
    as HTML. ``<``, ``>`` and ``&`` are written as ``\\u003c``... (the same text to any
    JSON reader); outside strings, JSON has none of them."""
    yield f'{{\n  "@context": {json.dumps(context)},\n'

    def counted() -> Iterator[dict[str, Any]]:
        for item in graph:
            stats.items += 1
            yield item

    for piece in _section("@graph", counted(), last=True):
        yield piece.translate(_SCRIPT_SAFE)
    yield "}\n"


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _counted(claims: Iterable[ExportedClaim], stats: ExportStats) -> Iterator[dict[str, Any]]:
    for claim in claims:
        stats.claims += 1
        yield claim.record()


def _section(name: str, items: Iterable[dict[str, Any]], last: bool = False) -> Iterator[str]:
    yield f'  "{name}": ['
    first = True
    for item in items:
        text = indented(item).replace("\n", "\n    ")
        yield ("\n    " if first else ",\n    ") + text
        first = False
    yield ("]" if first else "\n  ]") + ("\n" if last else ",\n")


def indented(item: dict[str, Any]) -> str:
    """``json.dumps(item, indent=2, ensure_ascii=False)``, written by orjson (ten times
    quicker) where the two write the same text: for objects of text, whole numbers,
    true, false and null, and lists and objects of those (the tests compare them). A
    claim's history holds its earlier versions as they were recorded or imported, which
    ``json`` writes, as it always has."""
    if item.get("history"):
        return json.dumps(item, indent=2, ensure_ascii=False)
    return orjson.dumps(item, option=orjson.OPT_INDENT_2).decode()


def _timestamp(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def _outlet(o: Outlet) -> dict[str, Any]:
    return {
        "id": o.id,
        "name": o.name,
        "kind": o.kind,
        "country": o.country,
        "reliability": o.reliability,
        "created_at": _timestamp(o.created_at),
        "created_by": o.created_by,
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "name": s.name,
        "role": s.role,
        "reliability": s.reliability,
        "created_at": _timestamp(s.created_at),
        "created_by": s.created_by,
    }


def alias_record(a: SubjectAlias) -> dict[str, Any]:
    """A declared alias as the claims document and `claims aliases --json` write it."""
    return {
        "subject": a.subject,
        "other": a.other,
        "created_at": _timestamp(a.created_at),
        "created_by": a.created_by,
    }


def _predicate(p: Predicate) -> dict[str, Any]:
    return {
        "name": p.name,
        "multi_valued": p.multi_valued,
        "updated_at": _timestamp(p.updated_at),
        "updated_by": p.updated_by,
    }


# --- JSON lines and CSV ------------------------------------------------------------------


def json_lines(session: Session, scope: Scope, stats: ExportStats) -> Iterator[str]:
    """One claim per line, carrying its outlet's settings and its sources' grades, so that
    each line can be imported on its own."""
    for claim in exported(session, scope):
        stats.claims += 1
        record = claim.record()
        record.update(claim.outlet_columns())
        for entry, source in zip(record["sources"], claim.sources, strict=True):
            entry["reliability"] = source.reliability
        yield json.dumps(record, ensure_ascii=False) + "\n"


def csv_rows(session: Session, scope: Scope, stats: ExportStats) -> Iterator[str]:
    """One claim per row, sources joined with '; ', every cell safe from formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for claim in exported(session, scope):
        stats.claims += 1
        record = claim.as_dict() | claim.outlet_columns()
        record["sources"] = join_sources(f"{s['kind']}:{s['name']}" for s in record["sources"])
        writer.writerow([neutralise(_cell(record[column])) for column in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
