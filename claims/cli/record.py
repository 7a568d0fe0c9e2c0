"""claims add / edit / retract / list: recording claims and listing them (``show`` reads
one back, in its own module)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from claims.cli.commands import ClaimsCommand
from claims.cli.completion import complete_outlet, complete_source
from claims.cli.context import app
from claims.cli.options import (
    article_id_value,
    by_option,
    date_order_options,
    date_window,
    json_option,
    list_options,
    subject_filter,
)
from claims.cli.output import clean, echo_json, echo_records, echo_table, shorten

F = TypeVar("F", bound=Callable[..., Any])

_NOT_AN_ID = "is not a claim id; ids are whole numbers from 1, as claims list shows them"


def claim_id_value(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A claim's id: a whole number from 1. Anything else is named as a bad id rather
    than looked up."""
    text = value.strip()
    if text.isdecimal() and text.isascii() and int(text) >= 1:
        return int(text)
    raise click.BadParameter(f"{value!r} {_NOT_AN_ID}", ctx=ctx, param=param)


class ClaimIdCommand(ClaimsCommand):
    """A command whose argument is a claim ID: `show -1` gets the answer a bad id gets,
    not "No such option '-1'"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given_args = list(args)  # the parser takes from the list it is given
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if not re.fullmatch(r"-\d", exc.option_name):
                raise
            given = next((a for a in given_args if a.startswith(exc.option_name)), exc.option_name)
            raise click.BadParameter(
                f"{given!r} {_NOT_AN_ID}", ctx=ctx, param_hint="'ID'"
            ) from None


def on_terminal() -> bool:
    """Whether someone is typing the command's input (not a script or a pipe)."""
    return sys.stdin.isatty()


