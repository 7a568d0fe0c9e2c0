"""claims init / claims demo: a database ready to use, and the worked example."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click

from claims.cli.commands import ClaimsCommand
from claims.cli.context import app
from claims.cli.outputfile import write_file
from claims.cli.record import echo_claims
from claims.cli.xref import echo_xref


@click.command(cls=ClaimsCommand)
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the database, or upgrade an older one to the current schema.

    Any command does this on first use; init does only that.

    \b
    Example:
      claims --db newsroom.db init
      claims --db postgresql+psycopg://desk@db.example/claims init
    """
    database = app(ctx).database()
    click.echo(f"Database ready: {database.name}")


@click.command(cls=ClaimsCommand)
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Record the reference story (North Korea closing embassies) as a worked example.

    Prints its claims and cross-reference, and writes its provenance report to
    report.html in this folder, unless a report.html is there already: that one
    is left as it is (claims report -o FILE writes the report anywhere).

    \b
    Example:
      claims --db demo.db demo
      claims --db demo.db list
    """
    from claims import store, verdicts
    from claims.demo import record_demo
    from claims.report import build_report, render

    root = ctx.find_root()
    claims = "claims"
    if root.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        claims += f" --db {shlex.quote(str(root.params['db']))}"
    report = Path("report.html")
    # A report.html here may be the user's own: the demo never writes over it.
    write_report = not os.path.lexists(report)
    database = app(ctx).database()
    with database.session(write=True) as session:
        result = record_demo(session)
        records = [store.claim_as_dict(c) for c in store.list_claims(session)]
        judged = list(verdicts.propositions(session))
        built = (
            build_report(
                session,
                database=database.name,
                title="The reference story: North Korea closes embassies",
            )
            if write_report
            else None
        )
    if built is not None:
        write_file(ctx, str(report), render(built), option=None)
    echo_claims(records)
    click.echo("\nThe cross-reference:\n")
    echo_xref(judged)
    if built is not None:
        click.echo(f"\nThe provenance report: {report.resolve()}")
    else:
        click.echo(
            f"\nThe provenance report was not written: {report} is already here, left as it "
            f"is. Write it to a file of your choosing: {claims} report -o FILE"
        )
    click.echo()
    if result.created:
        click.echo(
            f"Recorded the reference story in {database.name}: {result.claims} claims "
            f"from {result.outlets} outlets, citing {result.sources} named sources."
        )
    else:
        click.echo(f"The reference story is already recorded in {database.name}.")
    open_report = "report --open" if built is not None else "report -o story.html --open"
    click.echo("\nTry next:")
    for command, what in [
        ("list", "every claim, with its proposition"),
        ("list --subject spain", "the Madrid embassy, as each outlet told it"),
        ("xref --subject spain", "what the outlets agree on, and from how many origins"),
        ("unconfirmed", "claims resting on too few independent origins, and why"),
        (open_report, "the provenance report, in a browser"),
        (f"show {result.example_id}", "one claim, its sources and history"),
        ("outlet list", "the outlets and their reliability grades"),
        ("source list", "who the outlets cite"),
    ]:
        click.echo(f"  {claims + ' ' + command:<40} {what}")
