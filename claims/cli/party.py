"""claims party add|remove|list: sources declared parties to a subject.

A government accusing its adversary, or a party denying its own involvement, is an
origin, but no independent confirmation of its own side: its accounts on that subject
never raise a value's count of origins to confirmation (docs/rules.md).
"""

from __future__ import annotations

from typing import Any

import click

from claims.cli.commands import ClaimsGroup
from claims.cli.context import app
from claims.cli.options import by_option, list_options
from claims.cli.output import clean, echo_records, echo_table


@click.group(cls=ClaimsGroup)
def party() -> None:
    """Declare, list and take back parties to a subject (who does not confirm its own side)."""


@party.command("add")
@click.argument("subject")
@click.argument("source", metavar="KIND:NAME")
@by_option
@click.pass_context
def party_add(ctx: click.Context, subject: str, source: str, by: str) -> None:
    """Mark a source (or an outlet: outlet:NAME) as a party to a subject.

    Its claims about that subject stay origins, but never raise a value's count of
    independent origins to confirmation; claims unconfirmed says interested-party.

    \b
    Example:
      claims party add "Strike on the convoy" "official:Government of A"
    """
    from claims.store import bodies

    with app(ctx).database().session(write=True) as session:
        row = bodies.add_party(session, subject, source, by=by)
    if row is None:
        click.echo("Already declared; nothing changed.")
        return
    click.echo(clean(f"{row.kind}:{row.name} is now a party to {row.subject}."))


@party.command("remove")
@click.argument("subject")
@click.argument("source", metavar="KIND:NAME")
@by_option
@click.pass_context
def party_remove(ctx: click.Context, subject: str, source: str, by: str) -> None:
    """Take back a party declared by mistake; who took it back, and when, is kept.

    \b
    Example:
      claims party remove "Strike on the convoy" "official:Government of A"
    """
    from claims.store import bodies

    with app(ctx).database().session(write=True) as session:
        removed = bodies.remove_party(session, subject, source, by=by)
    if not removed:
        raise click.ClickException(
            f"{clean(source)!r} was not declared a party to {clean(subject)!r} "
            "(claims party list lists who was)"
        )
    click.echo(clean(f"{source} is no longer a party to {subject}."))


@party.command("list")
@list_options
@click.option("--removed", is_flag=True, help="List the parties taken back instead.")
@click.pass_context
def party_list(ctx: click.Context, json_: bool, nl: bool, removed: bool) -> None:
    """List the parties declared, in the order they were declared.

    \b
    Example:
      claims party list
      claims party list --removed --json
    """
    rows = _parties(ctx, removed)
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo("No parties taken back." if removed else "No parties declared.")
        return
    headers = ["SUBJECT", "PARTY", "DECLARED", "BY"] + (["REMOVED", "BY"] if removed else [])
    keys = ("subject", "party", "created_at", "created_by", "removed_at", "removed_by")
    echo_table(headers, [[r[k] for k in keys[: len(headers)]] for r in rows])


def _parties(ctx: click.Context, removed: bool) -> list[dict[str, Any]]:
    from claims import store
    from claims.interop.document import removed_record
    from claims.store import bodies

    with app(ctx).database().session() as session:
        if not removed:
            return [bodies.party_record(r) for r in bodies.list_parties(session)]
        return [removed_record(r) for r in store.list_changes(session, store.PARTY_REMOVED)]
