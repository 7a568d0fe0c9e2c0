"""claims show: one claim read back whole, with its article, history, verdict and the
chain of origins it rests on. Apart from ``record`` (which records and lists claims)
because reading one back is most of the printing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from claims.cli.context import app
from claims.cli.options import json_option, min_origins_option
from claims.cli.output import clean, echo_json, shorten
from claims.cli.record import ClaimIdCommand, claim_id_value, proposition_text

if TYPE_CHECKING:
    from claims.store.articles import ArticleRow
    from claims.store.models import Claim


@click.command(cls=ClaimIdCommand)
@click.argument("claim_id", metavar="ID", callback=claim_id_value)
@min_origins_option
@json_option
@click.pass_context
def show(ctx: click.Context, claim_id: int, min_origins: int, json_: bool) -> None:
    """Show one claim: outlet, sources, proposition, verdict, origin chain, history.

    \b
    Example:
      claims show 12
    """
    from claims import store, verdicts
    from claims.store import articles
    from claims.xref import REASONS, claim_verdict_as_dict

    with app(ctx).database().session() as session:
        claim = store.get_claim(session, claim_id)
        record = store.claim_as_dict(claim)
        record["history"] = store.claim_history(claim)
        outlet = _outlet_line(claim)
        article = _article_line(articles.article_row(session, claim.article_id), claim_id)
        found = verdicts.evidence_for(session, claim_id, min_origins=min_origins)
    xref: dict[str, Any] | None = None
    if found.verdict is not None:
        xref = claim_verdict_as_dict(found.verdict)
        xref["proposition_verdict"] = found.proposition.verdict if found.proposition else None
        xref["explanations"] = [REASONS[r] for r in found.verdict.reasons]
        xref["chain"] = found.chain
    record["xref"] = xref
    if json_:
        echo_json(record)
        return
    _echo_claim(record, outlet, article)
    if xref is not None:
        _echo_verdict(xref)


def _echo_verdict(x: dict[str, Any]) -> None:
    from claims.xref import NOT_GRADED

    click.echo("Cross-reference:")
    if x["proposition_verdict"]:
        click.echo(f"  Proposition: {x['proposition_verdict']}")
    origins = "; ".join(x["origins"])
    click.echo(clean(f"  Origins:     {x['independent_origins']} independent ({origins})"))
    click.echo(clean(f"  Carried by:  {', '.join(x['outlets'])}"))
    if x["conflicts_with"]:
        click.echo(f"  Conflicts:   claims {', '.join(map(str, x['conflicts_with']))}")
    if x["compatible_with"]:
        compatible = ", ".join(map(str, x["compatible_with"]))
        click.echo(f"  Compatible:  claims {compatible} (overlapping values, not confirming it)")
    derived = f"derived {x['derived_confidence']} ({x['derived_reason']})"
    entered = "not graded (6)" if x["confidence"] == NOT_GRADED else x["confidence"]
    click.echo(clean(f"  Credibility: entered {entered}, {derived}"))
    if x["unconfirmed"]:
        why = "; ".join(f"{r} ({e})" for r, e in zip(x["reasons"], x["explanations"], strict=True))
        click.echo(f"  Unconfirmed: {why}")
    if x["rests_on_retracted"]:
        withdrawn = ", ".join(map(str, x["rests_on_retracted"]))
        click.echo(f"  Rests on retracted: claim {withdrawn}, so no origin is counted there")
    if x["misattributed"]:
        cited = ", ".join(x["misattributed"])
        click.echo(clean(f"  Misattributed: cites {cited}, whose own claims on this say otherwise"))
    click.echo("Origin chain:")
    _echo_chain(x["chain"], 1)


def _echo_chain(node: dict[str, Any], depth: int) -> None:
    pad = "  " * depth
    cycle = "  (already on this chain: a citation cycle)" if node.get("cycle") else ""
    if node.get("shown"):
        cycle = "  (its chain is shown above)"
    click.echo(clean(f"{pad}claim {node['claim']} ({node['outlet']}){cycle}"))
    for cite in node.get("cites", []):
        if "origin" in cite:
            other = cite.get("says_otherwise")
            note = f" (its own claims here say otherwise: {_claims(other)})" if other else ""
            click.echo(clean(f"{pad}  {cite['source']} -> origin: {cite['origin']}{note}"))
        else:
            click.echo(clean(f"{pad}  cites {cite['source']}, which reported it in:"))
            for child in cite["via"]:
                _echo_chain(child, depth + 2)


def _claims(ids: list[int]) -> str:
    return ("claim " if len(ids) == 1 else "claims ") + ", ".join(map(str, ids))


def _outlet_line(claim: Claim) -> str:
    from claims.parsing import RELIABILITY

    o = claim.outlet
    where = f", {o.country}" if o.country else ""
    return f"{o.name} ({o.kind}{where}; reliability {o.reliability}: {RELIABILITY[o.reliability]})"


def _article_line(row: ArticleRow, claim_id: int) -> str:
    """Which article the claim is in, what else it holds, and how to see it whole."""
    others = [i for i in row.claims if i != claim_id]
    held = (
        f"with claim{'s' if len(others) > 1 else ''} {_and(others)}"
        if others
        else "this claim alone"
    )
    retracted = row.article.retracted_on
    status = f"; retracted {retracted}" if retracted else ""
    return f"{row.article.id}, {held}{status} (claims article show {row.article.id})"


def _and(ids: list[int]) -> str:
    shown = [str(i) for i in ids[:10]] + ([f"{len(ids) - 10} more"] if len(ids) > 10 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def _echo_claim(r: dict[str, Any], outlet: str, article: str) -> None:
    from claims.parsing import parse_date

    status = f", retracted {r['retracted_on']}: {r['retraction_note']}" if r["retracted"] else ""
    click.echo(f"Claim {r['id']} (version {r['version']}{clean(status)})")
    lines = [
        ("Text", r["text"]),
        ("Outlet", outlet),
        ("Published", f"{parse_date(r['date']).human()} ({r['date_precision']} precision)"),
        ("Headline", r["headline"]),
        ("URL", r["url"]),
        ("Article", article),
        ("Sources", "; ".join(_source(s) for s in r["sources"]) or "(the outlet's own reporting)"),
        ("Proposition", proposition_text(r) or "(none)"),
        ("Credibility", f"{r['confidence']} ({r['confidence_name']})"),
        ("Recorded", f"{r['recorded_at']} by {r['recorded_by']}"),
    ]
    if r["updated_at"]:
        lines.append(("Updated", f"{r['updated_at']} by {r['updated_by']}"))
    for label, value in lines:
        if value:
            click.echo(f"  {label + ':':<13}{clean(value)}")
    if r["history"]:
        from claims.store import claim_changes

        click.echo("History:")
        # As stored, by this version or an older one: any field may be missing.
        versions = [h["claim"] if isinstance(h["claim"], dict) else {} for h in r["history"]]
        for h, was, then in zip(r["history"], versions, versions[1:] + [r], strict=True):
            note = f": {h['note']}" if h["note"] else ""
            click.echo(
                clean(
                    f"  v{h['version']} {shorten(str(was.get('text') or ''), 50)!r} "
                    f"[{proposition_text(was) or 'no proposition'}]; "
                    f"{h['change']} {h['changed_at']} by {h['changed_by']}{note}"
                )
            )
            # What the next version changed, so that an edit of the date or the sources
            # shows as more than the same text twice.
            changes = "; ".join(
                f"{field}: {_was(old)} -> {_was(new)}"
                for field, old, new in claim_changes(was, then)
            )
            if changes:
                click.echo(clean(f"    {changes}"))


def _was(value: Any) -> str:
    """A field's value in a line of history, briefly."""
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return "(none)" if value is None or value == "" else shorten(str(value), 40)


def _source(s: dict[str, Any]) -> str:
    role = f" ({s['role']})" if s.get("role") else ""
    return f"{s['kind']}:{s['name']}{role}"
