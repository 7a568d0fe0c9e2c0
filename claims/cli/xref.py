"""claims xref / unconfirmed / alias / predicate: cross-referencing the record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from claims.cli._common import (
    ClaimsCommand,
    app,
    by_option,
    clean,
    echo_json_list,
    echo_table,
    json_option,
    min_origins_option,
    shorten,
    subject_filter,
)

if TYPE_CHECKING:
    from claims.xref import ClaimVerdict, Fact, PropositionVerdict


@click.command(cls=ClaimsCommand)
@click.option(
    "--subject",
    help="Only propositions whose subject (or an alias) contains this.",
    callback=subject_filter,
)
@min_origins_option
@click.option(
    "--claims",
    "with_claims",
    is_flag=True,
    help="With --json: add every claim's own verdict (origins, reasons, derived credibility).",
)
@json_option
@click.pass_context
def xref(
    ctx: click.Context, subject: str | None, min_origins: int, with_claims: bool, json_: bool
) -> None:
    """Cross-reference the claims: agreement, conflict, independent origins.

    Claims about the same subject and predicate are compared; echoes of one
    origin (an outlet citing an outlet) count once. Conflicts come first.

    \b
    Example:
      claims xref
      claims xref --subject spain --json
    """
    from claims.collector import fewer_collections
    from claims.store import evidence
    from claims.xref import proposition_as_dict

    with fewer_collections(), app(ctx).database().session() as session:
        verdicts = evidence.propositions(session, subject=subject, min_origins=min_origins)
        if json_:
            # Streamed: one proposition in memory at a time, whatever the record's size.
            echo_json_list(
                "propositions",
                (proposition_as_dict(v, assessments=with_claims) for v in verdicts),
            )
            return
        echo_xref(list(verdicts), subject)


def echo_xref(verdicts: list[PropositionVerdict], subject: str | None = None) -> None:
    from claims.xref import VERDICTS

    if not verdicts and subject is not None:
        # The record may well hold propositions: the filter is what left none.
        click.echo(f"No proposition's subject matches --subject {subject!r}.")
        return
    if not verdicts:
        click.echo(
            "No propositions to cross-reference: record claims with --subject, "
            "--predicate and --value."
        )
        return
    counts = {v: sum(1 for p in verdicts if p.verdict == v) for v in VERDICTS}
    click.echo(
        f"{len(verdicts)} propositions: {counts['conflict']} in conflict, "
        f"{counts['timeline']} changing over time, {counts['agree']} agreed, "
        f"{counts['single']} reported by a single outlet.\n"
    )
    rows = []
    for p in sorted(verdicts, key=lambda p: (VERDICTS.index(p.verdict), p.subject, p.predicate)):
        for i, v in enumerate(p.values):
            value = ("NOT " if v.stance == "denies" else "") + v.value
            rows.append(
                [
                    p.verdict.upper() if i == 0 else "",
                    shorten(f"{p.subject} | {p.predicate}", 46) if i == 0 else "",
                    shorten(value, 30),
                    v.as_of or "",
                    shorten(", ".join(v.outlets), 34),
                    f"{v.independent_origins}: "
                    + shorten("; ".join(o.label for o in v.origins), 50),
                ]
            )
    echo_table(["VERDICT", "PROPOSITION", "VALUE", "AS OF", "OUTLETS", "ORIGINS"], rows)


@click.command(cls=ClaimsCommand)
@min_origins_option
@json_option
@click.pass_context
def unconfirmed(ctx: click.Context, min_origins: int, json_: bool) -> None:
    """List claims with too few independent origins, and why.

    \b
    Reasons:
      single-origin   one origin, carried by one outlet
      circular        several outlets, but they trace back to fewer origins
      few-origins     more than one origin, but fewer than --min-origins
      anonymous       its only origins are anonymous
      contradicted    another claim conflicts with it
      low-confidence  graded 5 (improbable) or 6 (cannot be judged)
      citation-cycle  its attribution chain runs in a circle
      no-proposition  no subject/predicate/value: nothing can corroborate it
      misattributed   it cites an outlet whose own claims on this say otherwise

    \b
    Example:
      claims unconfirmed --min-origins 2 --json
    """

    from claims import store
    from claims.collector import fewer_collections

    judged = _Tally()
    with fewer_collections(), app(ctx).database().session() as session:
        records = _unconfirmed_records(session, min_origins, judged)
        if json_:
            echo_json_list("claims", records)  # in proposition order, streamed
            return
        rows = sorted(records, key=lambda r: r["id"])
        # "Every claim has..." would be vacuously true of no claims: say what is there.
        only_retracted = not judged.claims and store.count_claims(session) > 0
    if not rows:
        if judged.claims:
            click.echo(f"Every claim has at least {min_origins} independent origins.")
        elif only_retracted:
            click.echo("No claims to judge: every claim on record is retracted.")
        else:
            click.echo("No claims on record.")
        return
    echo_table(
        ["ID", "OUTLET", "CLAIM", "ORIGINS", "CRED", "REASONS"],
        [
            [
                r["id"],
                shorten(r["outlet"], 18),
                shorten(r["text"], 46),
                r["independent_origins"],
                f"{r['confidence']}->{r['derived_confidence']}"
                if r["confidence"] != r["derived_confidence"]
                else r["confidence"],
                ", ".join(r["reasons"]),
            ]
            for r in rows
        ],
    )


@dataclass
class _Tally:
    claims: int = 0  # claims judged, confirmed or not


def _unconfirmed_records(
    session: Any, min_origins: int, judged: _Tally
) -> Iterator[dict[str, Any]]:
    """The unconfirmed claims' records; ``judged`` counts every claim looked at."""
    from claims.store import evidence

    # Of each claim, the listing shows the text: its URL, headline and date are not read.
    for facts, p in evidence.judged(session, min_origins=min_origins, detail="text"):
        judged.claims += len(facts)
        for fact in facts:
            if p.is_unconfirmed(fact.id):
                yield _unconfirmed(fact, p.by_claim[fact.id], p.subject, p.predicate)
    for fact, verdict in evidence.unattached(session, min_origins=min_origins):
        judged.claims += 1
        yield _unconfirmed(fact, verdict, None, None)


