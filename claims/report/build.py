"""Building the report: the verdicts on the record, turned into the view objects."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from claims import verdicts
from claims.facts import Fact
from claims.parsing import CONFIDENCE, RELIABILITY, name_key
from claims.report.graphs import provenance_graph, publication_chart
from claims.store.articles import PublishedArticle, published_articles
from claims.store.scope import Scope
from claims.xref import REASONS, VERDICTS, ChainTracer, ClaimVerdict, PropositionVerdict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


from claims.report.text import VERDICT_WORDS, safe_url, shorten, standing
from claims.report.views import (
    ArticleClaimView,
    ArticleView,
    ClaimView,
    EchoView,
    Filed,
    Judged,
    Lazy,
    OriginView,
    OutletView,
    PropositionView,
    Report,
    Totals,
    ValueView,
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
    judged: list[Judged] = []
    unconfirmed: list[tuple[Fact, ClaimVerdict, Judged | None]] = []
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    published: list[Fact] = []  # for the timeline
    shown: list[tuple[Fact, ClaimVerdict]] = []  # every claim the report lists, for Articles
    for facts, verdict in verdicts.judged(
        session,
        subject=scope.subject,
        min_origins=min_origins,
        since=scope.since,
        until=scope.until,
    ):
        if outlet_key is not None and all(f.outlet_key != outlet_key for f in facts):
            continue
        here = Judged(facts, verdict)
        judged.append(here)
        published.extend(facts)
        by_id = {f.id: f for f in facts}
        by_claim = verdict.by_claim
        for value in verdict.values:
            for i in value.claims:
                fact, claim = by_id[i], by_claim[i]
                _count(tally[fact.outlet], claim)
                shown.append((fact, claim))
                if claim.unconfirmed:
                    unconfirmed.append((fact, claim, here))
    if scope.subject is None:
        for fact, alone in verdicts.unattached(
            session, min_origins=min_origins, since=scope.since, until=scope.until
        ):
            if outlet_key is None or fact.outlet_key == outlet_key:
                _count(tally[fact.outlet], alone)
                shown.append((fact, alone))
                unconfirmed.append((fact, alone, None))
                published.append(fact)
    judged.sort(
        key=lambda j: (
            VERDICTS.index(j.verdict.verdict),
            j.verdict.subject.lower(),
            j.verdict.predicate,
        )
    )
    unconfirmed.sort(key=lambda u: u[0].id)
    outlets = _outlets(session, tally)
    grouped = by_article(shown)
    filed = in_publication_order(published_articles(session, grouped), grouped)
    counts = {v: sum(1 for j in judged if j.verdict.verdict == v) for v in VERDICTS}
    propositions = Lazy(judged, lambda i, j: _proposition(i + 1, j.facts, j.verdict))
    conflicts = [i for i, j in enumerate(judged) if j.verdict.verdict == "conflict"]
    return Report(
        title=title or "Provenance report",
        scope=scope.describe(),
        generated_at=(now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        database=database,
        min_origins=min_origins,
        totals=Totals(
            claims=sum(t[0] for t in tally.values()),
            outlets=len(tally),
            articles=len(filed),
            propositions=len(judged),
            agreed=counts["agree"],
            conflict=counts["conflict"],
            timeline=counts["timeline"],
            several=counts["several"],
            single=counts["single"],
            unconfirmed=len(unconfirmed),
        ),
        conflicts=Lazy(conflicts, lambda _, i: propositions[i]),
        propositions=propositions,
        unconfirmed=Lazy(unconfirmed, _unconfirmed_view()),
        outlets=outlets,
        chart=publication_chart(_on_the_day(published)),
        off_chart=sum(1 for f in published if not _dated_to_the_day(f)),
        articles=Lazy(filed, lambda _, f: _article(f)),
        judged=judged,
        pending=unconfirmed,
        filed=filed,
    )


def by_article(
    shown: Iterable[tuple[Fact, ClaimVerdict]],
) -> dict[int, list[tuple[Fact, ClaimVerdict]]]:
    """The claims shown, grouped by the article each is from, each group by claim id."""
    groups: dict[int, list[tuple[Fact, ClaimVerdict]]] = defaultdict(list)
    for fact, verdict in shown:
        groups[fact.article].append((fact, verdict))
    for claims in groups.values():
        claims.sort(key=lambda c: c[0].id)
    return dict(groups)


def in_publication_order(
    articles: Mapping[int, PublishedArticle],
    groups: Mapping[int, list[tuple[Fact, ClaimVerdict]]],
) -> list[Filed]:
    """Each article with its claims, by the first day of its date, then by id (an
    article dated only "2026" comes before one of 2 January 2026)."""
    ordered = sorted(groups, key=lambda i: (articles[i].published_on, i))
    return [Filed(articles[i], groups[i]) for i in ordered]


def _article(filed: Filed) -> ArticleView:
    a = filed.article
    return ArticleView(
        id=a.id,
        anchor=f"article-{a.id}",
        outlet=a.outlet,
        outlet_anchor=_outlet_anchor(a.outlet),
        published=a.published,
        url=safe_url(a.url),
        headline=a.headline,
        byline=a.byline,
        retracted_on=a.retracted_on.isoformat() if a.retracted_on else None,
        retraction_note=a.retraction_note,
        claims=tuple(
            ArticleClaimView(
                id=fact.id,
                anchor=f"claim-{fact.id}",
                text=shorten(fact.text),
                standing=standing(verdict),
            )
            for fact, verdict in filed.claims
        ),
    )


def _unconfirmed_view() -> Callable[[int, tuple[Fact, ClaimVerdict, Judged | None]], ClaimView]:
    """An unconfirmed claim's view, with its chain where its proposition is in conflict
    (as in the proposition's own view); one tracer per proposition, made when needed."""
    tracers: dict[int, ChainTracer] = {}

    def make(_: int, item: tuple[Fact, ClaimVerdict, Judged | None]) -> ClaimView:
        fact, claim, judged = item
        if judged is None:
            return _claim(fact, claim, {"claim": fact.id, "outlet": fact.outlet})
        if judged.verdict.verdict != "conflict":
            return _claim(fact, claim, None)
        tracer = tracers.get(id(judged))
        if tracer is None:
            tracer = tracers[id(judged)] = ChainTracer(judged.facts, judged.verdict.retracted)
        return _claim(fact, claim, tracer.tree(fact.id))

    return make


def _count(tally: list[int], claim: ClaimVerdict) -> None:
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
    tracer = ChainTracer(facts, verdict.retracted) if verdict.verdict == "conflict" else None
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
        all_origins.update(value.origins)  # origins are told apart as xref tells them
        values.append(
            ValueView(
                value=value.value,
                stance=value.stance,
                as_of=value.as_of,
                claims=claims,
                outlets=value.outlets,
                independent_origins=value.independent_origins,
                origins=tuple(
                    OriginView(o.name, o.kind, o.anonymous, o.via) for o in value.origins
                ),
                echoes=tuple(EchoView(o, tuple(outs)) for o, outs in echoes.items()),
                derived_confidence=claims[0].derived_confidence,
                derived_name=claims[0].derived_name,
                derived_reason=claims[0].derived_reason,
                compatible=tuple(verdict.values[k].value for k in value.compatible),
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


def _dated_to_the_day(fact: Fact) -> bool:
    """A day, or a part of a month ("early October"): close enough to place on a
    timeline. "2026" placed on 1 January would say what the record does not."""
    start, end = fact.published_on, fact.published_until
    return start is not None and end is not None and (end - start).days <= 10


def _on_the_day(facts: list[Fact]) -> list[tuple[str, dt.date]]:
    return [(f.outlet, f.published_on) for f in facts if f.published_on and _dated_to_the_day(f)]


def _claim(fact: Fact, verdict: ClaimVerdict, chain: dict[str, Any] | None) -> ClaimView:
    return ClaimView(
        id=fact.id,
        anchor=f"claim-{fact.id}",
        text=fact.text,
        outlet=fact.outlet,
        outlet_anchor=_outlet_anchor(fact.outlet),
        published=fact.published,
        # A claim's URL and headline are its article's: the store files it by them.
        url=safe_url(fact.url),
        headline=fact.headline,
        article=fact.article,
        article_anchor=f"article-{fact.article}",
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
        origins=tuple(OriginView(o.name, o.kind, o.anonymous, o.via) for o in verdict.origins),
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
