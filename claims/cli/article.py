"""claims article ...: what an outlet published, recorded once, its claims under it."""

from __future__ import annotations

from typing import Any

import click

from claims.cli.commands import ClaimsGroup
from claims.cli.completion import complete_outlet
from claims.cli.context import app
from claims.cli.options import (
    article_id_value,
    by_option,
    date_order_options,
    json_option,
    list_options,
)
from claims.cli.output import clean, echo_json, echo_records, echo_table, shorten
from claims.cli.record import ClaimIdCommand, echo_claims


@click.group(cls=ClaimsGroup)
def article() -> None:
    """Record articles: what an outlet published, its claims under it."""


@article.command("add")
@click.option(
    "--outlet", required=True, help="The outlet that published it.", shell_complete=complete_outlet
)
@click.option(
    "--date", required=True, help="Publication date: 2026-11-01, November 2026, mid-October..."
)
@click.option("--url", help="Where it can be read (http or https).")
@click.option("--headline", help="Its headline, as published.")
@click.option("--byline", help="Who wrote it, as the outlet names them.")
@date_order_options
@by_option
@json_option
@click.pass_context
def article_add(
    ctx: click.Context,
    outlet: str,
    date: str,
    url: str | None,
    headline: str | None,
    byline: str | None,
    dayfirst: bool | None,
    by: str,
    json_: bool,
) -> None:
    """Record an article; then record its claims with claims add --article ID.

    \b
    Example:
      claims article add --outlet RBC --date 2026-11-01 \\
        --url https://www.rbc.ru/politics/01/11/2026/dprk \\
        --headline "North Korea closes embassies in Spain and Hong Kong"
      claims add "North Korea has closed its embassy in Spain" --article 1 \\
        --source outlet:"Korea Times"
    """
    from claims.articledraft import make_article
    from claims.store.articles import add_article, article_row

    draft = make_article(
        outlet=outlet, date=date, url=url, headline=headline, byline=byline, dayfirst=dayfirst
    )
    with app(ctx).database().session(write=True) as session:
        recorded = add_article(session, draft, by=by)
        record = article_row(session, recorded.id).as_dict()
    if json_:
        echo_json(_contract(record))
        return
    click.echo(clean(f"Recorded article {record['id']}: {_title(record)}"))


def _contract(record: dict[str, Any]) -> dict[str, Any]:
    """What `article add --json` prints: the article as recorded, its claims' ids."""
    keys = ("id", "outlet", "date", "date_precision", "url", "headline", "byline", "claims")
    return {key: record[key] for key in keys}


def _title(r: dict[str, Any]) -> str:
    what = shorten(r["headline"], 60) if r["headline"] else "(no headline)"
    return f"{r['outlet']}, {r['date']}: {what}"


@article.command("list")
@list_options
@click.pass_context
def article_list(ctx: click.Context, json_: bool, nl: bool) -> None:
    """List articles, oldest record first, with how many claims each holds.

    \b
    Example:
      claims article list
      claims article list --json
    """
    from claims.store.articles import list_articles

    with app(ctx).database().session() as session:
        records = [row.as_dict() for row in list_articles(session)]
    if echo_records(ctx, records, json_, nl):
        return
    if not records:
        click.echo("No articles on record.")
        return
    echo_table(
        ["ID", "DATE", "OUTLET", "CLAIMS", "HEADLINE"],
        [
            [
                r["id"],
                r["date"],
                shorten(r["outlet"], 20),
                len(r["claims"]),
                ("[retracted] " if r["retracted_on"] else "") + shorten(r["headline"] or "", 50),
            ]
            for r in records
        ],
    )


@article.command("show", cls=ClaimIdCommand)
@click.argument("article_id", metavar="ID", callback=article_id_value)
@json_option
@click.pass_context
def article_show(ctx: click.Context, article_id: int, json_: bool) -> None:
    """Show one article and its claims.

    \b
    Example:
      claims article show 1
    """
    from claims.store.articles import article_row
    from claims.store.exports import exported
    from claims.store.scope import Scope

    with app(ctx).database().session() as session:
        record = article_row(session, article_id).as_dict()
        claims = [c.as_dict() for c in exported(session, Scope(), ids=record["claims"])]
    if json_:
        echo_json(record)
        return
    status = (
        f" (retracted {record['retracted_on']}: {record['retraction_note']})"
        if record["retracted_on"]
        else ""
    )
    click.echo(clean(f"Article {record['id']}{status}"))
    for label, value in (
        ("Outlet", record["outlet"]),
        ("Published", f"{record['date']} ({record['date_precision']} precision)"),
        ("Headline", record["headline"]),
        ("Byline", record["byline"]),
        ("URL", record["url"]),
    ):
        if value:
            click.echo(f"  {label + ':':<11}{clean(value)}")
    echo_claims(claims)


@article.command("retract", cls=ClaimIdCommand)
@click.argument("article_id", metavar="ID", callback=article_id_value)
@click.option("--note", required=True, help="Why it is retracted (who retracted it, where).")
@click.option(
    "--date", help="The day it was retracted: 2026-11-03, 3 November 2026 (default: today)."
)
@date_order_options
@by_option
@json_option
@click.pass_context
def article_retract(
    ctx: click.Context,
    article_id: int,
    note: str,
    date: str | None,
    dayfirst: bool | None,
    by: str,
    json_: bool,
) -> None:
    """Retract an article and every claim in it, at once.

    \b
    Example:
      claims article retract 3 --note "RBC withdrew the report on 3 November" \\
        --date 2026-11-03
    """
    from claims.store.articles import article_row, retract_article

    with app(ctx).database().session(write=True) as session:
        _, retracted = retract_article(
            session, article_id, note=note, on=date, dayfirst=dayfirst, by=by
        )
        record = article_row(session, article_id).as_dict()
    if json_:
        echo_json(record | {"retracted_claims": retracted})
        return
    claims = (
        f"claim{'s' if len(retracted) != 1 else ''} {', '.join(map(str, retracted))}"
        if retracted
        else "no active claims"
    )
    click.echo(f"Retracted article {article_id} on {record['retracted_on']}, and {claims}.")
