"""claims alias / predicate / changes: declarations that steer cross-referencing, and
the log of changes to records that keep no history of their own.

Nouns with verbs: `claims alias add|list|remove`, `claims predicate set|list`. The
spellings of earlier releases (`claims alias A B`, `claims aliases`, `claims unalias`,
`claims predicate NAME --multi`) still run, hidden from help, for one release.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import click

from claims.cli.commands import ClaimsCommand, GroupWithOldSpelling
from claims.cli.context import app
from claims.cli.options import by_option, json_option, list_options
from claims.cli.output import clean, echo_json_list, echo_records, echo_table
from claims.vocabulary import CHANGE_KINDS


@click.group(cls=GroupWithOldSpelling, old_spelling="add")
def alias() -> None:
    """Declare, list and take back subject aliases (two names for one subject)."""


@alias.command("add")
@click.argument("name")
@click.argument("other_name")
@by_option
@click.pass_context
def alias_add(ctx: click.Context, name: str, other_name: str, by: str) -> None:
    """Declare that two subjects are the same thing, as outlets name it differently.

    Aliases chain: if A is B and B is C, claims about A, B and C are compared.

    \b
    Example:
      claims alias add "DPRK embassy in Madrid" "North Korean embassy in Spain"
    """
    from claims import store

    with app(ctx).database().session(write=True) as session:
        chain = store.alias_chain(session, name, other_name)
        if chain is None:
            store.add_alias(session, name, other_name, by=by)
    if chain is None:
        click.echo(f"{clean(name)!s} and {clean(other_name)!s} are now one subject.")
    elif len(chain) == 2:
        click.echo("Already declared; nothing changed.")
    else:
        # A = B and B = C make A and C one: a pair declared for them would add nothing.
        through = ", ".join(repr(clean(n)) for n in chain[1:-1])
        click.echo(
            f"{clean(name)!s} and {clean(other_name)!s} are already one subject "
            f"(through {through}); nothing changed."
        )


@alias.command("list")
@list_options
@click.option("--removed", is_flag=True, help="List the aliases taken back instead.")
@click.pass_context
def alias_list(ctx: click.Context, json_: bool, nl: bool, removed: bool) -> None:
    """List the subject aliases declared, in the order they were declared.

    \b
    Example:
      claims alias list
      claims alias list --removed --json
    """
    rows = _removed_aliases(ctx) if removed else _aliases(ctx)
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo("No aliases taken back." if removed else "No aliases declared.")
        return
    headers = ["SUBJECT", "OTHER", "DECLARED", "BY"]
    if removed:
        headers += ["REMOVED", "BY"]
    echo_table(headers, [[r[key] for key in _COLUMNS[: len(headers)]] for r in rows])


_COLUMNS = ("subject", "other", "created_at", "created_by", "removed_at", "removed_by")


@alias.command("remove")
@click.argument("name")
@click.argument("other_name")
@by_option
@click.pass_context
def alias_remove(ctx: click.Context, name: str, other_name: str, by: str) -> None:
    """Take back an alias declared by mistake: the two subjects are told apart again
    (unless other aliases still chain them). Who took it back, and when, is kept.

    \b
    Example:
      claims alias remove "DPRK embassy in Madrid" "North Korean embassy in Spain"
    """
    from claims import store

    with app(ctx).database().session(write=True) as session:
        removed = store.remove_alias(session, name, other_name, by=by)
        chain = store.alias_chain(session, name, other_name) if removed else None
    if not removed:
        raise click.ClickException(
            f"{clean(name)!r} and {clean(other_name)!r} were not declared one subject "
            "(claims alias list lists what was)"
        )
    click.echo(f"{clean(name)!s} and {clean(other_name)!s} are no longer declared one subject.")
    if chain is not None:
        through = ", ".join(repr(clean(n)) for n in chain[1:-1])
        click.echo(f"Note: they are still one subject through {through}.", err=True)


def _aliases(ctx: click.Context) -> list[dict[str, Any]]:
    from claims import store
    from claims.interop.document import alias_record

    with app(ctx).database().session() as session:
        return [alias_record(a) for a in store.list_aliases(session)]


def _removed_aliases(ctx: click.Context) -> list[dict[str, Any]]:
    from claims import store
    from claims.interop.document import removed_record

    with app(ctx).database().session() as session:
        return [removed_record(r) for r in store.list_changes(session, store.ALIAS_REMOVED)]


@click.command(cls=ClaimsCommand, hidden=True)
@json_option
@click.pass_context
def aliases(ctx: click.Context, json_: bool) -> None:
    """List the subject aliases declared (now: claims alias list).

    \b
    Example:
      claims alias list
    """
    if json_:  # the shape of earlier releases: {"aliases": [...]}
        echo_json_list("aliases", _aliases(ctx))
        return
    ctx.invoke(alias_list)


# `claims unalias A B`, as earlier releases spelled `claims alias remove A B`.
unalias = copy.copy(alias_remove)
unalias.name, unalias.hidden = "unalias", True


@click.group(cls=GroupWithOldSpelling, old_spelling="set")
def predicate() -> None:
    """Declare and list how predicates are compared: one value at a time, or several."""


@predicate.command("set")
@click.argument("name")
# Two flags, not one option with two flag values: that would silently keep the last.
@click.option("--multi", is_flag=True, help="Several values can hold at once.")
@click.option("--single", is_flag=True, help="One value at a time (the default).")
@by_option
@click.pass_context
def predicate_set(ctx: click.Context, name: str, multi: bool, single: bool, by: str) -> None:
    """Declare whether a predicate holds one value at a time or several.

    Multi-valued: different values stand side by side (competing explanations)
    instead of conflicting; an explicit denial still conflicts.

    \b
    Example:
      claims predicate set reason --multi
    """
    from claims import store

    if multi and single:
        raise click.UsageError("--multi and --single contradict each other: say one", ctx=ctx)
    if not multi and not single:
        raise click.UsageError("say --multi or --single", ctx=ctx)
    with app(ctx).database().session(write=True) as session:
        store.set_predicate(session, name, multi_valued=multi, by=by)
    kind = "multi-valued" if multi else "single-valued"
    click.echo(f"Predicate {clean(name)!r} is {kind}.")


@predicate.command("list")
@list_options
@click.pass_context
def predicate_list(ctx: click.Context, json_: bool, nl: bool) -> None:
    """List the predicates declared, by name. Predicates not listed are single-valued.

    \b
    Example:
      claims predicate list
    """
    from claims import store
    from claims.interop.document import predicate_record

    with app(ctx).database().session() as session:
        rows = [predicate_record(p) for p in store.list_predicates(session)]
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo("No predicates declared: every predicate is single-valued.")
        return
    echo_table(
        ["PREDICATE", "VALUES", "DECLARED", "BY"],
        [
            [r["name"], "several" if r["multi_valued"] else "one", r["updated_at"], r["updated_by"]]
            for r in rows
        ],
    )


@click.command(cls=ClaimsCommand)
@click.option(
    "--kind",
    type=click.Choice(CHANGE_KINDS),
    help="Only changes of this kind.",
)
@list_options
@click.pass_context
def changes(ctx: click.Context, kind: str | None, json_: bool, nl: bool) -> None:
    """List changes to records that keep no history of their own, who made them and when.

    Aliases, links and parties taken back, outlets' settings changed, sources' roles or
    grades replaced: each with the record as it was. A claim keeps its own history (claims show).

    \b
    Example:
      claims changes
      claims changes --kind "outlet changed" --json
    """
    from claims import store
    from claims.interop.document import change_record

    with app(ctx).database().session() as session:
        rows = [change_record(c) for c in store.list_changes(session, kind)]
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo("No changes recorded.")
        return
    echo_table(
        ["WHEN", "BY", "CHANGE", "WAS"],
        [
            [r["changed_at"], r["changed_by"], r["kind"], json.dumps(r["was"], ensure_ascii=False)]
            for r in rows
        ],
    )
