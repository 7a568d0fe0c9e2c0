"""Rule 6: each claim's attribution chain followed to where it starts; and the same chains
unfolded for people to follow (``ChainTracer``, ``origin_tree``).

Apart because it is the one rule that walks a graph: citations between claims, the circles
they may run in, and the retracted reports they may run through."""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from claims.facts import Cited, Fact
from claims.xref.origin import Origin
from claims.xref.values import Cell, comparison_key, into_cells, periods_overlap


def own_origin(fact: Fact) -> Origin:
    if fact.outlet_principal is not None:  # the outlet speaks for another (a press office)
        p = fact.outlet_principal
        return Origin(p.kind, p.key, p.name, p.reliability, f"outlet: {fact.outlet}")
    return Origin("outlet", fact.outlet_key, fact.outlet, fact.outlet_reliability)


class _Citations:
    """Who each claim of one proposition cites: its direct origins, and the claims its
    ``outlet:X`` citations resolve to (``targets``). X's claims are looked up by cell, not
    scanned: this runs for every claim of the record."""

    def __init__(self, cells: Sequence[Cell], retracted: Sequence[Fact] = ()) -> None:
        self.cells = cells
        # Retracted claims of this proposition, by outlet: a citation of X for what X
        # said only in a report since retracted rests on that report, not on X.
        self.withdrawn: dict[str, list[Fact]] = defaultdict(list)
        for fact in retracted:
            self.withdrawn[fact.outlet_key].append(fact)
        self.rests_on_retracted: dict[int, list[int]] = {}
        self._by_cell: dict[tuple[int, str], list[int]] | None = None
        self._cells_of: dict[str, dict[int, Cell]] | None = None
        self.compatible: dict[int, list[int]] = {}
        self.outlet_origins: dict[str, frozenset[Origin]] = {}
        # Claims citing outlet:X for what X's own claims here contradict: id -> sources.
        self.misattributed: dict[int, list[Cited]] = {}

    @property
    def by_cell(self) -> dict[tuple[int, str], list[int]]:
        """Claim ids by (cell, outlet): made when first needed, as a third of the
        propositions of a large record cite no outlet at all."""
        if self._by_cell is None:
            by_cell: dict[tuple[int, str], list[int]] = defaultdict(list)
            for cell in self.cells:
                index = cell.index
                for fact in cell.facts:
                    by_cell[index, fact.outlet_key].append(fact.id)
            self._by_cell = by_cell
        return self._by_cell

    @property
    def cells_of(self) -> dict[str, dict[int, Cell]]:
        """Each outlet's cells (only misattributions need them)."""
        if self._cells_of is None:
            cells_of: dict[str, dict[int, Cell]] = defaultdict(dict)
            for index, outlet_key in self.by_cell:
                cells_of[outlet_key][index] = self.cells[index]
            self._cells_of = cells_of
        return self._cells_of

    def __call__(self, fact: Fact, cell: Cell) -> tuple[frozenset[Origin], Sequence[int]]:
        """The claim's direct origins, and the claims its citations stand for (shared
        lists: read them, never change them)."""
        if not fact.sources:  # the outlet's own reporting
            own = self.outlet_origins.get(fact.outlet_key)
            if own is None:
                own = self.outlet_origins[fact.outlet_key] = frozenset((own_origin(fact),))
            return own, ()
        origins, outlets = _split_sources(fact.sources)
        if not outlets:
            return origins, ()
        if len(outlets) == 1:  # the usual case: X's own claims saying just this
            same = self.by_cell.get((cell.index, outlets[0].key))
            if same and outlets[0].key != fact.outlet_key:
                return origins, same
        cited: list[int] = []
        unresolved: list[Origin] = []
        for source in outlets:
            targets = self.targets(fact, cell, source.key)
            if targets:
                cited.extend(targets)
            elif withdrawn := self.retracted_saying(cell, source.key):
                # What it cites was said, then retracted: no origin stands behind it.
                self.rests_on_retracted.setdefault(fact.id, []).extend(withdrawn)
            else:  # that outlet said nothing like it here: it is the origin
                unresolved.append(source_origin(source))
                if source.key != fact.outlet_key and self.contrary(cell, source.key):
                    self.misattributed.setdefault(fact.id, []).append(source)
        return (origins.union(unresolved) if unresolved else origins), cited

    def retracted_saying(self, cell: Cell, outlet_key: str) -> list[int]:
        """X's retracted claims here that said what ``cell`` says, by id."""
        if not self.withdrawn:
            return []
        return [
            f.id
            for f in self.withdrawn.get(outlet_key, ())
            if f.value is not None
            and f.stance == cell.stance
            and periods_overlap(f.as_of, cell.as_of)
            and (
                comparison_key(f.value) == cell.key
                if f.value.kind == "text" or cell.value.kind == "text"
                else f.value.overlaps(cell.value)
            )
        ]

    def contrary(self, cell: Cell, outlet_key: str) -> list[int]:
        """X's own claims on this proposition, for the same time, when none of them says
        what ``cell`` says (called only then): a citation of X for it misattributes."""
        return sorted(
            i
            for other in self.cells_of.get(outlet_key, {}).values()
            if periods_overlap(cell.as_of, other.as_of)
            for i in self.by_cell[other.index, outlet_key]
        )

    def targets(self, fact: Fact, cell: Cell, outlet_key: str) -> list[int]:
        """The claims an ``outlet:X`` citation stands for: X's own claims saying the same
        thing (the very same value first; failing that, a compatible one), by id. None:
        X is the origin."""
        by_cell = self.by_cell
        same = by_cell.get((cell.index, outlet_key))
        if same and outlet_key != fact.outlet_key:  # the usual case: another outlet
            return same
        same = [i for i in same or () if i != fact.id]
        if same:
            return same
        if cell.index not in self.compatible:
            self.compatible[cell.index] = [
                other.index for other in self.cells if other is not cell and cell.compatible(other)
            ]
        found = [
            i
            for other in self.compatible[cell.index]
            for i in by_cell.get((other, outlet_key), ())
            if i != fact.id
        ]
        return sorted(found)


