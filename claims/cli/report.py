"""claims report: the provenance report as one self-contained HTML page (or Markdown/JSON)."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

import click

from claims.cli.commands import ClaimsCommand
from claims.cli.completion import complete_outlet
from claims.cli.context import app
from claims.cli.options import date_order_options, date_window, min_origins_option, subject_filter
from claims.cli.outputfile import output_file


@click.command(cls=ClaimsCommand)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Where to write it ('-' for standard "
    "output). Default: report.html (report.md, report.json for those formats).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "json"]),
    default="html",
    show_default=True,
    help="HTML page, Markdown for a draft or CMS, or JSON data.",
)
@click.option(
    "--subject",
    help="Only propositions whose subject (or an alias) contains this.",
    callback=subject_filter,
)
@click.option(
    "--outlet", help="Only propositions this outlet reported on.", shell_complete=complete_outlet
)
@click.option("--since", help="Only claims published on or after this date.")
@click.option("--until", help="Only claims published on or before this date.")
@date_order_options
@min_origins_option
@click.option("--title", help="The report's title.")
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Your own templates (report.html, base.html, _report.css...), used "
    "before the built-in ones.",
)
@click.option("--open", "open_", is_flag=True, help="Open the written report in a browser.")
@click.pass_context
def report(
    ctx: click.Context,
    output: str | None,
    fmt: str,
    subject: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    dayfirst: bool | None,
    min_origins: int,
    title: str | None,
    template_dir: Path | None,
    open_: bool,
) -> None:
    """Write the provenance report: conflicts, corroboration, unconfirmed claims.

    One self-contained file: it makes no request to any other host, so it
    works offline and can be e-mailed or archived.

    \b
    Example:
      claims report -o madrid.html --subject spain --title "Madrid embassy"
      claims report --format md -o - | pbcopy
    """
    from claims.report import build_report, render
    from claims.store.scope import Scope

    since_p, until_p = date_window(since, until, dayfirst)
    scope = Scope(subject=subject, outlet=outlet, since=since_p, until=until_p)
    database = app(ctx).database(existing=True)
    name = output or f"report.{fmt}"
    with contextlib.ExitStack() as stack:
        # The file is checked (and a FIFO opened) before the work of the report.
        target = (
            None
            if name == "-"
            else stack.enter_context(output_file(ctx, name, "-o" if output else None))
        )
        # Building the report keeps every claim of the record alive at once: millions of
        # objects that the cyclic garbage collector would otherwise walk again and again
        # only to find them all still in use (docs/performance.md).
        gc.disable()
        try:
            with database.session() as session:
                built = build_report(
                    session,
                    database=database.name,
                    scope=scope,
                    title=title,
                    min_origins=min_origins,
                )
            text = render(built, fmt, template_dir)
        finally:
            # Collecting again would first walk every object just made (all of them
            # young, all still in use): set them aside from collection instead.
            gc.freeze()
            gc.enable()
        if target is None:
            click.echo(text, nl=False)
            return
        target.handle.write(text)
    click.echo(
        f"Wrote {name} ({built.totals.propositions} propositions, {built.totals.conflict} in "
        f"conflict, {built.totals.unconfirmed} unconfirmed claims)."
    )
    if open_:
        click.launch(str(Path(name).resolve()))
