"""Drawings for the report, laid out here so templates only place shapes: the provenance
graph of a proposition (who cites whom, down to the origins) and the publication
timeline. Pure functions over xref facts; coordinates in SVG user units."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from claims.facts import Fact
from claims.xref import PropositionVerdict

NODE_W, NODE_H, COL_GAP, ROW_GAP, PAD = 190, 30, 70, 14, 8
LANE = 18  # room above the nodes for edges that skip a column, so none runs behind a node
MAX_NODES = 25  # beyond this a drawing stops being readable; the report lists instead


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str  # shortened to fit the box
    title: str  # the full name, when the label had to be shortened
    kind: str  # outlet, person, official, document, organization, anonymous, circular
    origin: bool  # a chain ends here


@dataclass(frozen=True)
class Edge:
    path: str  # SVG path data


@dataclass(frozen=True)
class Graph:
    width: float
    height: float
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    description: str  # the same picture in words, for screen readers


def provenance_graph(facts: Sequence[Fact], verdict: PropositionVerdict) -> Graph | None:
    """Outlets -> the sources they cite -> the origins the chains end in, left to right.
    None when there is nothing worth drawing or too much to draw."""
    names: dict[str, tuple[str, str]] = {}  # node id -> (kind, name)
    edges: set[tuple[str, str]] = set()
    origins: set[str] = set()
    outlet_claims = {f.outlet_key for f in facts}
    for fact in facts:
        here = "outlet:" + fact.outlet_key
        names[here] = ("outlet", fact.outlet)
        for origin in verdict.by_claim[fact.id].origins:
            if origin.kind == "circular":  # a loop citing only itself: the loop is drawn
                continue
            node = ("outlet:" if origin.kind == "outlet" else f"{origin.kind}:") + origin.key
            names.setdefault(node, (origin.kind, origin.name))
            origins.add(node)
        if not fact.sources:
            origins.add(here)
        for source in fact.sources:
            there = f"{source.kind}:{source.key}"
            names.setdefault(there, (source.kind, source.name))
            edges.add((here, there))
            if source.kind == "outlet" and source.key not in outlet_claims:
                origins.add(there)
    if len(names) > MAX_NODES or (len(facts) < 2 and not edges):
        return None
    layer = _layers(names, edges)
    depth = max(layer.values(), default=0)
    columns: dict[int, list[str]] = defaultdict(list)
    for node in sorted(names, key=lambda n: (names[n][0] != "outlet", names[n][1].lower())):
        columns[depth - layer[node]].append(node)
    place = {
        node: (PAD + col * (NODE_W + COL_GAP), LANE + PAD + row * (NODE_H + ROW_GAP))
        for col, members in columns.items()
        for row, node in enumerate(members)
    }
    rows = max(len(m) for m in columns.values())
    return Graph(
        width=2 * PAD + (depth + 1) * NODE_W + depth * COL_GAP,
        height=LANE + 2 * PAD + rows * NODE_H + (rows - 1) * ROW_GAP,
        nodes=tuple(
            Node(
                x,
                y,
                _shorten(names[n][1], 26),
                f"{names[n][0]}: {names[n][1]}",
                names[n][0],
                n in origins,
            )
            for n, (x, y) in place.items()
        ),
        edges=tuple(Edge(_path(place[a], place[b])) for a, b in sorted(edges)),
        description=_describe(names, edges, origins),
    )


def _layers(names: Iterable[str], edges: set[tuple[str, str]]) -> dict[str, int]:
    """Longest citation path to an origin; origins are 0. Cycles are cut where met."""
    out: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        out[a].append(b)
    layer: dict[str, int] = {}

    def visit(node: str, path: frozenset[str]) -> int:
        if node in layer:
            return layer[node]
        children = [c for c in out[node] if c not in path]
        value = 1 + max((visit(c, path | {node}) for c in children), default=-1)
        layer[node] = value
        return value

    for node in sorted(names):
        visit(node, frozenset())
    return layer


def _path(a: tuple[float, float], b: tuple[float, float]) -> str:
    (ax, ay), (bx, by) = a, b
    y1, y2 = ay + NODE_H / 2, by + NODE_H / 2
    if bx > ax:  # forward: right edge to left edge
        x1, x2 = ax + NODE_W, bx
        if bx - ax > NODE_W + COL_GAP:  # skips a column: arc over it through the lane
            return f"M{x1:.0f},{y1:.0f}C{x1 + COL_GAP:.0f},0 {x2 - COL_GAP:.0f},0 {x2:.0f},{y2:.0f}"
        mid = (x1 + x2) / 2
        return f"M{x1:.0f},{y1:.0f}C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    # Same column or backwards (a cycle): loop out to the right and come back.
    x1, x2 = ax + NODE_W, bx + NODE_W
    bulge = max(x1, x2) + COL_GAP / 2
    return f"M{x1:.0f},{y1:.0f}C{bulge:.0f},{y1:.0f} {bulge:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"


def _describe(
    names: dict[str, tuple[str, str]], edges: set[tuple[str, str]], origins: set[str]
) -> str:
    cites = "; ".join(f"{names[a][1]} cites {names[b][1]}" for a, b in sorted(edges))
    ends = ", ".join(sorted(names[o][1] for o in origins if o in names))
    return f"{cites or 'No citations'}. Origins: {ends or 'none'}."


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- publication timeline ---------------------------------------------------------------

CHART_LEFT, CHART_WIDTH, ROW_H, MAX_ROWS = 170, 640, 26, 12


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    r: float
    title: str


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    rows: tuple[tuple[str, float], ...]  # label, y
    ticks: tuple[tuple[str, float], ...]  # label, x
    marks: tuple[Mark, ...]
    description: str


def publication_chart(published: Iterable[tuple[str, dt.date]]) -> Chart | None:
    """When each outlet published, binned by day, week or calendar month so that the
    drawing stays small however many claims there are. Each bin is labelled by the
    days it covers: a week is seven days counted from the first date, not a calendar
    week, so it is named by its first and last day."""
    points = [(outlet, day) for outlet, day in published]
    if not points:
        return None
    first = min(d for _, d in points)
    last = max(d for _, d in points)
    span = (last - first).days
    bins_of = _days if span <= 90 else _weeks if span <= 730 else _months
    bin_of, tick_of, title_of, unit = bins_of(first)
    per_outlet = Counter(o for o, _ in points)
    top = [o for o, _ in sorted(per_outlet.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_ROWS]
    labels = top + (["other outlets"] if len(per_outlet) > len(top) else [])
    row_of = {label: i for i, label in enumerate(labels)}
    bins: Counter[tuple[int, int]] = Counter()
    for outlet, day in points:
        row = row_of.get(outlet, len(top))
        bins[row, bin_of(day)] += 1
    n_bins = bin_of(last) + 1

    def x_of(b: float) -> float:
        return CHART_LEFT + (b + 0.5) * CHART_WIDTH / n_bins

    marks = tuple(
        Mark(
            x_of(b),
            20 + row * ROW_H,
            min(ROW_H / 2 - 1, 2.5 + 1.8 * math.sqrt(count)),
            f"{labels[row]}, {title_of(b)}: {count} claim{'s' if count != 1 else ''}",
        )
        for (row, b), count in sorted(bins.items())
    )
    tick_every = max(1, n_bins // 6)
    ticks = tuple((tick_of(b), x_of(b)) for b in range(0, n_bins, tick_every))
    return Chart(
        width=CHART_LEFT + CHART_WIDTH + 20,
        height=40 + len(labels) * ROW_H,
        rows=tuple((label, 20 + i * ROW_H) for i, label in enumerate(labels)),
        ticks=ticks,
        marks=marks,
        description=(
            f"{_count(len(points), 'claim')} from {_count(len(per_outlet), 'outlet')} "
            + (
                f"published between {first.isoformat()} and {last.isoformat()}"
                if last != first
                else f"published on {first.isoformat()}"
            )
            + f", one mark per outlet and {unit}."
        ),
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# A way of binning days: the bin of a day, a bin's tick label, a bin's name in a mark's
# title, and what one bin is, for the chart's description.
Binning = tuple[Callable[[dt.date], int], Callable[[int], str], Callable[[int], str], str]


def _days(first: dt.date) -> Binning:
    def start(b: int) -> str:
        return (first + dt.timedelta(days=b)).isoformat()

    return (lambda day: (day - first).days), start, start, "day"


def _weeks(first: dt.date) -> Binning:
    def start(b: int) -> str:
        return (first + dt.timedelta(days=7 * b)).isoformat()

    def title(b: int) -> str:
        return f"{start(b)} to {first + dt.timedelta(days=7 * b + 6)}"

    unit = f"7 days (counted from {first.isoformat()})"
    return (lambda day: (day - first).days // 7), start, title, unit


def _months(first: dt.date) -> Binning:
    def month(b: int) -> str:
        year, m = divmod(first.month - 1 + b, 12)
        return f"{first.year + year:04d}-{m + 1:02d}"

    def bin_of(day: dt.date) -> int:
        return (day.year - first.year) * 12 + day.month - first.month

    return bin_of, month, month, "calendar month"