# Sources and outlets are few next to claims and cited again and again: one Origin
# each, and each combination of sources split once into the origins it names and the
# outlets it cites. (A million synthetic claims cite 39k sources in 143k combinations;
# a cache smaller than that thrashes.)
@functools.lru_cache(maxsize=1 << 18)
def source_origin(source: Cited) -> Origin:
    p = source.principal
    if p is not None:  # who it speaks for is the origin: two spokesmen of one ministry are one
        return Origin(p.kind, p.key, p.name, p.reliability, f"{source.kind}: {source.name}")
    return Origin(source.kind, source.key, source.name, source.reliability)


@functools.lru_cache(maxsize=1 << 18)
def _split_sources(sources: tuple[Cited, ...]) -> tuple[frozenset[Origin], tuple[Cited, ...]]:
    return (
        frozenset([source_origin(s) for s in sources if s.kind != "outlet"]),
        tuple([s for s in sources if s.kind == "outlet"]),
    )


def _strongly_connected(
    nodes: Sequence[int], edges: Mapping[int, Sequence[int]]
) -> list[list[int]]:
    """Tarjan's algorithm, iteratively; components come out successors first."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    components: list[list[int]] = []
    counter = itertools.count()
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[int, Iterator[int]]] = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = next(counter)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = next(counter)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(edges.get(succ, ()))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components


Traced = tuple[
    dict[int, frozenset[Origin]],
    dict[int, tuple[str, ...]],
    dict[int, list[Cited]],
    dict[int, tuple[int, ...]],
]


def trace_origins(
    facts: Sequence[Fact], cells: Sequence[Cell], retracted: Sequence[Fact] = ()
) -> Traced:
    """Each claim's origins, the citation cycles it sits in, the outlets it cites for
    what their own claims contradict, and the retracted claims its chain runs through."""
    cite = _Citations(cells, retracted)
    direct: dict[int, frozenset[Origin]] = {}
    edges: dict[int, Sequence[int]] = {}
    resolved: dict[int, frozenset[Origin]] = {}  # claims citing no claim: their own origins
    for cell in cells:
        for fact in cell.facts:
            own, cited = direct[fact.id], edges[fact.id] = cite(fact, cell)
            if not cited:
                resolved[fact.id] = own
    cycles: dict[int, tuple[str, ...]] = {}
    on_retracted = _through_retracted(cite.rests_on_retracted, edges)
    origins = _follow(direct, edges, resolved)
    if origins is not None:
        return origins, cycles, cite.misattributed, on_retracted
    # Somewhere the citations run in a circle: find each circle as a whole.
    by_id = {f.id: f for f in facts}
    origins = {}
    for component in _strongly_connected([f.id for f in facts], edges):
        members = set(component)
        found: set[Origin] = set()
        for member in component:
            found |= direct[member]
            for target in edges[member]:
                if target not in members:
                    found |= origins[target]
        cyclic = len(component) > 1 or component[0] in edges[component[0]]
        if cyclic:
            outlets = tuple(sorted({by_id[m].outlet for m in component}))
            for member in component:
                cycles[member] = outlets
            if not found:
                # A loop citing only itself: the loop is one origin, not one per outlet.
                key = "|".join(sorted({by_id[m].outlet_key for m in component}))
                found = {Origin("circular", key, "circular reporting: " + " / ".join(outlets))}
        frozen = frozenset(found)
        for member in component:
            origins[member] = frozen
    return origins, cycles, cite.misattributed, on_retracted


def _through_retracted(
    direct: Mapping[int, list[int]], edges: Mapping[int, Sequence[int]]
) -> dict[int, tuple[int, ...]]:
    """Claims whose chain runs through a retracted claim, directly or by citing a claim
    that does, with the retracted claims' ids. (Rarely any: then nothing to follow.)"""
    found = {i: set(ids) for i, ids in direct.items()}
    changed = bool(found)
    while changed:
        changed = False
        for node, targets in edges.items():
            for target in targets:
                if target in found and not found[target] <= found.get(node, set()):
                    found.setdefault(node, set()).update(found[target])
                    changed = True
    return {i: tuple(sorted(ids)) for i, ids in found.items()}


