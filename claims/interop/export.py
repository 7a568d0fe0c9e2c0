"""Export: one writer per format, chosen from a table. Every export is a stream of text
pieces, so a large record is written without being held in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from claims.interop import claimreview, document, prov
from claims.interop.writing import ExportStats, json_ld, pieces
from claims.store.scope import Scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# A writer: (session, scope, stats, options) -> pieces of text.
Writer = Callable[["Session", Scope, ExportStats, "Options"], Iterable[str]]


class Options:
    """What some writers take beside the scope."""

    def __init__(self, *, author: str = "claims", min_origins: int = 2) -> None:
        self.author = author
        self.min_origins = min_origins


def _claimreview(session: Session, scope: Scope, stats: ExportStats, o: Options) -> Iterable[str]:
    reviews = claimreview.claim_reviews(session, scope, author=o.author, min_origins=o.min_origins)
    return json_ld(claimreview.CONTEXT, reviews, stats)


WRITERS: dict[str, Writer] = {
    "json": lambda session, scope, stats, _: document.json_document(session, scope, stats),
    "jsonl": lambda session, scope, stats, _: document.json_lines(session, scope, stats),
    "csv": lambda session, scope, stats, _: document.csv_rows(session, scope, stats),
    "claimreview": _claimreview,
    "prov-json": lambda session, scope, stats, _: prov.provenance(
        session, scope, "prov-json", stats
    ),
    "prov-n": lambda session, scope, stats, _: prov.provenance(session, scope, "prov-n", stats),
}
EXPORT_FORMATS = tuple(WRITERS)
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
    options = Options(author=author, min_origins=min_origins)
    return pieces(WRITERS[fmt](session, scope, stats, options))
