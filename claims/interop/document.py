"""The project's own formats: the claims document (JSON, the backup), JSON lines and CSV.

The JSON document is the backup format: everything on record, outlets and sources with
their grades, subject aliases, predicate settings, who speaks for whom, parties to a
subject, the log of changes, and each claim with its history and retraction. Importing
it into an empty database and exporting again gives the same file, byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from claims.interop.csvsafe import join_sources, neutralise
from claims.interop.readers import DOCUMENT_VERSION
from claims.interop.writing import ExportStats, section, section_if_any, timestamp
from claims.store.bodies import link_record, party_record
from claims.store.exports import ExportedClaim, exported, registry
from claims.store.records import article_date
from claims.store.scope import Scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from claims.store.models import Article, Change, Outlet, Predicate, Source, SubjectAlias

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
    "article",
    "retracted_on",
    "retraction_note",
    "recorded_at",
    "recorded_by",
)


def json_document(session: Session, scope: Scope, stats: ExportStats) -> Iterator[str]:
    yield f'{{\n  "format": "claims",\n  "version": {DOCUMENT_VERSION},\n'
    on_record = registry(session, scope)
    yield from section("outlets", (_outlet(o) for o in on_record.outlets))
    yield from section("sources", (_source(s) for s in on_record.sources))
    yield from section("articles", (article_record(a) for a in on_record.articles))
    yield from section("aliases", (alias_record(a) for a in on_record.aliases))
    yield from section("predicates", (predicate_record(p) for p in on_record.predicates))
    # Written only when there is something in them: a record without links, parties or
    # changes exports to the very file it did before these sections were carried.
    yield from section_if_any("links", (link_record(row) for row in on_record.links))
    yield from section_if_any("parties", (party_record(row) for row in on_record.parties))
    yield from section_if_any("changes", (change_record(c) for c in on_record.changes))
    yield from section("claims", _counted(exported(session, scope), stats), last=True)
    yield "}\n"


def _counted(claims: Iterable[ExportedClaim], stats: ExportStats) -> Iterator[dict[str, Any]]:
    for claim in claims:
        stats.claims += 1
        yield claim.record()


def _outlet(o: Outlet) -> dict[str, Any]:
    return {
        "id": o.id,
        "name": o.name,
        "kind": o.kind,
        "country": o.country,
        "reliability": o.reliability,
        "created_at": timestamp(o.created_at),
        "created_by": o.created_by,
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "name": s.name,
        "role": s.role,
        "reliability": s.reliability,
        "created_at": timestamp(s.created_at),
        "created_by": s.created_by,
    }


def article_record(a: Article) -> dict[str, Any]:
    """An article as the claims document writes it (its claims say which they are in)."""
    return {
        "id": a.id,
        "outlet": a.outlet.name,
        "date": article_date(a).iso(),
        "url": a.url,
        "headline": a.headline,
        "byline": a.byline,
        "retracted_on": a.retracted_on.isoformat() if a.retracted_on else None,
        "retraction_note": a.retraction_note,
        "created_at": timestamp(a.created_at),
        "created_by": a.created_by,
    }


def alias_record(a: SubjectAlias) -> dict[str, Any]:
    """A declared alias as the claims document and `claims aliases --json` write it."""
    return {
        "subject": a.subject,
        "other": a.other,
        "created_at": timestamp(a.created_at),
        "created_by": a.created_by,
    }


def removed_record(c: Change) -> dict[str, Any]:
    """A declaration taken back (an alias, a link, a party), as the listings' --removed
    write it: the declaration as it was, then who removed it and when."""
    record: dict[str, Any] = json.loads(c.record)
    return record | {"removed_at": timestamp(c.changed_at), "removed_by": c.changed_by}


def change_record(c: Change) -> dict[str, Any]:
    """A change, as `claims changes --json` writes it: what the record was before it."""
    return {
        "id": c.id,
        "kind": c.kind,
        "was": json.loads(c.record),
        "changed_at": timestamp(c.changed_at),
        "changed_by": c.changed_by,
    }


def predicate_record(p: Predicate) -> dict[str, Any]:
    return {
        "name": p.name,
        "multi_valued": p.multi_valued,
        "updated_at": timestamp(p.updated_at),
        "updated_by": p.updated_by,
    }


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
