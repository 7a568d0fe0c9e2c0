"""What the report's templates receive: view objects, computed once, formatted only.

Every field is plain data; the templates never query. ``docs/templates.md`` lists them
for newsrooms writing their own templates (``claims report --template-dir``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from claims.errors import ClaimsError
from claims.facts import Fact
from claims.report import pagedata, text
from claims.report.graphs import Chart, Graph
from claims.store.articles import PublishedArticle
from claims.xref import REASONS, ClaimVerdict, PropositionVerdict


class TemplateProblem(ClaimsError):
    """A report template (typically a newsroom's own) is broken."""


PAGE_SIZE = 100  # propositions (or unconfirmed claims) per page of the report
# Conflicts spelled out side by side, chains and all, at the top of the page. Each is
# large (every report of every competing value, visible), and the page has to lay them
# all out before it can be used; the rest come first in the list of every proposition.
CONFLICTS_SHOWN = 20
FORMATS = ("html", "md", "json")


@dataclass(frozen=True)
class OriginView:
    name: str
    kind: str
    anonymous: bool
    via: str | None = None  # who spoke for it (claims source link)


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
    article: int  # the id of the article it is from
    article_anchor: str  # "article-7": that article's entry under Articles
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
    compatible: tuple[str, ...] = ()  # values overlapping this one without confirming it


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
class ArticleClaimView:
    """One claim under its article: enough to say what it is and follow it."""

    id: int
    anchor: str  # "claim-12": where the report shows it
    text: str
    standing: tuple[str, ...]


@dataclass(frozen=True)
class ArticleView:
    id: int
    anchor: str  # "article-7": its permalink
    outlet: str
    outlet_anchor: str
    published: str
    url: str | None
    headline: str | None
    byline: str | None
    retracted_on: str | None
    retraction_note: str | None
    claims: tuple[ArticleClaimView, ...]


@dataclass(frozen=True)
class Totals:
    claims: int
    outlets: int
    articles: int
    propositions: int
    agreed: int
    conflict: int
    timeline: int
    several: int
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
    # Views are made when read: a page shows the first of them, and on a large record
    # making every one would take longer than writing the whole report (docs/performance.md).
    conflicts: Sequence[PropositionView]
    propositions: Sequence[PropositionView]
    unconfirmed: Sequence[ClaimView]
    outlets: tuple[OutletView, ...]
    chart: Chart | None
    off_chart: int  # claims dated only to a month or a year: not placed on the timeline
    articles: Sequence[ArticleView]
    page_size: int = PAGE_SIZE
    conflicts_shown: int = CONFLICTS_SHOWN
    reasons: dict[str, str] = field(default_factory=lambda: dict(REASONS))
    judged: Sequence[Judged] = field(default=(), repr=False, compare=False)
    # Every unconfirmed claim: its fact, verdict and proposition (None: it has none).
    pending: Sequence[tuple[Fact, ClaimVerdict, Judged | None]] = field(
        default=(), repr=False, compare=False
    )
    # Every article in scope, in the order shown, with its claims in scope by id.
    filed: Sequence[Filed] = field(default=(), repr=False, compare=False)
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
                    text.search_fold(" ".join(words.split())),
                    [i for value in v.values for i in value.claims],
                ]
            )
        return index

    def page_data(self, name: str) -> list[tuple[int, Markup]]:
        """The pages of a long list as JSON for the page's script: (page number, data)."""
        return pagedata.page_data(self, name)

    def shared_data(self) -> Markup:
        """What every page's data refers to by number: names, link hosts, words."""
        return pagedata.shared_data(self)


@dataclass(slots=True)
class Filed:
    """One article and the claims of it the report shows, each with its verdict."""

    article: PublishedArticle
    claims: list[tuple[Fact, ClaimVerdict]]


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