def claim_options(func: F) -> F:
    """The options `add` and `edit` share (edit: only the ones given change)."""
    options = [
        click.option(
            "--outlet", help="The outlet that published the claim.", shell_complete=complete_outlet
        ),
        click.option(
            "--date", help="Publication date: 2026-11-01, November 2026, mid-October 2026..."
        ),
        click.option(
            "--source",
            "sources",
            multiple=True,
            metavar="KIND:NAME",
            shell_complete=complete_source,
            help="Who the outlet attributes it to (repeatable). KIND: person, official, "
            "document, organization, anonymous, outlet.",
        ),
        click.option("--subject", help='What the claim is about, e.g. "DPRK embassy in Spain".'),
        click.option("--predicate", help='Which property of the subject, e.g. "status".'),
        click.option("--value", help='What the claim says it is, e.g. "closed", "about 50".'),
        click.option("--as-of", "as_of", help="When the value holds (a date, any precision)."),
        click.option("--denies", is_flag=True, help="The claim denies the value instead."),
        click.option(
            "--confidence",
            help="Credibility 1-6 (1 confirmed, 2 probably true, 3 possibly true, "
            "4 doubtful, 5 improbable, 6 cannot be judged) or its name.",
        ),
        click.option("--url", help="Where the report can be read (http or https)."),
        click.option("--headline", help="The report's headline."),
        date_order_options,
        by_option,
        json_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command(cls=ClaimsCommand)
@click.argument("text")
@click.option(
    "--article",
    "article_id",
    metavar="ID",
    callback=article_id_value,
    help="The article it was published in (claims article add): its outlet, date, "
    "URL and headline are the claim's.",
)
@claim_options
@click.pass_context
def add(
    ctx: click.Context,
    text: str,
    article_id: int | None,
    outlet: str | None,
    date: str | None,
    sources: tuple[str, ...],
    subject: str | None,
    predicate: str | None,
    value: str | None,
    as_of: str | None,
    denies: bool,
    confidence: str | None,
    url: str | None,
    headline: str | None,
    dayfirst: bool | None,
    by: str,
    json_: bool,
) -> None:
    """Record a claim as an outlet published it.

    \b
    Example:
      claims add "North Korea is closing its embassy in Madrid" \\
        --outlet "Korea Times" --date 2026-11-01 \\
        --source document:"DPRK decision on the Madrid embassy" \\
        --subject "DPRK embassy in Spain" --predicate status --value closed \\
        --confidence 2
    """
    from claims.store import direct

    if article_id is None and (outlet is None or date is None):
        if not on_terminal():  # a script: the same failure as ever, nothing waits
            missing = "--outlet" if outlet is None else "--date"
            raise click.UsageError(f"Missing option '{missing}'.", ctx=ctx)
        # Someone at the keyboard: asked, rather than sent back to retype the command.
        if outlet is None:
            outlet = click.prompt("Outlet")
        if date is None:
            date = click.prompt("Date (2026-11-01, 1 November 2026, November 2026...)")
    if confidence is not None and not confidence.strip():
        # `--confidence "$GRADE"` with GRADE unset: not the default grade, silently.
        raise click.BadParameter(
            f"{confidence!r} is empty: give 1-6 or leave the option out",
            param_hint="'--confidence'",
        )
    fields = {
        "text": text,
        "outlet": outlet,
        "date": date,
        "sources": sources,
        "confidence": confidence,
        "url": url,
        "headline": headline,
        "subject": subject,
        "predicate": predicate,
        "value": value,
        "as_of": as_of,
        "stance": "denies" if denies else None,
        "dayfirst": dayfirst,
    }
    # On a SQLite file, without loading SQLAlchemy when it can (store.direct says why).
    recorded = direct.record_claim(app(ctx).db, fields, by=by, article=article_id)
    if recorded is None:
        from claims import store

        with app(ctx).database().session(write=True) as session:
            recorded = store.record_claim(session, fields, by=by, article=article_id)
    record = recorded.record
    if json_:
        echo_json(record)
    else:
        click.echo(f"Recorded claim {record['id']}: {clean(shorten(record['text'], 70))}")
    for cited, kinds in recorded.also:
        if kinds:  # rule 6: one body, one origin, whatever kind it was recorded under
            click.echo(
                clean(
                    f"Note: {cited} is also on record as {' and '.join(kinds)}; "
                    "cross-referencing counts them as one body, one origin"
                ),
                err=True,
            )
    if repeated := recorded.repeats:
        # Recorded all the same (one outlet may well say the same thing twice in a day),
        # but said, since twice the same report would count as two appearances.
        same = f"claim{'s' if len(repeated) > 1 else ''} {', '.join(map(str, repeated))}"
        click.echo(
            f"Note: {same} {'have' if len(repeated) > 1 else 'has'} the same outlet, date, "
            "text and URL; if this one was "
            f"recorded by mistake: claims retract {record['id']} --note 'recorded twice'",
            err=True,
        )


@click.command(cls=ClaimIdCommand)
@click.argument("claim_id", metavar="ID", callback=claim_id_value)
@click.option("--text", help="The statement, in your words.")
@claim_options
@click.option("--asserts", is_flag=True, help="The claim asserts the value (undoes --denies).")
@click.option("--clear-sources", is_flag=True, help="Drop the sources (then add --source ones).")
@click.option("--note", help="Why it was edited, kept in the history.")
@click.pass_context
def edit(
    ctx: click.Context,
    claim_id: int,
    text: str | None,
    outlet: str | None,
    date: str | None,
    sources: tuple[str, ...],
    subject: str | None,
    predicate: str | None,
    value: str | None,
    as_of: str | None,
    denies: bool,
    confidence: str | None,
    url: str | None,
    headline: str | None,
    dayfirst: bool | None,
    by: str,
    json_: bool,
    asserts: bool,
    clear_sources: bool,
    note: str | None,
) -> None:
    """Change a claim; the version it replaces stays in its history.

    Only the options given change. --source replaces the sources; an empty
    value ("") clears --url, --headline or --as-of.

    \b
    Example:
      claims edit 7 --value "about 50" --note "Yomiuri says about 50, not 53"
    """
    from claims import store

    if denies and asserts:
        raise click.UsageError("--denies and --asserts contradict each other", ctx=ctx)
    given = {
        "text": text,
        "outlet": outlet,
        "date": date,
        "subject": subject,
        "predicate": predicate,
        "value": value,
        "as_of": as_of,
        "confidence": confidence,
        "url": url,
        "headline": headline,
    }
    changes: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if sources or clear_sources:
        changes["sources"] = list(sources)
    if denies or asserts:
        changes["stance"] = "denies" if denies else "asserts"
    if not changes:
        raise click.UsageError("nothing to change: give at least one option", ctx=ctx)
    with app(ctx).database().session(write=True) as session:
        claim = store.get_claim(session, claim_id)
        before = claim.version
        claim = store.edit_claim(session, claim_id, changes, by=by, note=note, dayfirst=dayfirst)
        record = store.claim_as_dict(claim)
    if json_:
        echo_json(record)
    elif record["version"] == before:
        click.echo(f"Claim {claim_id} already reads that way; nothing changed.")
    else:
        click.echo(f"Edited claim {claim_id} (now version {record['version']}).")


@click.command(cls=ClaimIdCommand)
@click.argument("claim_id", metavar="ID", callback=claim_id_value)
@click.option("--note", required=True, help="Why it is retracted (who retracted it, where).")
@click.option(
    "--date", help="The day it was retracted: 2026-11-03, 3 November 2026 (default: today)."
)
@date_order_options
@by_option
@json_option
@click.pass_context
def retract(
    ctx: click.Context,
    claim_id: int,
    note: str,
    date: str | None,
    dayfirst: bool | None,
    by: str,
    json_: bool,
) -> None:
    """Mark a claim retracted. It stays on record, out of cross-referencing.

    \b
    Example:
      claims retract 12 --note "Yomiuri corrected the report on 3 November" --date 2026-11-03
    """
    from claims import store

    with app(ctx).database().session(write=True) as session:
        claim = store.retract_claim(session, claim_id, note=note, on=date, dayfirst=dayfirst, by=by)
        record = store.claim_as_dict(claim)
    if json_:
        echo_json(record)
    else:
        click.echo(f"Retracted claim {claim_id} on {record['retracted_on']}.")


@click.command("list", cls=ClaimsCommand)
@click.option("--outlet", help="Only claims this outlet published.", shell_complete=complete_outlet)
@click.option(
    "--subject", help="Only claims whose subject contains this text.", callback=subject_filter
)
@click.option("--since", help="Only claims published on or after this date.")
@click.option("--until", help="Only claims published on or before this date.")
@click.option("--active", is_flag=True, help="Leave out retracted claims.")
@date_order_options
@list_options
@click.pass_context
def list_(
    ctx: click.Context,
    outlet: str | None,
    subject: str | None,
    since: str | None,
    until: str | None,
    active: bool,
    dayfirst: bool | None,
    json_: bool,
    nl: bool,
) -> None:
    """List recorded claims, oldest record first.

    \b
    Example:
      claims list --outlet "Korea Times" --since "October 2026"
      claims list --subject spain --json
    """
    from claims.store.exports import exported
    from claims.store.scope import Scope

    since_p, until_p = date_window(since, until, dayfirst)
    with app(ctx).database().session() as session:
        # Read as the exports read claims: rows, not objects, a thousand at a time.
        claims = exported(session, Scope(subject, outlet, since_p, until_p))
        records = (c.as_dict() for c in claims if not active or c.claim.retracted_on is None)
        if echo_records(ctx, records, json_, nl):
            return
        table = list(records)
    echo_claims(table)


def echo_claims(records: list[dict[str, Any]]) -> None:
    """Claims as a table, one line each."""
    if not records:
        click.echo("No claims match.")
        return
    echo_table(
        ["ID", "DATE", "OUTLET", "CRED", "CLAIM", "PROPOSITION"],
        [
            [
                r["id"],
                r["date"],
                shorten(r["outlet"], 20),
                r["confidence"],
                ("[retracted] " if r["retracted"] else "") + shorten(r["text"], 50),
                shorten(proposition_text(r), 50),
            ]
            for r in records
        ],
    )


def proposition_text(r: dict[str, Any]) -> str:
    """A claim's proposition in a line; ``r`` may be an earlier version, missing fields."""
    if not r.get("subject"):
        return ""
    verb = "is not" if r.get("stance") == "denies" else "="
    as_of = f" as of {r['as_of']}" if r.get("as_of") else ""
    return f"{r['subject']} | {r.get('predicate')} {verb} {r.get('value')}{as_of}"