def _unconfirmed(
    fact: Fact, verdict: ClaimVerdict, subject: str | None, predicate: str | None
) -> dict[str, Any]:
    from claims.xref import REASONS

    return {
        "id": verdict.id,
        "text": fact.text,
        "outlet": fact.outlet,
        "value": fact.value.text if fact.value else None,
        "stance": fact.stance,
        "subject": subject,
        "predicate": predicate,
        "reasons": list(verdict.reasons),
        "explanations": [REASONS[r] for r in verdict.reasons],
        "independent_origins": verdict.independent_origins,
        "origins": [o.name for o in verdict.supporting_origins],
        "outlets": list(verdict.outlets),
        "confidence": verdict.confidence,
        "derived_confidence": verdict.derived_confidence,
        "derived_reason": verdict.derived_reason,
    }


@click.command(cls=ClaimsCommand)
@click.argument("name")
@click.argument("other_name")
@by_option
@click.pass_context
def alias(ctx: click.Context, name: str, other_name: str, by: str) -> None:
    """Declare that two subjects are the same thing, as outlets name it differently.

    Aliases chain: if A is B and B is C, claims about A, B and C are compared.

    \b
    Example:
      claims alias "DPRK embassy in Madrid" "North Korean embassy in Spain"
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


@click.command(cls=ClaimsCommand)
@json_option
@click.pass_context
def aliases(ctx: click.Context, json_: bool) -> None:
    """List the subject aliases declared, in the order they were declared.

    \b
    Example:
      claims aliases --json
    """
    from claims import store
    from claims.interop.exporter import alias_record

    with app(ctx).database().session() as session:
        rows = [alias_record(a) for a in store.list_aliases(session)]
    if json_:
        echo_json_list("aliases", rows)
        return
    if not rows:
        click.echo("No aliases declared.")
        return
    echo_table(
        ["SUBJECT", "OTHER", "DECLARED", "BY"],
        [[r["subject"], r["other"], r["created_at"], r["created_by"]] for r in rows],
    )


@click.command(cls=ClaimsCommand)
@click.argument("name")
@click.argument("other_name")
@click.pass_context
def unalias(ctx: click.Context, name: str, other_name: str) -> None:
    """Take back an alias declared by mistake: the two subjects are told apart again
    (unless other aliases still chain them).

    \b
    Example:
      claims unalias "DPRK embassy in Madrid" "North Korean embassy in Spain"
    """
    from claims import store

    with app(ctx).database().session(write=True) as session:
        removed = store.remove_alias(session, name, other_name)
        chain = store.alias_chain(session, name, other_name) if removed else None
    if not removed:
        raise click.ClickException(
            f"{clean(name)!r} and {clean(other_name)!r} were not declared one subject "
            "(claims aliases lists what was)"
        )
    click.echo(f"{clean(name)!s} and {clean(other_name)!s} are no longer declared one subject.")
    if chain is not None:
        through = ", ".join(repr(clean(n)) for n in chain[1:-1])
        click.echo(f"Note: they are still one subject through {through}.", err=True)


@click.command(cls=ClaimsCommand)
@click.argument("name")
# Two flags, not one option with two flag values: that would silently keep the last.
@click.option("--multi", is_flag=True, help="Several values can hold at once.")
@click.option("--single", is_flag=True, help="One value at a time (the default).")
@by_option
@click.pass_context
def predicate(ctx: click.Context, name: str, multi: bool, single: bool, by: str) -> None:
    """Declare whether a predicate holds one value at a time or several.

    Multi-valued: different values stand side by side (competing explanations)
    instead of conflicting; an explicit denial still conflicts.

    \b
    Example:
      claims predicate reason --multi
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