def _follow(
    direct: Mapping[int, frozenset[Origin]],
    edges: Mapping[int, Sequence[int]],
    origins: dict[int, frozenset[Origin]],
) -> dict[int, frozenset[Origin]] | None:
    """``origins`` (known for the claims citing no claim) completed by following
    citations, or None on meeting a cycle (most propositions have none, and this is
    much cheaper than finding components)."""
    pending = [node for node in direct if node not in origins]
    # Chains are short: a few passes, each resolving the claims whose citations are all
    # resolved, settle nearly every proposition. A pass that resolves nothing means a
    # cycle. Past a few passes (a long chain), depth-first search keeps it linear.
    for _ in range(4):
        if not pending:
            return origins
        waiting = []
        for node in pending:
            targets = edges[node]
            for target in targets:
                if target not in origins:
                    waiting.append(node)
                    break
            else:
                origins[node] = (
                    direct[node] | origins[targets[0]]
                    if len(targets) == 1
                    else direct[node].union(*[origins[t] for t in targets])
                )
        if len(waiting) == len(pending):
            return None
        pending = waiting
    open_: set[int] = set()
    for root in pending:
        if root in origins:
            continue
        open_.add(root)
        work: list[tuple[int, Iterator[int]]] = [(root, iter(edges[root]))]
        while work:
            node, unvisited = work[-1]
            for target in unvisited:
                if target in origins:
                    continue
                if target in open_:
                    return None
                open_.add(target)
                work.append((target, iter(edges[target])))
                break
            else:
                work.pop()
                open_.discard(node)
                origins[node] = direct[node].union(*[origins[t] for t in edges[node]])
    return origins


class ChainTracer:
    """How claims' attribution chains unfold, for people to follow. Built once per
    proposition, then asked for any of its claims."""

    def __init__(self, facts: Sequence[Fact], retracted: Sequence[Fact] = ()) -> None:
        facts = sorted({f.id: f for f in facts}.values(), key=lambda f: f.id)
        self.by_id = {f.id: f for f in facts}
        cells = into_cells([f for f in facts if f.value is not None])
        self.cell_of = {f.id: cell for cell in cells for f in cell.facts}
        self.cite = _Citations(cells, retracted)

    def tree(self, claim_id: int) -> dict[str, object]:
        """``{"claim", "outlet", "cites": [{"source", "origin"} | {"source", "via": [...]}]}``.
        A claim already on the path is marked ``"cycle": true`` instead of followed again;
        one already spelled out elsewhere in the tree, ``"shown": true`` (so the tree
        grows with the claims, not with the paths between them)."""
        return self._walk(self.by_id[claim_id], frozenset(), set())

    def _walk(self, fact: Fact, path: frozenset[int], shown: set[int]) -> dict[str, object]:
        node: dict[str, object] = {"claim": fact.id, "outlet": fact.outlet}
        if fact.id in path:
            node["cycle"] = True
            return node
        if fact.id in shown:
            node["shown"] = True
            return node
        shown.add(fact.id)
        if not fact.sources:
            node["cites"] = [{"source": "own reporting", "origin": own_origin(fact).label}]
            return node
        cites: list[dict[str, object]] = []
        for source in fact.sources:
            label = f"{source.kind}:{source.name}"
            cell = self.cell_of.get(fact.id)
            targets = (
                self.cite.targets(fact, cell, source.key)
                if source.kind == "outlet" and cell is not None
                else []
            )
            if targets:
                via = [self._walk(self.by_id[t], path | {fact.id}, shown) for t in targets]
                cites.append({"source": label, "via": via})
            elif (
                source.kind == "outlet"
                and cell is not None
                and (withdrawn := self.cite.retracted_saying(cell, source.key))
            ):  # what it cites was retracted: no origin stands there
                ids = ", ".join(map(str, withdrawn))
                cites.append(
                    {
                        "source": label,
                        "origin": f"none: its report here was retracted (claim {ids})",
                        "retracted": withdrawn,
                    }
                )
            else:
                cite: dict[str, object] = {
                    "source": label,
                    "origin": source_origin(source).label,
                }
                if source.kind == "outlet" and cell is not None and source.key != fact.outlet_key:
                    contrary = self.cite.contrary(cell, source.key)
                    if contrary:  # what that outlet's own claims here say instead
                        cite["says_otherwise"] = contrary
                cites.append(cite)
        node["cites"] = cites
        return node


def origin_tree(
    facts: Sequence[Fact], claim_id: int, retracted: Sequence[Fact] = ()
) -> dict[str, object]:
    """One claim's attribution chain (see ChainTracer.tree)."""
    return ChainTracer(facts, retracted).tree(claim_id)
