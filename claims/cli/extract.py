"""claims extract: draft an article's attributions from its text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claims.cli.commands import ClaimsCommand
from claims.cli.context import app, started
from claims.cli.output import echo_json
from claims.cli.outputfile import output_file

if TYPE_CHECKING:
    from claims.extract.kinds import Known


@click.command("extract", cls=ClaimsCommand)
@click.argument("article", metavar="FILE|URL|-")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write the draft article file there instead of printing it.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=15.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds to wait for a URL's server.",
)
@click.option(
    "json_",
    "--json",
    is_flag=True,
    help="Print the article and its attributions' spans as JSON instead of the draft file.",
)
@click.pass_context
def extract(
    ctx: click.Context, article: str, output: str | None, timeout: float, json_: bool
) -> None:
    """Draft an article's claims: who the article says said what, from its text.

    Reads plain text, an HTML page (FILE, or - for standard input) or a URL, and writes
    an article file with one draft claim per attribution (credibility 6) for you to
    correct and `claims import`. Outlets and sources on record keep their kinds.

    \b
    Example:
      claims extract story.html -o story.toml
      claims extract https://example.org/news/embassy --json
    """
    from claims.extract.attributions import find_attributions
    from claims.extract.draft import draft_toml
    from claims.extract.reading import is_url, read_bytes, read_url

    if is_url(article):
        read = read_url(article, timeout=timeout)
    else:
        read = read_bytes(_bytes_of(article), "-" if article == "-" else article)
    known = _known(ctx)
    started()  # (when no database was opened)
    attributions = find_attributions(read.text, known)
    if json_:
        if output is not None:
            raise click.UsageError("--json prints; -o writes the article file: give one")
        echo_json({"article": read.metadata(), "attributions": [_json(a) for a in attributions]})
        return
    draft = draft_toml(read, attributions, known)
    if output is None:
        click.echo(draft, nl=False)
        return
    with output_file(ctx, output) as target:
        target.handle.write(draft)
    click.echo(f"Wrote {len(attributions)} draft attributions to {output}.", err=True)


def _bytes_of(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if path.is_dir():
        raise click.ClickException(f"article {name!r}: is a folder, not a file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"article {name!r}: {exc.strerror or exc}") from None


def _known(ctx: click.Context) -> Known:
    """Outlets and sources on record, when there is a record: extracting never creates a
    database."""
    from claims.extract.kinds import Known

    context = app(ctx)
    path = context.sqlite_file()
    if path is not None and not path.exists():
        return Known()
    from claims import store

    with context.database().session() as session:
        outlets = [row.outlet.name for row in store.list_outlets(session)]
        sources = [(row.source.kind, row.source.name) for row in store.list_sources(session)]
    return Known(outlets=outlets, sources=sources)


def _json(attribution: Any) -> dict[str, Any]:
    source, cue, content = attribution.source, attribution.cue, attribution.content
    return {
        "source": {
            "text": source.text,
            "kind": attribution.kind,
            "start": source.start,
            "end": source.end,
        },
        "cue": None if cue is None else {"text": cue.text, "start": cue.start, "end": cue.end},
        "content": {"text": content.text, "start": content.start, "end": content.end},
    }
