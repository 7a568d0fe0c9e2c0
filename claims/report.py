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
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from claims import verdicts
from claims.errors import ClaimsError
from claims.facts import Fact
from claims.graphs import Chart, Graph, provenance_graph, publication_chart
from claims.parsing import CONFIDENCE, RELIABILITY, name_key
from claims.store.scope import Scope
from claims.xref import REASONS, VERDICTS, ChainTracer, ClaimVerdict, PropositionVerdict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class TemplateProblem(ClaimsError):
    """A report template (typically a newsroom's own) is broken."""


PAGE_SIZE = 100  # propositions (or unconfirmed claims) per page of the report
# Conflicts spelled out side by side, chains and all, at the top of the page. Each is
# large (every report of every competing value, visible), and the page has to lay them
# all out before it can be used; the rest come first in the list of every proposition.
CONFLICTS_SHOWN = 20
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
    # Views are made when read: a page shows the first of them, and at 100,000 claims
    # making every one would take longer than writing the whole report.
    conflicts: Sequence[PropositionView]
    propositions: Sequence[PropositionView]
    unconfirmed: Sequence[ClaimView]
    outlets: tuple[OutletView, ...]
    chart: Chart | None
    off_chart: int  # claims dated only to a month or a year: not placed on the timeline
    page_size: int = PAGE_SIZE
    conflicts_shown: int = CONFLICTS_SHOWN
    reasons: dict[str, str] = field(default_factory=lambda: dict(REASONS))
    judged: Sequence[Judged] = field(default=(), repr=False, compare=False)
    # Every unconfirmed claim: its fact, verdict and proposition (None: it has none).
    pending: Sequence[tuple[Fact, ClaimVerdict, Judged | None]] = field(
        default=(), repr=False, compare=False
    )
    # The page's data, made once however often a template asks for part of it.
    made: dict[str, Any] = field(init=False, default_factory=dict, repr=False, compare=False)

    def search_index(self) -> list[list[Any]]:
        """What the page's script needs to filter, search and follow permalinks without
        reading every page: per proposition (in order; its anchor and page follow from its
        place) its verdict, outlets (indexes into ``outlets``), the words a search matches
        besides its outlets' names, and its claim ids."""
        outlet_index = {o.name: i for i, o in enumerate(self.outlets)}
        index = []
        for j in self.judged:
            v = j.verdict
            outlets = dict.fromkeys(f.outlet for f in j.facts)
            # Every name its claims use, not only the one it is shown under: an alias
            # ("DPRK embassy in Madrid" for "North Korean embassy in Spain") finds it too.
            names = dict.fromkeys(
                [v.subject, v.predicate]
                + [name for f in j.facts for name in (f.subject, f.predicate) if name]
            )
            words = " ".join([*names, *(value.value for value in v.values)])
            index.append(
                [
                    v.verdict,
                    [outlet_index[o] for o in outlets if o in outlet_index],
                    search_fold(" ".join(words.split())),
                    [i for value in v.values for i in value.claims],
                ]
            )
        return index

    def page_data(self, name: str) -> list[tuple[int, Markup]]:
        """The pages of a long list as JSON for the page's script: (page number, data)."""
        return _page_data(self, name)

    def shared_data(self) -> Markup:
        """What every page's data refers to by number: names, link hosts, words."""
        return _shared_data(self)


@dataclass(slots=True)
class Judged:
    """One proposition's facts and verdict, in the report's order."""

    facts: Sequence[Fact]
    verdict: PropositionVerdict


