"""claims import / claims export: claims in bulk, from and to files."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from claims.cli.commands import ClaimsCommand, date_order_hint
from claims.cli.completion import complete_outlet
from claims.cli.context import app
from claims.cli.options import (
    _os_user,
    by_option,
    date_order_options,
    date_window,
    json_option,
    subject_filter,
)
from claims.cli.output import clean, echo_json
from claims.cli.outputfile import output_file

if TYPE_CHECKING:
    from claims.interop.importer import ImportSummary
    from claims.interop.readers import InputFile

# Inputs smaller than this import in a blink: no progress bar.
PROGRESS_FROM_BYTES = 1 << 20
# Names listed in the summary before "and N more" (--json lists them all).
LISTED = 20
IMPORT_FORMATS = ("csv", "json", "jsonl", "toml")
EXPORT_FORMATS = ("json", "jsonl", "csv", "claimreview", "prov-json", "prov-n")


@click.command("import", cls=ClaimsCommand)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    help="The files' format. Default: from each file's extension (.csv, .json, "
    ".jsonl, .toml for an article file); for '-' (standard input), from how it starts.",
)
@click.option("--dry-run", is_flag=True, help="Check everything and report; write nothing.")
@click.option(
    "--on-error",
    type=click.Choice(["abort", "skip"]),
    default="abort",
    show_default=True,
    help="abort: one bad record and nothing is imported. skip: import the good "
    "records and put the bad ones, unchanged, in --rejects.",
)
@click.option(
    "--rejects",
    metavar="FILE",
    type=click.Path(dir_okay=False, writable=True),
    help="With --on-error skip: where the bad records go, in their file's format.",
)
@date_order_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@by_option
@json_option
@click.pass_context
def import_(
    ctx: click.Context,
    files: tuple[str, ...],
    fmt: str | None,
    dry_run: bool,
    on_error: str,
    rejects: str | None,
    dayfirst: bool | None,
    quiet: bool,
    by: str,
    json_: bool,
) -> None:
    """Import claims from CSV, JSON lines, JSON or article files ('-': standard input).

    A record has the fields of `claims add` (text, outlet, date, sources, subject,
    predicate, value, as_of, stance, confidence, url, headline); outlets and sources
    not on record yet are created. An article file (.toml) holds one article and its
    claims, which take its outlet, date, URL and headline. All or nothing: one bad
    record and nothing is written, and every problem is listed as FILE:LINE: field:
    what is wrong. Importing the same file again adds nothing.

    \b
    Example:
      claims import rbc-article.toml
      claims import claims.csv --dry-run
      claims import feed.jsonl --on-error skip --rejects rejected.jsonl
      claims export -o backup.json && claims --db new.db import backup.json
    """
    from claims.interop.importer import ImportFailed, Rejects, import_files

    if on_error == "skip" and rejects is None:
        raise click.UsageError(
            "--on-error skip needs --rejects FILE, so that no record is lost", ctx=ctx
        )
    if rejects is not None and on_error != "skip":
        raise click.UsageError("--rejects goes with --on-error skip", ctx=ctx)
    if files.count("-") > 1:
        raise click.UsageError("standard input ('-') can be read only once", ctx=ctx)
    if rejects is not None and any(f != "-" and _same(f, rejects) for f in files):
        raise click.UsageError(f"--rejects {rejects} is one of the files to import", ctx=ctx)
    database = app(ctx).database()
    with contextlib.ExitStack() as stack:
        inputs = [_open_input(stack, name, fmt, ctx) for name in files]
        if rejects is not None and len({i.format for i in inputs}) > 1:
            raise click.UsageError(
                "--rejects takes the records of files of one format: import them apart",
                ctx=ctx,
            )
        sink = target = None
        if rejects is not None and not dry_run:
            target = stack.enter_context(output_file(ctx, rejects, "--rejects"))
            sink = Rejects(target.handle)
        progress = stack.enter_context(_progress(inputs, quiet))
        try:
            summary = import_files(
                database,
                inputs,
                by=by,
                on_error="skip" if on_error == "skip" else "abort",
                dry_run=dry_run,
                dayfirst=dayfirst,
                rejects=sink,
                progress=progress,
            )
        except ImportFailed as exc:
            if target is not None:
                target.keep = False  # nothing was imported: no rejects file either
            _fail(exc.summary, json_, skipping=on_error == "skip")
        if sink is not None:
            # Written even with nothing in it: a rejects file left from an earlier run
            # would otherwise pass for this one's.
            sink.close(like=inputs[0])
    if json_:
        echo_json(summary.as_dict())
        return
    _echo_summary(summary, rejects)


def _same(a: str, b: str) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def _open_input(
    stack: contextlib.ExitStack, name: str, fmt: str | None, ctx: click.Context
) -> InputFile:
    from claims.interop.readers import InputFile, guess_format, sniffed

    if name == "-" and fmt == "toml":
        from claims.interop.articlefile import ArticleFile

        return ArticleFile("-", sys.stdin.buffer.read())
    if name == "-":
        stream: IO[bytes] = sys.stdin.buffer
        if fmt is None:
            fmt, stream = sniffed(stream)
        return InputFile("-", stream, fmt)
    fmt = fmt or guess_format(name)
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the format of {name!r} from its name; give --format csv, json, "
            "jsonl or toml",
            ctx=ctx,
        )
    if fmt == "toml":
        from claims.interop.articlefile import ArticleFile

        try:  # an article is small: read whole, as TOML is
            return ArticleFile(name, Path(name).read_bytes())
        except OSError as exc:
            raise click.ClickException(f"cannot read {name}: {exc.strerror}") from None
    try:
        stream = stack.enter_context(open(name, "rb"))  # noqa: SIM115
    except OSError as exc:
        raise click.ClickException(f"cannot read {name}: {exc.strerror}") from None
    return InputFile(name, stream, fmt, os.fstat(stream.fileno()).st_size)


@contextlib.contextmanager
def _progress(inputs: list[InputFile], quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on standard error, for large inputs, when it is a terminal."""
    sizes = [i.size for i in inputs]
    total = sum(s or 0 for s in sizes)
    if quiet or None in sizes or total < PROGRESS_FROM_BYTES or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="Importing", file=sys.stderr) as bar:
        yield bar.update


