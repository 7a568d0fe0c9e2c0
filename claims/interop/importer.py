"""Importing claims from CSV, JSON lines and JSON: all or nothing, every problem listed.

One pass over the files, in one transaction. Every record is checked as ``claims add``
checks a claim; good ones are written in batches as they come. By default one bad record
fails the import: the rest of the files are still checked, so that *every* problem is
listed (``FILE:LINE: field: what is wrong``), and then the transaction is rolled back, so
nothing is written. With ``on_error="skip"`` the good records are written and the bad
ones handed, unchanged, to ``Rejects``. A dry run does everything and rolls back.

Importing the same file twice adds nothing the second time: a claim already on record
(same outlet, date, text and URL after normalisation) is counted, not written again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Literal

from claims import checks
from claims.collector import fewer_collections
from claims.errors import ClaimsError, InvalidValue
from claims.interop.readers import InputFile, Record
from claims.interop.records import (
    AliasSpec,
    ArticleSpec,
    ChangeSpec,
    Checker,
    ClaimItem,
    LinkSpec,
    OutletSpec,
    PartySpec,
    PredicateSpec,
    Problem,
    RecordInvalid,
    SourceSpec,
    quick_name_key,
    unknown_fields,
)
from claims.store.bulk import BulkWriter
from claims.store.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CHUNK = 5_000  # claims written per batch
OnError = Literal["abort", "skip"]


@dataclass(frozen=True)
class FileProblem:
    """One problem, where it is."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class ImportSummary:
    """What an import read, wrote, skipped and noticed."""

    files: list[str]
    dry_run: bool = False
    read: int = 0  # claim records read
    added: int = 0  # claims written
    on_record: int = 0  # good claims not written: already on record (or twice in the files)
    rejected: int = 0  # bad records set aside (on_error="skip")
    new_outlets: list[str] = field(default_factory=list)
    new_sources: list[str] = field(default_factory=list)
    articles: int = 0  # articles recorded from a document's article list
    aliases: int = 0  # subject aliases declared
    predicates: int = 0  # predicate settings changed
    links: int = 0  # sources declared to speak for others
    parties: int = 0  # parties to a subject declared
    changes: int = 0  # entries of the log of changes kept
    problems: list[FileProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # near-duplicate names, ignored fields
    failed: bool = False  # a problem stopped the import: nothing was written
    written: bool = False  # committed

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "dry_run": self.dry_run,
            "written": self.written,
            "read": self.read,
            "added": self.added,
            "already_on_record": self.on_record,
            "rejected": self.rejected,
            "new_outlets": self.new_outlets,
            "new_sources": self.new_sources,
            "aliases": self.aliases,
            "predicates": self.predicates,
            "links": self.links,
            "parties": self.parties,
            "changes": self.changes,
            "problems": [str(p) for p in self.problems],
            "notes": self.notes,
        }


class ImportFailed(ClaimsError):
    """Records could not be imported, so nothing was; carries the summary and problems."""

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        n = len(summary.problems)
        super().__init__(
            f"{n} problem{'s' if n != 1 else ''} in {', '.join(summary.files)}; "
            "nothing was imported"
        )