class Lazy(Sequence[Any]):
    """A read-only sequence whose items are made from raw material when read."""

    def __init__(self, items: Sequence[Any], make: Callable[[int, Any], Any]) -> None:
        self._items = items
        self._make = make
        self._made: dict[int, Any] = {}  # what was read by place (a page, the conflicts)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._items)))]
        if i < 0:
            i += len(self._items)
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = self._make(i, self._items[i])
        return made

    def __iter__(self) -> Iterator[Any]:
        return (self._make(i, item) for i, item in enumerate(self._items))


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
                if claim.unconfirmed:
                    unconfirmed.append((fact, claim, here))
    if scope.subject is None:
        for fact, alone in verdicts.unattached(
            session, min_origins=min_origins, since=scope.since, until=scope.until
        ):
            if outlet_key is None or fact.outlet_key == outlet_key:
                _count(tally[fact.outlet], alone)
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
            propositions=len(judged),
            agreed=counts["agree"],
            conflict=counts["conflict"],
            timeline=counts["timeline"],
            single=counts["single"],
            unconfirmed=len(unconfirmed),
        ),
        conflicts=Lazy(conflicts, lambda _, i: propositions[i]),
        propositions=propositions,
        unconfirmed=Lazy(unconfirmed, _unconfirmed_view()),
        outlets=outlets,
        chart=publication_chart(_on_the_day(published)),
        off_chart=sum(1 for f in published if not _dated_to_the_day(f)),
        judged=judged,
        pending=unconfirmed,
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
            tracer = tracers[id(judged)] = ChainTracer(judged.facts)
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
        all_origins.update(value.origins)  # origins are told apart as xref tells them
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
    env.filters["md_code"] = markdown_code
    env.filters["csp_hash"] = csp_hash
    env.filters["data"] = _json
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    return env


def render(report: Report, fmt: str = "html", template_dir: Path | None = None) -> str:
    if fmt == "json":
        return json_text(report_as_dict(report))
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
    data: dict[str, Any] = {}
    for f in dataclasses.fields(report):
        if f.name in ("chart", "judged", "pending", "made"):
            continue
        value = getattr(report, f.name)
        if f.name == "conflicts":
            data[f.name] = [p.anchor for p in value]
        else:
            data[f.name] = _plain(value)
    for proposition in data["propositions"]:
        proposition.pop("graph")
    return data


def json_text(data: dict[str, Any]) -> str:
    """The report's JSON: one key, and one proposition or claim, to a line. Indenting
    every level takes the json module's pure-Python encoder, ten times slower (a minute
    at 100,000 claims), for a file that is read by programs and grep, not by eye."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + dump(item) for item in value)
            lines.append(f"  {dump(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(lines) + "\n}"


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """What dataclasses.asdict makes of the views, several times faster: the views are
    frozen and share nothing mutable, so nothing needs copying."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (tuple, list, Lazy)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: _plain(getattr(value, name)) for name in names}


# --- the page's data ---------------------------------------------------------------------
# Beyond the first page of each list, the HTML page carries its lists as compact JSON that
# its script draws from when a page, a search or a permalink needs it: a tenth of the size
# of the same content as markup, and nothing in the DOM until it is shown. Names, outlets
# and link hosts are written once (``shared_data``) and referred to by number. The layout
# of the records is documented in templates/_report.js, which reads them.


class _Names:
    """Sources, origins and outlets as (kind, key, name) entries, numbered in the order
    met. Drawings tell nodes apart by kind and key; an entry's ``node`` is the first entry
    with its kind and key."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str, str], int] = {}
        self.entries: list[tuple[str, str, str]] = []
        self.node: list[int] = []
        self.nodes: dict[tuple[str, str], int] = {}

    def __call__(self, kind: str, key: str, name: str) -> int:
        found = self.index.get((kind, key, name))
        if found is None:
            found = self.index[kind, key, name] = len(self.entries)
            self.entries.append((kind, key, name))
            self.node.append(self.nodes.setdefault((kind, key), found))
        return found

    def table(self) -> list[list[Any]]:
        """[kind, name, node, rank of "kind:key", rank of name.lower(), rank of name]:
        the ranks let the script sort nodes as claims.graphs does (equal names rank equal)."""

        def ranks(keys: list[str]) -> list[int]:
            order = {k: r for r, k in enumerate(sorted(set(keys)))}
            return [order[k] for k in keys]

        ids = ranks([f"{kind}:{key}" for kind, key, _ in self.entries])
        lower = ranks([name.lower() for _, _, name in self.entries])
        exact = ranks([name for _, _, name in self.entries])
        return [
            [kind, name, self.node[i], ids[i], lower[i], exact[i]]
            for i, (kind, _, name) in enumerate(self.entries)
        ]


@dataclass
class _PageData:
    names: _Names
    hosts: dict[str, int]
    dates: dict[str, int]
    words: dict[str, int]
    propositions: list[tuple[int, Markup]]
    unconfirmed: list[tuple[int, Markup]]


# What safe_url lets through, split after the host: links name the host once in the page.
_SAFE_URL = re.compile(r"(https?://(?=\S)[^/\s]*)\S*$", flags=re.IGNORECASE)


def _json(data: Any) -> Markup:
    """JSON safe inside a <script> data block: no "<" can end it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


