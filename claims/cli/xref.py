"""claims xref / unconfirmed: cross-referencing the record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from claims.cli.commands import ClaimsCommand
from claims.cli.context import app
from claims.cli.options import json_option, min_origins_option, subject_filter
from claims.cli.output import clean, echo_json_list, echo_table, shorten

if TYPE_CHECKING:
    from claims.facts import Fact
    from claims.xref import ClaimVerdict, PropositionVerdict


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
    from claims import verdicts
    from claims.collector import fewer_collections
    from claims.xref import proposition_as_dict

    with fewer_collections(), app(ctx).database().session() as session:
        judged = verdicts.propositions(session, subject=subject, min_origins=min_origins)
        if json_:
            # Streamed: one proposition in memory at a time, whatever the record's size.
            echo_json_list(
                "propositions",
                (proposition_as_dict(v, assessments=with_claims) for v in judged),
            )
            return
        echo_xref(list(judged), subject)


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
        + (f"{counts['several']} holding several values, " if counts["several"] else "")
        + f"{counts['single']} reported by a single outlet.\n"
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
    pairs = [
        (p, p.values[i], p.values[j])
        for p in verdicts
        for i, v in enumerate(p.values)
        for j in v.compatible
        if i < j
    ]
    if pairs:
        click.echo("\nCompatible, not confirming (no conflict, no origins shared):")
        for p, a, b in pairs:
            click.echo(clean(f'  {p.subject} | {p.predicate}: "{a.value}" and "{b.value}"'))


@click.command(cls=ClaimsCommand)
@min_origins_option
@json_option
@click.pass_context
def unconfirmed(ctx: click.Context, min_origins: int, json_: bool) -> None:
    """List claims not established, and why: too few independent origins, or contradicted.

    \b
    Reasons:
      single-origin   one origin, carried by one outlet
      circular        several outlets, but they trace back to fewer origins
      few-origins     more than one origin, but fewer than --min-origins
      anonymous       its only origins are anonymous
      contradicted    another claim conflicts with it
      low-confidence  graded 5 (improbable); a claim not graded (6) is not flagged
      citation-cycle  its attribution chain runs in a circle
      no-proposition  no subject/predicate/value: nothing can corroborate it
      misattributed   it cites an outlet whose own claims on this say otherwise
      interested-party  a party to the matter (claims party add) is among its
                      origins: no confirmation of its own side
      rests-on-retracted  its attribution chain runs through a retracted report

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
            click.echo(
                f"Every claim has at least {min_origins} independent origins"
                " and none is contradicted."
            )
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
    from claims import verdicts

    # Of each claim, the listing shows the text: its URL, headline and date are not read.
    for facts, p in verdicts.judged(session, min_origins=min_origins, detail="text"):
        judged.claims += len(facts)
        for fact in facts:
            if p.is_unconfirmed(fact.id):
                yield _unconfirmed(fact, p.by_claim[fact.id], p.subject, p.predicate)
    for fact, verdict in verdicts.unattached(session, min_origins=min_origins):
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