def _fail(summary: ImportSummary, json_: bool, skipping: bool) -> None:
    if json_:
        echo_json(summary.as_dict())
    for problem in summary.problems:
        click.echo(clean(date_order_hint(str(problem))), err=True)
    n = len(summary.problems)
    where = ", ".join(summary.files)
    fix = f"Fix {'them' if n != 1 else 'it'}"
    if skipping:
        # Skipping failed: a file that cannot be read past some point (broken JSON).
        fix += ": the file cannot be read past that point, so nothing after it could be kept"
    else:
        fix += ", or import the good records with --on-error skip --rejects FILE"
    raise click.ClickException(
        f"{n} problem{'s' if n != 1 else ''} in {where}; nothing was imported. {fix}."
    )


def _echo_summary(s: ImportSummary, rejects: str | None) -> None:
    where = ", ".join(s.files)
    good = s.added + s.on_record
    if s.dry_run:
        click.echo(
            f"Dry run: {_n(s.added, 'claim')} from {where} would be imported; nothing was written."
        )
    elif s.added == 0 and good:
        click.echo(
            f"Nothing new: {'the claim' if good == 1 else f'all {good} claims'} in {where} "
            f"{'is' if good == 1 else 'are'} already on record."
        )
    elif s.read == 0 and not s.rejected:
        click.echo(f"No claims in {where}.")
    else:
        click.echo(f"Imported {_n(s.added, 'claim')} from {where}.")
    if s.on_record and (s.added or s.dry_run):  # (otherwise said above: nothing new)
        click.echo(f"{_n(s.on_record, 'claim')} already on record, not imported again.")
    if rejects and not s.dry_run and not s.rejected:
        click.echo(f"Nothing was rejected: {rejects} holds no records.")
    if s.rejected:
        kept = f", kept unchanged in {rejects}" if rejects and not s.dry_run else ""
        click.echo(f"Rejected {_n(s.rejected, 'record')}{kept}:", err=True)
        for problem in s.problems:
            click.echo(clean(date_order_hint(f"  {problem}")), err=True)
    _echo_names("New outlets", s.new_outlets)
    _echo_names("New sources", s.new_sources)
    if s.articles:
        click.echo(f"New articles: {s.articles}.")
    if s.aliases:
        click.echo(f"Subject aliases declared: {s.aliases}.")
    if s.predicates:
        click.echo(f"Predicate settings changed: {s.predicates}.")
    if s.links:
        click.echo(f"Sources speaking for others: {s.links}.")
    if s.parties:
        click.echo(f"Parties to a subject declared: {s.parties}.")
    if s.changes:
        click.echo(f"Changes kept in the log: {s.changes}.")
    # A large feed can raise hundreds of look-alike notes: the first ones, and a count.
    for note in s.notes[:LISTED]:
        click.echo(clean(f"Note: {note}"), err=True)
    if len(s.notes) > LISTED:
        click.echo(
            f"... and {_n(len(s.notes) - LISTED, 'more note')} (--json lists them all)", err=True
        )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _echo_names(label: str, names: list[str]) -> None:
    if not names:
        return
    shown = ", ".join(names[:LISTED])
    more = (
        f", and {len(names) - LISTED} more (--json lists them all)" if len(names) > LISTED else ""
    )
    click.echo(clean(f"{label} ({len(names)}): {shown}{more}"))


