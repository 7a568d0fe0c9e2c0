"""claims init / claims demo: a database ready to use, and the worked example."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from claims.cli._common import ClaimsCommand, app, write_file
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

    \b
    Example:
      claims --db demo.db demo
      claims --db demo.db list
    """
    from claims import evidence, store
    from claims.demo import record_demo
    from claims.report import build_report, render

    database = app(ctx).database()
    with database.session(write=True) as session:
        result = record_demo(session)
        records = [store.claim_as_dict(c) for c in store.list_claims(session)]
        verdicts = list(evidence.propositions(session))
        built = build_report(
            session,
            database=database.name,
            title="The reference story: North Korea closes embassies",
        )
    write_file(ctx, "report.html", render(built), option=None)
    echo_claims(records)
    click.echo("\nThe cross-reference:\n")
    echo_xref(verdicts)
    click.echo(f"\nThe provenance report: {Path('report.html').resolve()}")
    click.echo()
    if result.created:
        click.echo(
            f"Recorded the reference story in {database.name}: {result.claims} claims "
            f"from {result.outlets} outlets, citing {result.sources} named sources."
        )
    else:
        click.echo(f"The reference story is already recorded in {database.name}.")
    root = ctx.find_root()
    claims = "claims"
    if root.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        claims += f" --db {shlex.quote(str(root.params['db']))}"
    click.echo("\nTry next:")
    for command, what in [
        ("list", "every claim, with its proposition"),
        ("list --subject spain", "the Madrid embassy, as each outlet told it"),
        ("xref --subject spain", "what the outlets agree on, and from how many origins"),
        ("unconfirmed", "claims resting on too few independent origins, and why"),
        ("report --open", "the provenance report, in a browser"),
        (f"show {result.example_id}", "one claim, its sources and history"),
        ("outlet list", "the outlets and their reliability grades"),
        ("source list", "who the outlets cite"),
    ]:
        click.echo(f"  {claims + ' ' + command:<40} {what}")