def _data(report: Report) -> _PageData:
    cached: _PageData | None = report.made.get("data")
    if cached is not None:
        return cached
    names = _Names()
    for o in report.outlets:  # first, so outlet entries number as in report.outlets
        names("outlet", name_key(o.name), o.name)
    hosts: dict[str, int] = {}
    dates: dict[str, int] = {}  # publication dates: a few hundred, each shared by many
    words: dict[str, int] = {"": 0}  # reasons and their codes, repeated by the thousand
    known = names.index.get  # the common case, without a call: this runs 100,000s of times
    match_url = _SAFE_URL.match

    def claim(fact: Fact, verdict: ClaimVerdict) -> list[Any]:
        url: Any = 0
        if fact.url:
            safe = match_url(fact.url)
            if safe:
                host = safe.group(1)
                url = [hosts.setdefault(host, len(hosts)), fact.url[len(host) :]]
        conflicts = verdict.conflicts_with
        reasons = 0
        if verdict.unconfirmed:
            reasons = words.setdefault(" ".join(verdict.reasons), len(words))
        outlet = known(("outlet", fact.outlet_key, fact.outlet))
        return [
            fact.id,
            fact.text,
            names("outlet", fact.outlet_key, fact.outlet) if outlet is None else outlet,
            dates.setdefault(fact.published, len(dates)),
            fact.headline or 0,
            url,
            [
                n
                if (n := known((c.kind, c.key, c.name))) is not None
                else names(c.kind, c.key, c.name)
                for c in fact.sources
            ],
            fact.confidence,
            [len(conflicts), *conflicts[:5]] if conflicts else 0,
            [
                n
                if (n := known((o.kind, o.key, o.name))) is not None
                else names(o.kind, o.key, o.name)
                for o in verdict.origins
            ],
            reasons,
        ]

    size = report.page_size
    pages: list[tuple[int, Markup]] = []
    for start in range(0, len(report.judged), size):
        records = []
        for j in report.judged[start : start + size]:
            v, by_id = j.verdict, {f.id: f for f in j.facts}
            by_claim = v.by_claim
            outlet_of = {f.outlet: names("outlet", f.outlet_key, f.outlet) for f in j.facts}
            values = []
            origins: set[tuple[str, str]] = set()
            for value in v.values:
                first = by_claim[value.claims[0]]
                origins.update(value.origins)
                values.append(
                    [
                        value.value,
                        value.stance,
                        value.as_of or 0,
                        [
                            outlet_of.get(o) or names("outlet", name_key(o), o)
                            for o in value.outlets
                        ],
                        value.independent_origins,
                        first.derived_confidence,
                        words.setdefault(first.derived_reason, len(words)),
                        [claim(by_id[i], by_claim[i]) for i in value.claims],
                    ]
                )
            # Claims without a value are in no list, but the drawing shows their sources.
            shown = {i for value in v.values for i in value.claims}
            unvalued = [
                claim(f, by_claim[f.id]) for f in j.facts if f.id not in shown and f.id in by_claim
            ]
            records.append(
                [
                    v.subject,
                    v.predicate,
                    v.verdict,
                    int(v.multi_valued),
                    v.cycles,
                    len(origins),
                    list(outlet_of.values()),
                    values,
                    unvalued,
                ]
            )
        pages.append((start // size + 1, _json(records)))
    unconfirmed: list[tuple[int, Markup]] = []
    for start in range(0, len(report.pending), size):
        rows: list[Any] = []
        for fact, verdict, judged in report.pending[start : start + size]:
            if judged is not None:
                rows.append(fact.id)  # its record is in the propositions' pages
            else:
                rows.append(
                    [
                        fact.id,
                        fact.text,
                        names("outlet", fact.outlet_key, fact.outlet),
                        [names(o.kind, o.key, o.name) for o in verdict.origins],
                        words.setdefault(" ".join(verdict.reasons), len(words)),
                    ]
                )
        unconfirmed.append((start // size + 1, _json(rows)))
    data = _PageData(names, hosts, dates, words, pages, unconfirmed)
    report.made["data"] = data
    return data


def _page_data(report: Report, name: str) -> list[tuple[int, Markup]]:
    data = _data(report)
    # Every page of propositions, the first too: an unconfirmed claim's row on a later
    # page reads its record there. The first page of unconfirmed claims is in the HTML.
    return data.propositions if name == "propositions" else data.unconfirmed[1:]


def _shared_data(report: Report) -> Markup:
    data = _data(report)
    return _json(
        {
            "pageSize": report.page_size,
            "names": data.names.table(),
            "hosts": list(data.hosts),
            "dates": list(data.dates),
            "words": list(data.words),
            "reasons": report.reasons,
            "confidence": CONFIDENCE,
            "verdicts": VERDICT_WORDS,
        }
    )


# Inline syntax only: the text never starts a line, so list and heading markers are inert.
# "<" and ">" become entities rather than backslashed, so that no Markdown flavour can
# read them as HTML; "&" only where it would start a character reference ("&lt;",
# "&#39;"). Quotes and apostrophes are left as they are: outside an HTML attribute,
# which Markdown text never is, they are plain text.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]#|~!]|[<>]|&(?=#?[0-9A-Za-z]+;)")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _md_escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return _MD_ENTITIES.get(char) or "\\" + char


def search_fold(text: str) -> str:
    """Text as the page's search compares it: lower case, accents off ("Bogotá" is found
    by "bogota"). The page's script folds what is typed the same way (fold)."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Marks by category, as the script's \p{M} takes them (combining() misses some).
    return "".join(ch for ch in decomposed if unicodedata.category(ch)[0] != "M").lower()


def markdown_escape(text: object) -> Markup:
    """Recorded text made inert in Markdown: syntax characters backslashed, HTML's
    "<", ">" and character references made text, line breaks flattened. Escaped here
    once, for Markdown: HTML escaping on top would show "O'Carroll" as "O&\\#39;Carroll"."""
    if isinstance(text, Markup):  # already HTML-escaped, e.g. by |join: back to text
        text = text.unescape()
    flat = " ".join(str(text).split())
    return Markup(_MD_SPECIAL.sub(_md_escape_one, flat))


def markdown_code(text: object) -> Markup:
    """Text as a Markdown code span, shown exactly as it is: a span's content is never
    read as Markdown or HTML, and a fence longer than any run of backticks in the text
    cannot be closed by it."""
    flat = " ".join(str(text).split())
    fence = "`" * (max(map(len, re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat[:1] == "`" or flat[-1:] == "`" else ""
    return Markup(f"{fence}{pad}{flat}{pad}{fence}")


def csp_hash(source: str) -> Markup:
    """The Content-Security-Policy hash of an inline script or style block, so the page
    runs its own code and nothing injected into it."""
    digest = hashlib.sha256(source.encode()).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode() + "'")  # base64: nothing to escape