class Rejects:
    """Rejected records, written unchanged in their file's format, to be fixed and imported
    again: CSV rows under their header, JSON lines as lines, JSON records as a list (or,
    from a claims document, a document with the same sections)."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.format: str | None = None
        self.header: str | None = None
        self.count = 0
        self._shape = ""
        self._section: str | None = None

    def add(self, source: InputFile, record: Record) -> None:
        if self.format is None:
            self.format, self.header, self._shape = source.format, source.header, source.shape
            if self.format == "csv" and self.header is not None:
                self.out.write(self.header if self.header.endswith("\n") else self.header + "\n")
        elif (source.format, source.header) != (self.format, self.header):
            raise ClaimsError(
                f"rejects: records of {source.name} cannot go in one file with those of the "
                "files before it (another format or other columns); import it on its own"
            )
        self.count += 1
        if self.format != "json":
            self.out.write(record.raw if record.raw.endswith("\n") else record.raw + "\n")
            return
        if self._shape == "document":
            if record.section != self._section:
                self.out.write(
                    ("\n  ],\n" if self._section else "{\n") + f'  "{record.section}": [\n'
                )
                self._section = record.section
            else:
                self.out.write(",\n")
            self.out.write(record.raw)
        else:
            self.out.write(("[\n" if self.count == 1 else ",\n") + record.raw)

    def close(self, like: InputFile | None = None) -> None:
        """Finish the file. With nothing rejected, it is written empty in the format of
        ``like`` (the file imported): a CSV header, no lines, or an empty JSON list."""
        if self.format == "json" and self.count:
            self.out.write("\n  ]\n}\n" if self._shape == "document" else "\n]\n")
        elif self.count == 0 and like is not None:
            if like.format == "csv" and like.header is not None:
                self.out.write(like.header if like.header.endswith("\n") else like.header + "\n")
            elif like.format == "json":
                self.out.write("[]\n")


class _Rollback(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary


def import_files(
    database: Database,
    inputs: Sequence[InputFile],
    *,
    by: str,
    on_error: OnError = "abort",
    dry_run: bool = False,
    dayfirst: bool | None = None,
    rejects: Rejects | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import the files in one transaction: committed, or on any problem (by default) or
    a dry run, rolled back. Raises ImportFailed listing every problem."""
    checks.user("by", by)  # before the database is touched
    try:
        with database.session(write=True) as session:
            summary = import_records(
                session,
                inputs,
                by=by,
                on_error=on_error,
                dayfirst=dayfirst,
                rejects=rejects,
                progress=progress,
            )
            summary.dry_run = dry_run
            if summary.failed or dry_run:
                raise _Rollback(summary)
            summary.written = True
    except _Rollback as stop:
        summary = stop.summary
    if summary.failed:
        raise ImportFailed(summary)
    return summary


