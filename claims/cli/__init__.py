"""The command line: parse, call the library, format. Nothing else imports this."""

from __future__ import annotations

import contextlib
import gc
import os
import sys

import click

from claims.cli.article import article
from claims.cli.commands import ClaimsGroup
from claims.cli.context import AppContext
from claims.cli.extract import extract
from claims.cli.interop import export, import_
from claims.cli.party import party
from claims.cli.record import add, edit, list_, retract
from claims.cli.registry import outlet, source
from claims.cli.report import report
from claims.cli.settings import alias, aliases, changes, predicate, unalias
from claims.cli.setup import demo, init
from claims.cli.show import show
from claims.cli.xref import unconfirmed, xref


@click.group(cls=ClaimsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="CLAIMS_DB",
    metavar="PATH_OR_URL",
    help="SQLite file or SQLAlchemy URL (postgresql+psycopg://user@host/db). "
    "Default: $CLAIMS_DB, else claims.db here.",
)
@click.version_option(package_name="claims")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Track news claims: who said what, citing whom, and how well it holds up.

    \b
    Example:
      claims demo                      # the reference story, recorded
      claims outlet add "Korea Times" --kind newspaper --country KR --reliability B
      claims add "North Korea is closing its Madrid embassy" \\
        --outlet "Korea Times" --date 2026-11-01 \\
        --source document:"DPRK decision on the Madrid embassy" \\
        --subject "DPRK embassy in Spain" --predicate status --value closed
      claims list
    """
    if db is not None and not db.strip():
        # `--db "$DB"` with DB unset: not the default database, used without a word.
        raise click.BadParameter(
            f"{db!r} is empty: give a SQLite file or a URL", param_hint="'--db'"
        )
    ctx.obj = AppContext(db)
    ctx.call_on_close(ctx.obj.close)


for command in (
    init,
    demo,
    outlet,
    source,
    article,
    add,
    edit,
    retract,
    list_,
    show,
    xref,
    unconfirmed,
    alias,
    aliases,
    unalias,
    predicate,
    party,
    changes,
    report,
    import_,
    export,
    extract,
):
    cli.add_command(command)


def main() -> None:
    # A command is a short process, and most of what it makes is made at start-up: the
    # modules it imports (SQLAlchemy's alone are hundreds of thousands of objects), which
    # live as long as it does. Collecting among them while they load, and once more at
    # exit, took about a quarter of a `claims add` (docs/performance.md). So the
    # collector waits until the database is open (``started``), and what was made until
    # then, and by the end, is frozen out of its sight.
    gc.disable()
    try:
        cli(prog_name="claims")
    except OSError as exc:
        # Whatever failed to be read or written on the way out (most often the command's
        # own output: a full disk, a closed pipe), one line, not a traceback. Standard
        # output is then pointed at nothing, so the exit's last flush fails no more.
        where = f": {exc.filename}" if exc.filename else " (writing the output)"
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
        sys.exit(1)
    finally:
        gc.freeze()  # no collection of everything at exit: the process ends whole
