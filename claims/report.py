"""The provenance report: what the templates receive, the one Jinja2 environment, and
the functions that render HTML, Markdown and JSON from the same context.

Templates only format; everything they show is computed here, into the documented
dataclasses below. All recorded text is untrusted: the environment autoescapes
everything, and only http/https URLs ever become links (``safe_url``).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from claims import evidence
from claims.errors import ClaimsError
from claims.graphs import Chart, Graph, provenance_graph, publication_chart
from claims.parsing import CONFIDENCE, RELIABILITY, Period, name_key
from claims.xref import (
    REASONS,
    VERDICTS,
    ChainTracer,
    ClaimVerdict,
    Fact,
    PropositionVerdict,
)


class TemplateProblem(ClaimsError):
    """A report template (typically a newsroom's own) is broken."""


PAGE_SIZE = 100  # propositions (or unconfirmed claims) per page of the report
FORMATS = ("html", "md", "json")
VERDICT_WORDS = {
    "conflict": "conflict",
    "timeline": "changes over time",
    "agree": "agree",
    "single": "single report",
}


@dataclass(frozen=True)
class OriginView:
    name: str
    kind: str
    anonymous: bool


@dataclass(frozen=True)
class ClaimView:
    id: int
    anchor: str  # "claim-12": its permalink
    text: str
    outlet: str
    outlet_anchor: str
    published: str
    url: str | None
    headline: str | None
    sources: tuple[str, ...]  # "person: Ryu Hyun Woo"
    value: str
    stance: str
    as_of: str | None
    confidence: int
    confidence_name: str
    derived_confidence: int
    derived_name: str
    derived_reason: str
    unconfirmed: bool
    reasons: tuple[tuple[str, str], ...]  # (code, in words)
    conflicts_with: tuple[int, ...]
    origins: tuple[OriginView, ...]  # where this claim's own chain ends
    chain: dict[str, Any] | None  # xref.origin_tree; drawn for conflicting values only


@dataclass(frozen=True)
class EchoView:
    """One origin and the outlets whose claims trace back to it: the collapse, visible."""

    origin: OriginView
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class ValueView:
    value: str
    stance: str
    as_of: str | None
    claims: tuple[ClaimView, ...]
    outlets: tuple[str, ...]
    independent_origins: int
    origins: tuple[OriginView, ...]
    echoes: tuple[EchoView, ...]
    # The credibility the evidence supports is the same for every claim of one value.
    derived_confidence: int
    derived_name: str
    derived_reason: str


@dataclass(frozen=True)
class PropositionView:
    anchor: str  # "p-3"
    subject: str
    predicate: str
    verdict: str
    verdict_words: str
    multi_valued: bool
    values: tuple[ValueView, ...]
    outlets: tuple[str, ...]
    independent_origins: int  # distinct origins across all its values
    conflicts: tuple[tuple[int, int], ...]
    cycles: tuple[tuple[str, ...], ...]
    graph: Graph | None


@dataclass(frozen=True)
class OutletView:
    name: str
    anchor: str
    kind: str
    country: str | None
    reliability: str
    reliability_name: str
    claims: int
    corroborated: int
    contradicted: int
    unconfirmed: int


@dataclass(frozen=True)
class Totals:
    claims: int
    outlets: int
    propositions: int
    agreed: int
    conflict: int
    timeline: int
    single: int
    unconfirmed: int


@dataclass(frozen=True)
class Report:
    """Everything a report template receives (as ``report``)."""

    title: str
    scope: tuple[tuple[str, str], ...]  # the filters, in words
    generated_at: str
    database: str
    min_origins: int
    totals: Totals
    conflicts: tuple[PropositionView, ...]
    propositions: tuple[PropositionView, ...]
    unconfirmed: tuple[ClaimView, ...]
    outlets: tuple[OutletView, ...]
    chart: Chart | None
    page_size: int = PAGE_SIZE
    reasons: dict[str, str] = field(default_factory=lambda: dict(REASONS))

    def search_index(self) -> list[list[Any]]:
        """What the page's script needs to filter, search and follow permalinks without
        reading every page: per proposition its anchor, page, verdict, outlets (indexes
        into ``outlets``), the words a search matches, and its claim ids."""
        outlet_index = {o.name: i for i, o in enumerate(self.outlets)}
        return [
            [
                p.anchor,
                i // self.page_size + 1,
                p.verdict,
                [outlet_index[o] for o in p.outlets if o in outlet_index],
                " ".join(
                    " ".join([p.subject, p.predicate, *p.outlets, *(v.value for v in p.values)])
                    .lower()
                    .split()
                ),
                [c.id for v in p.values for c in v.claims],
            ]
            for i, p in enumerate(self.propositions)
        ]


@dataclass(frozen=True)
class Scope:
    subject: str | None = None
    outlet: str | None = None
    since: Period | None = None
    until: Period | None = None

    def describe(self) -> tuple[tuple[str, str], ...]:
        parts = [
            ("subject contains", self.subject),
            ("outlet", self.outlet),
            ("published since", self.since.human() if self.since else None),
            ("published until", self.until.human() if self.until else None),
        ]
        return tuple((label, value) for label, value in parts if value) or (
            ("everything", "all claims on record"),
        )


def build_report(
    session: Session,
    *,
    database: str,
    scope: Scope = Scope(),
    title: str | None = None,
    min_origins: int = 2,
    now: dt.datetime | None = None,
) -> Report:
    """Cross-reference the record within ``scope`` and gather what the report shows.

    Subject and date filters choose the claims compared; the outlet filter chooses the
    propositions shown (those the outlet reported on), judged on every claim in them.
    """
    from claims import store

    outlet_key = name_key(store.find_outlet(session, scope.outlet).name) if scope.outlet else None
    propositions: list[PropositionView] = []
    unconfirmed: list[ClaimView] = []
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    published: list[tuple[str, dt.date]] = []
    for facts, verdict in evidence.judged(
        session,
        subject=scope.subject,
        min_origins=min_origins,
        since=scope.since,
        until=scope.until,
    ):
        if outlet_key is not None and all(f.outlet_key != outlet_key for f in facts):
            continue
        view = _proposition(len(propositions) + 1, facts, verdict)
        propositions.append(view)
        published.extend((f.outlet, f.published_on) for f in facts if f.published_on)
        for value in view.values:
            for claim in value.claims:
                _count(tally[claim.outlet], claim)
                if claim.unconfirmed:
                    unconfirmed.append(claim)
    if scope.subject is None:
        for fact, alone in evidence.unattached(
            session, min_origins=min_origins, since=scope.since, until=scope.until
        ):
            if outlet_key is None or fact.outlet_key == outlet_key:
                claim = _claim(fact, alone, {"claim": fact.id, "outlet": fact.outlet})
                _count(tally[claim.outlet], claim)
                unconfirmed.append(claim)
                if fact.published_on:
                    published.append((fact.outlet, fact.published_on))
    propositions.sort(key=lambda p: (VERDICTS.index(p.verdict), p.subject.lower(), p.predicate))
    outlets = _outlets(session, tally)
    counts = {v: sum(1 for p in propositions if p.verdict == v) for v in VERDICTS}
    return Report(
        title=title or "Provenance report",
        scope=scope.describe(),
        generated_at=(now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        database=database,
        min_origins=min_origins,
        totals=Totals(
            claims=sum(t[0] for t in tally.values()),
            outlets=len(tally),
            propositions=len(propositions),
            agreed=counts["agree"],
            conflict=counts["conflict"],
            timeline=counts["timeline"],
            single=counts["single"],
            unconfirmed=len(unconfirmed),
        ),
        conflicts=tuple(p for p in propositions if p.verdict == "conflict"),
        propositions=tuple(propositions),
        unconfirmed=tuple(sorted(unconfirmed, key=lambda c: c.id)),
        outlets=outlets,
        chart=publication_chart(published),
    )


def _count(tally: list[int], claim: ClaimView) -> None:
    """Per outlet: claims, corroborated, contradicted, unconfirmed."""
    tally[0] += 1
    tally[1] += not claim.unconfirmed and not claim.conflicts_with
    tally[2] += bool(claim.conflicts_with)
    tally[3] += claim.unconfirmed


def _proposition(
    number: int, facts: Sequence[Fact], verdict: PropositionVerdict
) -> PropositionView:
    by_id = {f.id: f for f in facts}
    # Chains are spelled out where values compete; elsewhere the graph shows them.
    tracer = ChainTracer(facts) if verdict.verdict == "conflict" else None
    values = []
    all_origins: set[tuple[str, str]] = set()
    for value in verdict.values:
        claims = tuple(
            _claim(by_id[i], verdict.by_claim[i], tracer.tree(i) if tracer else None)
            for i in value.claims
        )
        echoes: dict[OriginView, list[str]] = defaultdict(list)
        for claim in claims:
            for origin in claim.origins:
                if claim.outlet not in echoes[origin]:
                    echoes[origin].append(claim.outlet)
        all_origins |= {(o.kind, o.key) for o in value.origins}
        values.append(
            ValueView(
                value=value.value,
                stance=value.stance,
                as_of=value.as_of,
                claims=claims,
                outlets=value.outlets,
                independent_origins=value.independent_origins,
                origins=tuple(OriginView(o.name, o.kind, o.anonymous) for o in value.origins),
                echoes=tuple(EchoView(o, tuple(outs)) for o, outs in echoes.items()),
                derived_confidence=claims[0].derived_confidence,
                derived_name=claims[0].derived_name,
                derived_reason=claims[0].derived_reason,
            )
        )
    outlets = tuple(dict.fromkeys(f.outlet for f in facts))
    return PropositionView(
        anchor=f"p-{number}",
        subject=verdict.subject,
        predicate=verdict.predicate,
        verdict=verdict.verdict,
        verdict_words=VERDICT_WORDS[verdict.verdict],
        multi_valued=verdict.multi_valued,
        values=tuple(values),
        outlets=outlets,
        independent_origins=len(all_origins),
        conflicts=verdict.conflicts,
        cycles=verdict.cycles,
        graph=provenance_graph(facts, verdict),
    )


def _claim(fact: Fact, verdict: ClaimVerdict, chain: dict[str, Any] | None) -> ClaimView:
    return ClaimView(
        id=fact.id,
        anchor=f"claim-{fact.id}",
        text=fact.text,
        outlet=fact.outlet,
        outlet_anchor=_outlet_anchor(fact.outlet),
        published=fact.published,
        url=safe_url(fact.url),
        headline=fact.headline,
        sources=tuple(f"{s.kind}: {s.name}" for s in fact.sources),
        value=fact.value.text if fact.value else "",
        stance=fact.stance,
        as_of=fact.as_of_text,
        confidence=fact.confidence,
        confidence_name=CONFIDENCE[fact.confidence],
        derived_confidence=verdict.derived_confidence,
        derived_name=CONFIDENCE[verdict.derived_confidence],
        derived_reason=verdict.derived_reason,
        unconfirmed=verdict.unconfirmed,
        reasons=tuple((r, REASONS[r]) for r in verdict.reasons),
        conflicts_with=verdict.conflicts_with,
        origins=tuple(OriginView(o.name, o.kind, o.anonymous) for o in verdict.origins),
        chain=chain,
    )


def _outlets(session: Session, tally: dict[str, list[int]]) -> tuple[OutletView, ...]:
    from claims import store

    views = []
    for row in store.list_outlets(session):
        o = row.outlet
        if o.name not in tally:
            continue
        claims, corroborated, contradicted, unconfirmed = tally[o.name]
        views.append(
            OutletView(
                o.name,
                _outlet_anchor(o.name),
                o.kind,
                o.country,
                o.reliability,
                RELIABILITY[o.reliability],
                claims,
                corroborated,
                contradicted,
                unconfirmed,
            )
        )
    return tuple(views)


@functools.lru_cache(maxsize=4096)
def _outlet_anchor(name: str) -> str:
    return "outlet-" + (name_key(name) or "x")


# --- rendering ---------------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses ever become links; anything else is shown as text or dropped."""
    if url and re.match(r"https?://[^\s]+$", url, flags=re.IGNORECASE):
        return url
    return None


def default_template_dir() -> Path:
    # An installed package carries the templates inside it (claims/templates, see
    # pyproject); a source checkout keeps them at the top level.
    inside = Path(__file__).parent / "templates"
    return inside if inside.is_dir() else Path(__file__).parent.parent / "templates"


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The one Jinja2 environment: autoescaping everything, strict about undefined names.
    A newsroom's own templates (--template-dir) come first; ours fill any gaps."""
    folders = [str(template_dir)] if template_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(default_template_dir())]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["csp_hash"] = csp_hash
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    return env


def render(report: Report, fmt: str = "html", template_dir: Path | None = None) -> str:
    if fmt == "json":
        return json.dumps(report_as_dict(report), ensure_ascii=False, indent=2)
    template = {"html": "report.html", "md": "report.md"}[fmt]
    try:
        return environment(template_dir).get_template(template).render(report=report)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"template {exc.filename}, line {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"template {template}: {exc.message}") from None


def report_as_dict(report: Report) -> dict[str, Any]:
    """The report as data: the same facts as the HTML, without the drawings' geometry."""
    data = dataclasses.asdict(report)
    data.pop("chart")
    for proposition in data["propositions"]:
        proposition.pop("graph")
    data["conflicts"] = [p["anchor"] for p in data["conflicts"]]
    return data


# Inline syntax only: the text never starts a line, so list and heading markers are inert.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~!])")


def markdown_escape(text: object) -> Markup:
    """Recorded text made inert in Markdown: syntax characters backslashed, line breaks
    flattened; the environment's autoescape has already made any HTML in it text."""
    escaped = escape(" ".join(str(text).split()))
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escaped)))


def csp_hash(source: str) -> Markup:
    """The Content-Security-Policy hash of an inline script or style block, so the page
    runs its own code and nothing injected into it."""
    digest = hashlib.sha256(source.encode()).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode() + "'")  # base64: nothing to escape
