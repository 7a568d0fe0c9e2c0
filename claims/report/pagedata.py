"""The page's data: beyond the first page of each list, the HTML page carries its lists
as compact JSON that its script draws from when a page, a search or a permalink needs it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from claims.facts import Fact
from claims.parsing import CONFIDENCE, name_key
from claims.report.text import VERDICT_WORDS, shorten
from claims.xref import ClaimVerdict, Origin

if TYPE_CHECKING:
    from claims.report.views import Report


# A tenth of the size of the same content as markup, and nothing in the DOM until it is
# shown. Names, outlets and link hosts are written once (``shared_data``) and referred to
# by number. The layout of the records is documented in templates/_report.js.


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
    articles: list[tuple[int, Markup]]


# What safe_url lets through, split after the host: links name the host once in the page.
_SAFE_URL = re.compile(r"(https?://(?=\S)[^/\s]*)\S*$", flags=re.IGNORECASE)


def as_data(data: Any) -> Markup:
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

    def link(address: str | None) -> Any:
        if address:
            safe = match_url(address)
            if safe:
                host = safe.group(1)
                return [hosts.setdefault(host, len(hosts)), address[len(host) :]]
        return 0

    def claim(fact: Fact, verdict: ClaimVerdict) -> list[Any]:
        url = link(fact.url) if fact.url else 0
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
                if (n := known((o.kind, o.key, shown := _origin_name(o)))) is not None
                else names(o.kind, o.key, shown)
                for o in verdict.origins
            ],
            reasons,
            fact.article,
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
                        [v.values[k].value for k in value.compatible] or 0,
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
        pages.append((start // size + 1, as_data(records)))
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
        unconfirmed.append((start // size + 1, as_data(rows)))
    articles: list[tuple[int, Markup]] = []
    for start in range(0, len(report.filed), size):
        entries: list[Any] = []
        for filed in report.filed[start : start + size]:
            a = filed.article
            # A claim in a proposition has its text in that proposition's record, which
            # the script reads: written again here, it made the list of articles half the
            # page's data. So are its outlet, date, headline and link, which are the
            # article's when the claim gave them as the article has them.
            claims = [
                [fact.id, 2 * verdict.unconfirmed + bool(verdict.conflicts_with)]
                if fact.subject is not None
                else [
                    fact.id,
                    shorten(fact.text),
                    2 * verdict.unconfirmed + bool(verdict.conflicts_with),
                ]
                for fact, verdict in filed.claims
            ]
            byline = a.byline or 0
            retracted = (
                [a.retracted_on.isoformat(), a.retraction_note or ""] if a.retracted_on else 0
            )
            lead = filed.claims[0][0] if filed.claims else None
            if (
                lead is not None
                and lead.subject is not None
                and (lead.outlet_key, lead.published, lead.headline, lead.url)
                == (a.outlet_key, a.published, a.headline, a.url)
            ):
                entries.append([a.id, byline, retracted, claims])
                continue
            entries.append(
                [
                    a.id,
                    names("outlet", a.outlet_key, a.outlet),
                    dates.setdefault(a.published, len(dates)),
                    a.headline or 0,
                    link(a.url),
                    byline,
                    retracted,
                    claims,
                ]
            )
        articles.append((start // size + 1, as_data(entries)))
    data = _PageData(names, hosts, dates, words, pages, unconfirmed, articles)
    report.made["data"] = data
    return data


def page_data(report: Report, name: str) -> list[tuple[int, Markup]]:
    data = _data(report)
    # Every page of propositions, the first too: an unconfirmed claim's row on a later
    # page reads its record there. The first page of the other lists is in the HTML.
    if name == "propositions":
        return data.propositions
    return {"unconfirmed": data.unconfirmed, "articles": data.articles}[name][1:]


def shared_data(report: Report) -> Markup:
    data = _data(report)
    return as_data(
        {
            "pageSize": report.page_size,
            "names": data.names.table(),
            "outlets": [o.anchor for o in report.outlets],
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


def _origin_name(origin: Origin) -> str:
    """An origin's name as the pages show it: with who spoke for it, if anyone did."""
    return f"{origin.name} (through {origin.via})" if origin.via else origin.name