@click.command(cls=ClaimsCommand)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Where to write it, whole or not at all. Default: standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="json: everything, to back up or move the record; jsonl, csv: the claims; "
    "claimreview: schema.org ClaimReview; prov-json, prov-n: W3C PROV. Default: from "
    "-o's extension (.json, .jsonl, .ndjson, .csv, .jsonld for ClaimReview, .prov.json, "
    ".provn), else json.",
)
@click.option(
    "--subject", help="Only claims whose subject contains this text.", callback=subject_filter
)
@click.option("--outlet", help="Only claims this outlet published.", shell_complete=complete_outlet)
@click.option("--since", help="Only claims published on or after this date.")
@click.option("--until", help="Only claims published on or before this date.")
@date_order_options
@click.option(
    "--min-origins",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="ClaimReview: independent origins a value needs to count as confirmed.",
)
@click.option(
    "--author",
    default=_os_user,
    show_default="your user name",
    help="ClaimReview: who reviews (the fact-checking organisation).",
)
@click.pass_context
def export(
    ctx: click.Context,
    output: str | None,
    fmt: str | None,
    subject: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    dayfirst: bool | None,
    min_origins: int,
    author: str,
) -> None:
    """Export claims: a full backup (JSON), JSON lines, CSV, ClaimReview or PROV.

    `claims export` then `claims import` of the file into an empty database gives
    the same record back, history and retractions included.

    \b
    Example:
      claims export -o backup.json
      claims export --subject spain -o spain.csv           # CSV, from the name
      claims export --format claimreview --author "Desk Fact Check" -o reviews.json
      claims export --format prov-n --outlet RBC
    """
    from claims import checks
    from claims.interop.export import export as export_to
    from claims.interop.export import guess_export_format
    from claims.interop.writing import ExportStats
    from claims.store.scope import Scope

    author = checks.name("author", author)  # it is written into every review, as a name
    to_file = None if output == "-" else output
    fmt = fmt or (guess_export_format(to_file) if to_file else None) or "json"

    since_p, until_p = date_window(since, until, dayfirst)
    scope = Scope(subject=subject, outlet=outlet, since=since_p, until=until_p)
    stats = ExportStats()
    database = app(ctx).database(existing=True)
    with contextlib.ExitStack() as stack:
        # The file is checked (and a FIFO opened) before the work of the export.
        target = None if to_file is None else stack.enter_context(output_file(ctx, to_file))
        session = stack.enter_context(database.session())
        pieces = export_to(session, fmt, scope, stats=stats, author=author, min_origins=min_origins)
        if target is None:
            for piece in pieces:
                click.echo(piece, nl=False)
            return
        for piece in pieces:
            target.handle.write(piece)
    what = (
        _n(stats.items, "ClaimReview")
        if fmt == "claimreview"
        else f"{_n(stats.claims, 'claim')}, {_n(stats.items, 'statement')}"
        if fmt.startswith("prov")
        else _n(stats.claims, "claim")
    )
    click.echo(f"Wrote {output} ({what}).")