def import_records(
    session: Session,
    inputs: Sequence[InputFile],
    *,
    by: str,
    on_error: OnError = "abort",
    dayfirst: bool | None = None,
    rejects: Rejects | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> ImportSummary:
    """Check and write the files' records into ``session``; the caller commits, or rolls
    back when ``summary.failed``. Claims are written ``chunk`` at a time."""
    by = checks.user("by", by)  # who recorded what a record does not say
    checker = Checker(dayfirst)
    writer = BulkWriter(session, by=by, key=checker.key)
    try:
        with fewer_collections():  # the default rhythm cost a quarter of the time
            return _import(checker, writer, inputs, on_error, rejects, progress, chunk)
    finally:
        writer.close()


def _import(
    checker: Checker,
    writer: BulkWriter,
    inputs: Sequence[InputFile],
    on_error: OnError,
    rejects: Rejects | None,
    progress: Callable[[int], None] | None,
    chunk: int,
) -> ImportSummary:
    summary = ImportSummary(files=[source.name for source in inputs])
    pending: list[tuple[ClaimItem, str]] = []
    good = 0
    unknown: dict[tuple[str, str], list[Any]] = {}  # (file, field) -> [first line, count]
    # Outlets whose own entry was set aside: their claims wait with it, or the outlet
    # would be made up from its claims, ungraded, and the fixed entry come too late.
    held: dict[str, str] = {}  # outlet name key -> where its entry is
    reported: set[FileProblem] = set()

    def flush() -> None:
        if pending and not summary.failed:
            summary.added += writer.add_claims(pending)
        pending.clear()

    for source in inputs:
        for record in source.records(progress):
            where = f"{source.name}:{record.line}"
            summary.read += record.section == "claims"
            try:
                if record.fields is not None:
                    for name in unknown_fields(record.fields, record.section):
                        unknown.setdefault((source.name, name), [record.line, 0])[1] += 1
                checked = _check(checker, record)
                if held and isinstance(checked, (ClaimItem, SourceSpec)):
                    _not_held(checked, held)
                if isinstance(checked, LinkSpec):
                    # Whether it closes a circle depends on the links before it, which
                    # the writer knows: checked (and written, unless the import has
                    # failed already) here, so that a circle is this record's problem.
                    flush()
                    try:
                        summary.links += writer.add_link(checked, where, not summary.failed)
                    except InvalidValue as exc:
                        why = f"{exc.value!r} {exc.reason}"
                        raise RecordInvalid([Problem(exc.field, why)]) from exc
            except RecordInvalid as exc:
                found = [
                    FileProblem(source.name, record.line_of(p.field), p.field, p.message)
                    for p in exc.problems
                ]
                # An article file's claims inherit its fields, and with them their
                # problems: each is listed once, at the article's line.
                summary.problems.extend(p for p in found if p not in reported)
                reported.update(found)
                # A file that cannot be read past some point (broken JSON, a CSV header no
                # claim can be read under) cannot be skipped over: what follows would be lost.
                readable = bool(record.raw)
                if on_error == "skip" and readable:
                    summary.rejected += 1
                    if rejects is not None:
                        rejects.add(source, record)
                    if record.section == "outlets":
                        held.update(dict.fromkeys(_outlet_keys(record.fields), where))
                else:
                    summary.failed = True
                    pending.clear()
                continue
            if summary.failed:
                continue  # nothing more will be written; go on checking
            if isinstance(checked, ClaimItem):
                good += 1
                pending.append((checked, where))
                if len(pending) >= chunk:
                    flush()
                continue
            flush()  # keep the file's order: outlets before the claims after them
            if isinstance(checked, OutletSpec):
                writer.add_outlet(checked, where)
            elif isinstance(checked, SourceSpec):
                writer.add_source(checked, where)
            elif isinstance(checked, ArticleSpec):
                summary.articles += writer.add_article(checked, where)
            elif isinstance(checked, AliasSpec):
                summary.aliases += writer.add_alias(checked)
            elif isinstance(checked, LinkSpec):
                pass  # written above
            elif isinstance(checked, PartySpec):
                summary.parties += writer.add_party(checked)
            elif isinstance(checked, ChangeSpec):
                summary.changes += writer.add_change(checked)
            else:
                summary.predicates += writer.set_predicate(checked)
    flush()
    writer.finish()
    summary.on_record = good - summary.added
    summary.new_outlets = writer.new_outlets
    summary.new_sources = writer.new_sources
    # The file's unknown fields first: they say something about every record of it.
    summary.notes = [
        f"{file}:{line}: {name!r} is not a field claims knows; ignored"
        + (f" (in {count} records)" if count > 1 else "")
        for (file, name), (line, count) in unknown.items()
    ] + writer.notes
    return summary


def _outlet_keys(fields: dict[str, Any] | None) -> list[str]:
    """The name key of a rejected outlet entry, if it has a usable name."""
    name = (fields or {}).get("name")
    try:
        return [quick_name_key(name)] if isinstance(name, str) else []
    except InvalidValue:
        return []


def _not_held(item: ClaimItem | SourceSpec, held: dict[str, str]) -> None:
    """Refuse a claim naming an outlet whose entry was rejected (as its outlet or cited),
    and a source entry standing for such an outlet: either would create the outlet."""
    if isinstance(item, SourceSpec):
        named = [("name", item.key, str(item.ref))] if item.ref.kind == "outlet" else []
    else:
        named = [("outlet", item.outlet.key, item.outlet.name)] + [
            ("sources", s.key, str(s.ref)) for s in item.sources if s.ref.kind == "outlet"
        ]
    for part, key, name in named:
        if key in held:
            why = f"{name!r}: the outlet's own entry ({held[key]}) was rejected; fix it first"
            raise RecordInvalid([Problem(part, why)])


def _check(
    checker: Checker, record: Record
) -> (
    ClaimItem
    | OutletSpec
    | SourceSpec
    | ArticleSpec
    | AliasSpec
    | PredicateSpec
    | LinkSpec
    | PartySpec
    | ChangeSpec
):
    if record.fields is None:
        assert record.error is not None
        raise RecordInvalid([Problem(*record.error)])
    if record.section == "outlets":
        return checker.outlet(record.fields)
    if record.section == "sources":
        return checker.source(record.fields)
    if record.section == "articles":
        return checker.article(record.fields)
    if record.section == "aliases":
        return checker.alias(record.fields)
    if record.section == "predicates":
        return checker.predicate(record.fields)
    if record.section == "links":
        return checker.link(record.fields)
    if record.section == "parties":
        return checker.party(record.fields)
    if record.section == "changes":
        return checker.change(record.fields)
    return checker.claim(record.fields)
