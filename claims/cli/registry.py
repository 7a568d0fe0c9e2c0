"""claims outlet ... / claims source ...: who publishes and who they cite."""

from __future__ import annotations

import click

from claims.cli.commands import ClaimsGroup, shell_argument
from claims.cli.context import app
from claims.cli.options import by_option, json_option, list_options
from claims.cli.output import clean, echo_json, echo_records, echo_table
from claims.vocabulary import (
    OUTLET_KIND_ALIASES,
    OUTLET_KINDS,
    SOURCE_KINDS,
    choices,
    kind_as_recorded,
)


def _outlet_kind(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An outlet kind in any spelling the store takes ('wire', 'Wire agency')."""
    kind = kind_as_recorded(value, OUTLET_KINDS, OUTLET_KIND_ALIASES)
    if kind is None:
        raise click.BadParameter(
            f"{value!r} is not an outlet kind; use one of {', '.join(OUTLET_KINDS)}",
            ctx=ctx,
            param=param,
        )
    return kind


def _source_kind(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A source kind in any case, as --source KIND:NAME reads it ('Person')."""
    kind = kind_as_recorded(value, SOURCE_KINDS)
    if kind is None:
        raise click.BadParameter(
            f"{value!r} is not a source kind; use one of {', '.join(SOURCE_KINDS)}",
            ctx=ctx,
            param=param,
        )
    return kind


@click.group(cls=ClaimsGroup)
def outlet() -> None:
    """Record, change and list outlets (publishers)."""


@outlet.command("add")
@click.argument("name")
@click.option(
    "--kind",
    metavar="KIND",
    default="other",
    show_default=True,
    callback=_outlet_kind,
    help=f"What sort of publisher it is: {choices(OUTLET_KINDS)} "
    "(any case; 'wire' and 'news agency' are wire-agency).",
)
@click.option("--country", metavar="CC", help="Two-letter country code, e.g. KR.")
@click.option(
    "--reliability",
    metavar="A-F",
    default="F",
    show_default=True,
    help="Source reliability: A completely reliable ... E unreliable, F cannot be judged.",
)
@by_option
@json_option
@click.pass_context
def outlet_add(
    ctx: click.Context,
    name: str,
    kind: str,
    country: str | None,
    reliability: str,
    by: str,
    json_: bool,
) -> None:
    """Record an outlet.

    \b
    Example:
      claims outlet add "Korea Times" --kind newspaper --country KR --reliability B
    """
    from claims import store
    from claims.errors import AlreadyExists

    try:
        with app(ctx).database().session(write=True) as session:
            similar = store.similar_outlets(session, name)
            row = store.OutletRow(
                store.add_outlet(
                    session, name, kind=kind, country=country, reliability=reliability, by=by
                ),
                0,
            ).as_dict()
    except AlreadyExists as exc:
        change = f"claims outlet set {shell_argument(name)} --kind/--country/--reliability ..."
        raise click.ClickException(f"{exc}; to change its settings: {change}") from None
    if json_:
        echo_json(row)
        return
    click.echo(clean(f"Recorded outlet {row['id']}: {row['name']}"))
    if similar:
        names = ", ".join(repr(s) for s in similar)
        click.echo(
            clean(f"Note: it looks like {names}, already on record; is it the same?"), err=True
        )


@outlet.command("set")
@click.argument("name")
@click.option(
    "--kind",
    metavar="KIND",
    help=f"What sort of publisher it is: {choices(OUTLET_KINDS)}.",
)
@click.option("--country", metavar="CC", help="Two-letter country code; empty to take it off.")
@click.option(
    "--reliability",
    metavar="A-F",
    help="Source reliability: A completely reliable ... E unreliable, F cannot be judged.",
)
@by_option
@json_option
@click.pass_context
def outlet_set(
    ctx: click.Context,
    name: str,
    kind: str | None,
    country: str | None,
    reliability: str | None,
    by: str,
    json_: bool,
) -> None:
    """Change an outlet's kind, country or reliability grade.

    The grade is the one cross-referencing reads wherever the outlet is an origin:
    reporting on its own, or cited by another outlet. What it was, who changed it and
    when are kept (claims changes lists them).

    \b
    Example:
      claims outlet set "Korea Times" --reliability A
    """
    from claims import store

    with app(ctx).database().session(write=True) as session:
        outlet, changed = store.set_outlet(
            session, name, kind=kind, country=country, reliability=reliability, by=by
        )
        row = next(r for r in store.list_outlets(session) if r.outlet.id == outlet.id).as_dict()
    if json_:
        echo_json(row)
        return
    if not changed:
        click.echo(clean(f"Outlet {row['name']} already reads that way; nothing changed."))
        return
    changes = "; ".join(
        f"{field} {old or '(none)'} -> {new or '(none)'}" for field, (old, new) in changed.items()
    )
    click.echo(clean(f"Updated outlet {row['id']} ({row['name']}): {changes}."))


@outlet.command("list")
@list_options
@click.pass_context
def outlet_list(ctx: click.Context, json_: bool, nl: bool) -> None:
    """List outlets with their claim counts.

    \b
    Example:
      claims outlet list --json
    """
    from claims import store

    with app(ctx).database().session() as session:
        rows = [row.as_dict() for row in store.list_outlets(session)]
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo('No outlets yet. Add one: claims outlet add "Korea Times" --kind newspaper')
    else:
        echo_table(
            ["ID", "NAME", "KIND", "COUNTRY", "RELIABILITY", "CLAIMS"],
            [
                [r["id"], r["name"], r["kind"], r["country"] or "", r["reliability"], r["claims"]]
                for r in rows
            ],
        )


@click.group(cls=ClaimsGroup)
def source() -> None:
    """Record and list sources (who outlets attribute claims to)."""


@source.command("add")
@click.argument("name")
@click.option(
    "--kind",
    metavar="KIND",
    required=True,
    callback=_source_kind,
    help=f"What sort of source: {choices(SOURCE_KINDS)} (any case).",
)
@click.option("--role", help='Role or affiliation, e.g. "Ministry of Unification".')
@click.option("--reliability", metavar="A-F", help="Source reliability A-F, if you can judge it.")
@click.option(
    "--replace",
    is_flag=True,
    help="Change a role or grade already on record (without it, only missing ones are set).",
)
@by_option
@json_option
@click.pass_context
def source_add(
    ctx: click.Context,
    name: str,
    kind: str,
    role: str | None,
    reliability: str | None,
    replace: bool,
    by: str,
    json_: bool,
) -> None:
    """Record a source, or give one already on record a role or a grade.

    A claim that cites a source creates it; this describes and grades it, and
    claims show reads the grade in the credibility it derives. A role or grade
    already on record is changed only with --replace.

    \b
    Example:
      claims source add "Ryu Hyun Woo" --kind person \\
        --role "former acting DPRK ambassador to Kuwait" --reliability C
      claims source add "Ryu Hyun Woo" --kind person --reliability B --replace
    """
    from claims import store
    from claims.errors import AlreadyExists, NotAllowed

    try:
        with app(ctx).database().session(write=True) as session:
            done = store.record_source(
                session, kind, name, role=role, reliability=reliability, replace=replace, by=by
            )
            row = store.SourceRow(done.source, 0).as_dict()
    except AlreadyExists as exc:
        raise click.ClickException(
            f"{exc}; to describe or grade it, give --role or --reliability"
        ) from None
    except NotAllowed as exc:
        raise click.ClickException(f"{exc}; add --replace to change it") from None
    what = f"{row['id']} ({row['kind']}:{row['name']})"
    if json_:
        echo_json(row)
    elif done.created:
        click.echo(clean(f"Recorded source {row['id']}: {row['kind']}:{row['name']}"))
    elif not done.changed:
        click.echo(clean(f"Source {what} already reads that way; nothing changed."))
    else:
        changes = "; ".join(
            f"{field} {store.shown(field, new)}"
            if old is None
            else f"{field} {store.shown(field, old)} -> {store.shown(field, new)}"
            for field, (old, new) in done.changed.items()
        )
        click.echo(clean(f"Updated source {what}: {changes}."))


@source.command("list")
@list_options
@click.pass_context
def source_list(ctx: click.Context, json_: bool, nl: bool) -> None:
    """List sources with the number of claims citing each, and the other kinds each
    name is on record under (one body, counted as one origin).

    \b
    Example:
      claims source list
    """
    from claims import store
    from claims.parsing import name_key
    from claims.store import bodies

    with app(ctx).database().session() as session:
        kinds = bodies.kinds_by_key(session)
        rows = []
        for row in store.list_sources(session):
            record = row.as_dict()
            # Rule 6: the same name under other kinds is the same body, one origin.
            others = kinds.get(name_key(record["name"]), set()) - {record["kind"]}
            record["also_as"] = sorted(others) if record["kind"] in bodies.BODY_KINDS else []
            rows.append(record)
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo("No sources yet. Claims add them: claims add ... --source person:NAME")
    else:
        echo_table(
            ["ID", "KIND", "NAME", "ROLE", "RELIABILITY", "CLAIMS", "ALSO ON RECORD AS"],
            [
                [
                    r["id"],
                    r["kind"],
                    r["name"],
                    r["role"] or "",
                    r["reliability"] or "",
                    r["claims"],
                    ", ".join(r["also_as"]),
                ]
                for r in rows
            ],
        )


@source.command("link")
@click.argument("speaker", metavar="KIND:NAME")
@click.option(
    "principal",
    "--for",
    metavar="KIND:NAME",
    required=True,
    help='Whom it speaks for: official:"Ministry of Defence", outlet:NAME...',
)
@by_option
@click.pass_context
def source_link(ctx: click.Context, speaker: str, principal: str, by: str) -> None:
    """Record that one source speaks for another.

    A spokesman speaks for his ministry, a minister for a government, a document
    released by an army is its account. Cross-referencing traces origins to the
    principal (following links to the last): two spokesmen of one ministry are one
    origin, and show, xref and the report name both.

    \b
    Example:
      claims source link "person:Jane Roe" --for "official:Ministry of Defence"
    """
    from claims.store import bodies

    with app(ctx).database().session(write=True) as session:
        row = bodies.link(session, speaker, principal, by=by)
        said = bodies.link_record(row)
    click.echo(clean(f"{said['source']} now speaks for {said['speaks_for']}."))


@source.command("unlink")
@click.argument("speaker", metavar="KIND:NAME")
@by_option
@click.pass_context
def source_unlink(ctx: click.Context, speaker: str, by: str) -> None:
    """Take back a link recorded by mistake; who took it back, and when, is kept.

    \b
    Example:
      claims source unlink "person:Jane Roe"
    """
    from claims.store import bodies

    with app(ctx).database().session(write=True) as session:
        row = bodies.unlink(session, speaker, by=by)
        said = bodies.link_record(row) if row is not None else None
    if said is None:
        raise click.ClickException(
            f"{clean(speaker)!r} speaks for nobody on record (claims source links lists who does)"
        )
    click.echo(clean(f"{said['source']} no longer speaks for {said['speaks_for']}."))


@source.command("links")
@list_options
@click.option("--removed", is_flag=True, help="List the links taken back instead.")
@click.pass_context
def source_links(ctx: click.Context, json_: bool, nl: bool, removed: bool) -> None:
    """List who speaks for whom, in the order the links were recorded.

    \b
    Example:
      claims source links
      claims source links --removed --json
    """
    from claims import store
    from claims.interop.document import removed_record
    from claims.store import bodies

    with app(ctx).database().session() as session:
        if removed:
            rows = [removed_record(r) for r in store.list_changes(session, store.LINK_REMOVED)]
        else:
            rows = [bodies.link_record(r) for r in bodies.list_links(session)]
    if echo_records(ctx, rows, json_, nl):
        return
    if not rows:
        click.echo("No links taken back." if removed else "No source speaks for another.")
        return
    headers = ["SOURCE", "SPEAKS FOR", "LINKED", "BY"] + (["REMOVED", "BY"] if removed else [])
    keys = ("source", "speaks_for", "created_at", "created_by", "removed_at", "removed_by")
    echo_table(headers, [[r[k] for k in keys[: len(headers)]] for r in rows])
