"""Cross-referencing: where reports agree, conflict, and how many origins stand behind them.

Pure functions over plain data (``claims.facts.Fact``), no database: the store streams facts grouped
by proposition and ``assess`` judges one proposition at a time, so the cost grows with
the number of claims and memory with the largest proposition. The rules, in order:

1. Same proposition: subject (through declared aliases) and predicate, normalised.
2. Compatible values: text after normalisation, numbers and dates as overlapping
   intervals. Values confirm each other only when one's interval lies within the other's
   ("53" and "about 50"); values that only partly overlap ("20-60" and "dozens") are
   compatible: no conflict, and no origins shared (ICD 203: corroboration is agreement
   on the same judgment, not the absence of contradiction).
3. Time: claims whose as-of periods do not overlap describe a change over time, not a
   conflict; a claim without an as-of date is compared with every claim.
4. Stance: denying a value conflicts with asserting a compatible one.
5. Single-valued predicates (the default) conflict on incompatible values; multi-valued
   ones hold competing values side by side (verdict "several"); a denial still conflicts.
6. Origins: a claim's attribution chain is followed to where it starts. STANAG 2511
   grades information "confirmed" only when confirmation comes from a different
   originating source, so echoes (outlet citing outlet) collapse onto their origin.
7. Unconfirmed: fewer than ``min_origins`` independent origins behind the value.
8. Derived credibility on the Admiralty 1-6 scale, from the evidence alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import operator
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from claims.facts import BODY_KINDS, Cited, Fact, Period, identity
from claims.parsing import Value, normalize_text, unit_key

# Reason codes for unconfirmed claims (README documents each).
REASONS = {
    "single-origin": "one origin, carried by one outlet",
    "circular": "several outlets, but they trace back to fewer origins",
    "few-origins": "more than one origin, but fewer than required",
    "anonymous": "its only origins are anonymous",
    "contradicted": "another claim conflicts with it",
    "low-confidence": "its credibility was graded 5 (improbable)",
    "citation-cycle": "its attribution chain runs in a circle",
    "no-proposition": "it has no subject/predicate/value, so nothing can corroborate it",
    "misattributed": "it cites an outlet whose own claims on this say otherwise",
    "interested-party": "a party to the matter is among its origins: no confirmation of its side",
    "rests-on-retracted": "its attribution chain runs through a report since retracted",
}
VERDICTS = ("conflict", "timeline", "several", "agree", "single")
RELIABLE = ("A", "B")  # NATO grades "completely" and "usually reliable"
UNRELIABLE = ("D", "E")
# Only 5 ("improbable") grades a claim low. 6 is the Admiralty scale's "truth cannot be
# judged", which is what a claim recorded without --confidence carries: not graded, and
# no reason to doubt it in itself.
IMPROBABLE = 5
NOT_GRADED = 6


# Kinds that name a body (someone who speaks): any two whose names fold to one key are
# one body, whatever the kind they were recorded under (claims.facts.identity). A ministry
# on record as an outlet ("Ministry of Transport") and quoted by others as
# official:"Ministry of Transport" is one origin, not two that corroborate each other
# (STANAG 2511: confirmation comes only from a different originating source).
_SAME_ORIGIN = {kind: identity(kind, "")[0] for kind in BODY_KINDS}


class Origin(tuple[str, str]):
    """Where a chain of attribution starts. Identity and order are who the origin is and
    its key, not spelling: an Origin is the tuple (identity, key), the identity being its
    kind with every body (outlet, organization, official, person) counted alike, so the many
    sets of origins built while cross-referencing hash and compare at C speed. Kind (as
    the report named it), name and reliability ride along."""

    kind: str  # person, official, document, organization, anonymous, outlet, circular
    name: str
    reliability: str | None
    via: str | None  # who spoke for it, when the origin is a principal ("person: Jane Roe")

    def __new__(
        cls,
        kind: str,
        key: str,
        name: str,
        reliability: str | None = None,
        via: str | None = None,
    ) -> Origin:
        self = super().__new__(cls, (_SAME_ORIGIN.get(kind, kind), key))
        self.kind = kind
        self.name = name
        self.reliability = reliability
        self.via = via
        return self

    def __repr__(self) -> str:
        return f"Origin({self.kind!r}, {self[1]!r}, {self.name!r}, {self.reliability!r}" + (
            f", via={self.via!r})" if self.via else ")"
        )

    @property
    def key(self) -> str:
        return self[1]

    @property
    def anonymous(self) -> bool:
        return self[0] == "anonymous"

    @property
    def label(self) -> str:
        if self.via:  # the chain names both: the principal, and who spoke for it
            return f"{self.kind}: {self.name} (through {self.via})"
        return f"{self.kind}: {self.name}"


@dataclass(slots=True)
class ClaimVerdict:
    id: int
    origins: tuple[Origin, ...]  # where this claim's own chain ends
    independent_origins: int  # distinct origins behind its value, compatible values included
    supporting_origins: tuple[Origin, ...]
    outlets: tuple[str, ...]  # outlets carrying its value (or a compatible one)
    conflicts_with: tuple[int, ...]
    unconfirmed: bool
    reasons: tuple[str, ...]
    confidence: int  # as entered
    derived_confidence: int
    derived_reason: str
    cycles: tuple[tuple[str, ...], ...] = ()
    # Outlets it cites whose own claims here say otherwise (another value, or a denial).
    misattributed: tuple[str, ...] = ()
    # Claims whose values are compatible with its own without confirming it.
    compatible_with: tuple[int, ...] = ()
    # Retracted claims its attribution chain runs through.
    rests_on_retracted: tuple[int, ...] = ()


@dataclass(slots=True)
class ValueVerdict:
    value: str
    stance: str
    as_of: str | None
    claims: tuple[int, ...]
    outlets: tuple[str, ...]
    independent_origins: int
    origins: tuple[Origin, ...]
    # Values (indexes in the proposition's values) that overlap this one without either
    # lying within the other: no conflict, and no confirmation either.
    compatible: tuple[int, ...] = ()


@dataclass(slots=True)
class PropositionVerdict:
    subject: str
    predicate: str
    verdict: str
    multi_valued: bool
    claims: tuple[int, ...]
    values: tuple[ValueVerdict, ...]
    conflicts: tuple[tuple[int, int], ...]  # pairs of conflicting values (indexes in values)
    cycles: tuple[tuple[str, ...], ...]
    by_claim: Mapping[int, ClaimVerdict]
    # Its retracted claims, which citations may still lead to (for tracing chains again).
    retracted: Sequence[Fact] = ()

    def is_unconfirmed(self, claim_id: int) -> bool:
        """by_claim[claim_id].unconfirmed, without working out the rest of that verdict."""
        if isinstance(self.by_claim, _ClaimVerdicts):
            return self.by_claim.unconfirmed(claim_id)
        return self.by_claim[claim_id].unconfirmed


# --- rule 1: same proposition ---------------------------------------------------------


def proposition_key(fact: Fact, aliases: Mapping[str, str]) -> tuple[str, str] | None:
    if fact.subject is None or fact.predicate is None or fact.value is None:
        return None
    subject = normalize_text(fact.subject)
    return aliases.get(subject, subject), normalize_text(fact.predicate)


def cross_reference(
    facts: Iterable[Fact],
    *,
    aliases: Mapping[str, str] | None = None,
    multi_valued: Collection[str] = (),
    min_origins: int = 2,
) -> list[PropositionVerdict]:
    """Every proposition among ``facts``, judged. (The store streams instead.)"""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        key = proposition_key(fact, aliases or {})
        if key is not None:
            groups[key].append(fact)
    return [
        assess(groups[key], multi_valued=key[1] in multi_valued, min_origins=min_origins)
        for key in sorted(groups)
    ]


# --- rules 2-5: compatibility and conflict --------------------------------------------


def periods_overlap(a: Period | None, b: Period | None) -> bool:
    """No as-of date means no known period: such a claim is compared with every claim."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


# Values repeat across a record; normalising each distinct text once is enough.
_normalized = functools.lru_cache(maxsize=1 << 16)(normalize_text)


def _value_key(value: Value) -> tuple[object, ...]:
    if value.kind == "text":
        return ("text", _normalized(value.text))
    return (value.kind, value.low, value.high, unit_key(value.unit) if value.unit else "")


@dataclass(eq=False, slots=True)
class _Cell:
    """Claims that say the same thing: one stance, one value, one as-of period."""

    index: int  # its place among its proposition's cells
    stance: str
    value: Value
    key: tuple[object, ...]  # _value_key(value): text already normalised
    as_of: Period | None
    facts: list[Fact]

    def same_value(self, other: _Cell) -> bool:
        if self.value.kind == "text" or other.value.kind == "text":
            return self.key == other.key
        return self.value.overlaps(other.value)

    def compatible(self, other: _Cell) -> bool:
        return (
            self.stance == other.stance
            and periods_overlap(self.as_of, other.as_of)
            and self.same_value(other)
        )

    def confirms(self, other: _Cell) -> bool:
        """Compatible, and saying the same thing: one value lies within the other ("53"
        within "about 50", "340" within "hundreds"). "20-60" and "dozens" overlap, but
        either could be true without the other: neither confirms the other."""
        if not self.compatible(other):
            return False
        if self.value.kind == "text" or other.value.kind == "text":
            return True  # compatible text is the same text
        return self.value.within(other.value) or other.value.within(self.value)

    def conflicts(self, other: _Cell, multi_valued: bool) -> bool:
        if not periods_overlap(self.as_of, other.as_of):
            return False
        if self.stance != other.stance:
            # A denial against an assertion that it makes false: every value asserted is
            # one denied ("49" against "not about 50"). "Not 53" leaves "more than 12"
            # standing, and "not on 26 October" leaves "in October".
            asserted, denied = (self, other) if self.stance == "asserts" else (other, self)
            if asserted.value.kind == "text" or denied.value.kind == "text":
                return asserted.key == denied.key
            return asserted.value.within(denied.value)
        return self.stance == "asserts" and not multi_valued and not self.same_value(other)


def _cells(facts: Sequence[Fact]) -> list[_Cell]:
    cells: dict[tuple[object, ...], _Cell] = {}
    for fact in facts:
        assert fact.value is not None
        value_key = _value_key(fact.value)
        key = (fact.stance, value_key, fact.as_of)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = _Cell(
                len(cells), fact.stance, fact.value, value_key, fact.as_of, []
            )
        cell.facts.append(fact)
    return list(cells.values())


# --- rule 6: origins -------------------------------------------------------------------


def _own_origin(fact: Fact) -> Origin:
    if fact.outlet_principal is not None:  # the outlet speaks for another (a press office)
        p = fact.outlet_principal
        return Origin(p.kind, p.key, p.name, p.reliability, f"outlet: {fact.outlet}")
    return Origin("outlet", fact.outlet_key, fact.outlet, fact.outlet_reliability)


class _Citations:
    """Who each claim of one proposition cites: its direct origins, and the claims its
    ``outlet:X`` citations resolve to (``targets``). X's claims are looked up by cell, not
    scanned: this runs for every claim of the record."""

    def __init__(self, cells: Sequence[_Cell], retracted: Sequence[Fact] = ()) -> None:
        self.cells = cells
        # Retracted claims of this proposition, by outlet: a citation of X for what X
        # said only in a report since retracted rests on that report, not on X.
        self.withdrawn: dict[str, list[Fact]] = defaultdict(list)
        for fact in retracted:
            self.withdrawn[fact.outlet_key].append(fact)
        self.rests_on_retracted: dict[int, list[int]] = {}
        self._by_cell: dict[tuple[int, str], list[int]] | None = None
        self._cells_of: dict[str, dict[int, _Cell]] | None = None
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
    def cells_of(self) -> dict[str, dict[int, _Cell]]:
        """Each outlet's cells (only misattributions need them)."""
        if self._cells_of is None:
            cells_of: dict[str, dict[int, _Cell]] = defaultdict(dict)
            for index, outlet_key in self.by_cell:
                cells_of[outlet_key][index] = self.cells[index]
            self._cells_of = cells_of
        return self._cells_of

    def __call__(self, fact: Fact, cell: _Cell) -> tuple[frozenset[Origin], Sequence[int]]:
        """The claim's direct origins, and the claims its citations stand for (shared
        lists: read them, never change them)."""
        if not fact.sources:  # the outlet's own reporting
            own = self.outlet_origins.get(fact.outlet_key)
            if own is None:
                own = self.outlet_origins[fact.outlet_key] = frozenset((_own_origin(fact),))
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
                unresolved.append(_source_origin(source))
                if source.key != fact.outlet_key and self.contrary(cell, source.key):
                    self.misattributed.setdefault(fact.id, []).append(source)
        return (origins.union(unresolved) if unresolved else origins), cited

    def retracted_saying(self, cell: _Cell, outlet_key: str) -> list[int]:
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
                _value_key(f.value) == cell.key
                if f.value.kind == "text" or cell.value.kind == "text"
                else f.value.overlaps(cell.value)
            )
        ]

    def contrary(self, cell: _Cell, outlet_key: str) -> list[int]:
        """X's own claims on this proposition, for the same time, when none of them says
        what ``cell`` says (called only then): a citation of X for it misattributes."""
        return sorted(
            i
            for other in self.cells_of.get(outlet_key, {}).values()
            if periods_overlap(cell.as_of, other.as_of)
            for i in self.by_cell[other.index, outlet_key]
        )

    def targets(self, fact: Fact, cell: _Cell, outlet_key: str) -> list[int]:
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
def _source_origin(source: Cited) -> Origin:
    p = source.principal
    if p is not None:  # who it speaks for is the origin: two spokesmen of one ministry are one
        return Origin(p.kind, p.key, p.name, p.reliability, f"{source.kind}: {source.name}")
    return Origin(source.kind, source.key, source.name, source.reliability)


@functools.lru_cache(maxsize=1 << 18)
def _split_sources(sources: tuple[Cited, ...]) -> tuple[frozenset[Origin], tuple[Cited, ...]]:
    return (
        frozenset([_source_origin(s) for s in sources if s.kind != "outlet"]),
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
    facts: Sequence[Fact], cells: Sequence[_Cell], retracted: Sequence[Fact] = ()
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


# --- rules 7-8: per claim --------------------------------------------------------------


# How much one origin weighs when values conflict. STANAG 2511 grades a source's
# reliability A-F apart from the information's credibility, and ICD 203 asks that the
# quality of the sources behind a judgment be weighed and said: a document graded A is
# not outweighed by one ungraded anonymous source, whatever the count. An origin's
# weight is its grade's times its kind's; a side weighs the sum of its origins.
_GRADE_WEIGHT = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.3, "E": 0.1}
_UNGRADED_WEIGHT = 0.5  # F ("cannot be judged") or no grade: between fair and doubtful
_KIND_WEIGHT = {"document": 1.0, "anonymous": 0.4, "circular": 0.4}  # named bodies: 0.8
_NAMED_WEIGHT = 0.8
_KIND_WORDS = {
    "document": "a document",
    "anonymous": "one anonymous source",
    "official": "a named official",
    "person": "a named person",
    "organization": "an organization",
    "outlet": "an outlet",
    "circular": "one circular report",
}


def origin_weight(origin: Origin) -> float:
    grade = _GRADE_WEIGHT.get(origin.reliability or "", _UNGRADED_WEIGHT)
    return grade * _KIND_WEIGHT.get(origin.kind, _NAMED_WEIGHT)


def weight(origins: Iterable[Origin]) -> float:
    return sum(origin_weight(o) for o in origins)


def _describe(origins: Collection[Origin]) -> str:
    """'a document graded A', 'one anonymous source', '3 independent origins (the
    strongest a named official graded B)'."""
    if not origins:
        return "no origin"
    best = max(origins, key=lambda o: (origin_weight(o), o.kind, o.key))
    words = _KIND_WORDS.get(best.kind, f"a {best.kind}")
    if best.reliability in _GRADE_WEIGHT:
        words += f" graded {best.reliability}"
    elif best.kind != "anonymous":
        words += ", not graded"
    if len(origins) == 1:
        return words
    return f"{len(origins)} independent origins (the strongest {words})"


def derive_confidence(
    independent: int,
    origins: Collection[Origin],
    contradicted: bool,
    rival: Collection[Origin],
    min_origins: int,
) -> tuple[int, str]:
    """The Admiralty credibility the evidence supports, with the reason in words.
    ``rival``: the origins behind the strongest conflicting value (when contradicted)."""
    n = f"{independent} independent origin{'s' if independent != 1 else ''}"
    if contradicted:
        # Grades and kinds decide which side the evidence favours, not the count alone.
        mine, theirs = weight(origins), weight(rival)
        against = f"{_describe(origins)} against {_describe(rival)}"
        if math.isclose(mine, theirs):
            return 4, f"{against}: they weigh the same"
        if mine > theirs:
            return 3, f"{against}: the evidence favours this value"
        return 5, f"{against}: the evidence favours the conflicting value"
    if independent == 0:  # its only basis was retracted (rule 8 of issue 15)
        return 6, "no origin stands behind it: its chain runs through a retracted report"
    if origins and all(o.anonymous for o in origins):
        # However many descriptions: unnamed sources cannot be shown to be independent
        # of each other, so they confirm nothing (the Admiralty scale's 1 needs that).
        return 3, f"{n}, anonymous only"
    if independent >= max(2, min_origins):
        return 1, f"confirmed: {n}, no conflict"
    if independent >= 2:
        return 2, f"{n}, no conflict, but fewer than the {min_origins} required"
    grades = {o.reliability for o in origins}
    if grades & set(RELIABLE):
        return 2, f"{n}, graded reliable, not confirmed by another"
    if grades and grades <= set(UNRELIABLE):
        return 4, f"{n}, graded unreliable, not confirmed by another"
    return 3, f"{n}, not confirmed by another"


def _reasons(
    independent: int,
    origins: Collection[Origin],
    outlets: int,
    contradicted: bool,
    min_origins: int,
) -> tuple[str, ...]:
    """Why a value is unconfirmed (claim-specific reasons are added by the caller)."""
    reasons = []
    if independent == 1 and outlets == 1:
        reasons.append("single-origin")
    if outlets > independent:
        reasons.append("circular")
    if 1 < independent < min_origins:
        reasons.append("few-origins")
    if origins and all(o.anonymous for o in origins):
        reasons.append("anonymous")
    if contradicted:
        reasons.append("contradicted")
    return tuple(reasons)


def _one_spelling(origins: dict[int, frozenset[Origin]]) -> dict[int, frozenset[Origin]]:
    """One body named two ways (outlet X and official:X or organization:X, person:Y and
    official:Y, or two spellings of one name) is one origin; which of its names, kinds and grades
    stands for it must not depend on which claim was recorded first. The outlet's own
    (one grade per outlet), else a graded one, else the first in a fixed order."""
    chosen: dict[Origin, Origin] = {}
    differ = False
    for found in origins.values():
        for origin in found:
            best = chosen.setdefault(origin, origin)
            if best is not origin and _as_shown(best) != _as_shown(origin):
                differ = True
                if _preference(origin) < _preference(best):
                    chosen[origin] = origin
    if not differ:  # nearly always: every origin named one way
        return origins
    return {fid: frozenset([chosen[o] for o in found]) for fid, found in origins.items()}


def _as_shown(origin: Origin) -> tuple[str, str, str | None, str | None]:
    return (origin.kind, origin.name, origin.reliability, origin.via)


def _preference(origin: Origin) -> tuple[int, int, str, str, str, str]:
    return (
        0 if origin.kind == "outlet" else 1 if origin.kind == "person" else 2,
        0 if origin.reliability is not None else 1,
        origin.reliability or "",
        origin.name,
        origin.kind,
        origin.via or "",
    )


def assess(
    facts: Sequence[Fact],
    *,
    multi_valued: bool = False,
    min_origins: int = 2,
    retracted: Sequence[Fact] = (),
) -> PropositionVerdict:
    """Judge one proposition: all its active claims, in any order, duplicates ignored.
    ``retracted``: its retracted claims, which a citation may still lead to (rule 8)."""
    ids = tuple([f.id for f in facts])
    if not all(map(operator.lt, ids, ids[1:])):  # the store streams them in order
        facts = sorted({f.id: f for f in facts}.values(), key=_fact_id)
        ids = tuple([f.id for f in facts])
    cells = _cells(facts)
    origins, cycles, misattributed, on_retracted = trace_origins(facts, cells, retracted)
    if len(facts) > 1:
        origins = _one_spelling(origins)

    cell_origins = [frozenset().union(*[origins[f.id] for f in cell.facts]) for cell in cells]
    supporting: list[frozenset[Origin]] = []
    agreeing: list[list[int]] = []  # per cell, the cells confirming it (itself too)
    partial: list[list[int]] = []  # per cell, the cells compatible with it, not confirming
    rivals: list[list[int]] = []
    conflicts: set[tuple[int, int]] = set()  # pairs of cells
    changes_over_time = False
    side_by_side = False  # a multi-valued predicate's different values
    for i, cell in enumerate(cells):
        if len(cells) == 1:  # most propositions: nothing to compare with
            supporting.append(cell_origins[0])
            agreeing.append([0])
            rivals.append([])
            partial.append([])
            break
        support: list[int] = []
        rival: list[int] = []
        overlapping: list[int] = []
        for j, other in enumerate(cells):
            if i == j or cell.confirms(other):
                support.append(j)
            elif cell.compatible(other):
                overlapping.append(j)  # no conflict, and no origins shared
            elif cell.conflicts(other, multi_valued):
                rival.append(j)
                conflicts.add((min(i, j), max(i, j)))
            elif (
                cell.stance == other.stance == "asserts"
                and not multi_valued
                and not cell.same_value(other)
            ):
                changes_over_time = True  # different values, periods apart
            elif multi_valued and cell.stance == other.stance == "asserts":
                side_by_side = True  # competing explanations, held together
            elif (
                cell.stance != other.stance
                and cell.same_value(other)
                and not periods_overlap(cell.as_of, other.as_of)
            ):
                changes_over_time = True  # so then, not so later (or the reverse)
        supporting.append(frozenset().union(*[cell_origins[j] for j in support]))
        agreeing.append(support)
        rivals.append(rival)
        partial.append(overlapping)

    in_order = _Sorter()
    order = (
        sorted(range(len(cells)), key=lambda i: _cell_order(cells[i])) if len(cells) > 1 else [0]
    )
    position = {cell_index: n for n, cell_index in enumerate(order)}
    if conflicts:
        verdict = "conflict"
    elif changes_over_time:
        verdict = "timeline"
    elif len({f.outlet_key for f in facts}) == 1:
        verdict = "single"  # one outlet saying one thing, however often or however worded
    elif side_by_side:
        # Several values stand side by side: that is not agreement on any one of them.
        verdict = "several"
    else:
        verdict = "agree"
    first = facts[0]
    values = []
    for i in order:
        cell = cells[i]
        values.append(
            ValueVerdict(
                value=cell.value.text,
                stance=cell.stance,
                as_of=cell.facts[0].as_of_text,
                claims=tuple([f.id for f in cell.facts]),
                outlets=tuple(dict.fromkeys([f.outlet for f in cell.facts])),
                independent_origins=len(supporting[i]),
                origins=in_order(supporting[i]),
                compatible=tuple(sorted(position[j] for j in partial[i])),
            )
        )
    judge = _ClaimJudge(
        cells,
        (origins, cycles, misattributed, on_retracted),
        supporting,
        agreeing,
        rivals,
        min_origins,
        in_order,
    )
    judge.partial = partial
    return PropositionVerdict(
        subject=first.subject or "",
        predicate=first.predicate or "",
        verdict=verdict,
        multi_valued=multi_valued,
        claims=ids,
        values=tuple(values),
        conflicts=tuple(
            sorted(
                (min(position[a], position[b]), max(position[a], position[b])) for a, b in conflicts
            )
        ),
        cycles=tuple(sorted(set(cycles.values()))),
        by_claim=_ClaimVerdicts(judge, ids),
        retracted=retracted,
    )


def _fact_id(fact: Fact) -> int:
    return fact.id


class _Sorter:
    """Sets of origins in a stable order (kind, then key), each distinct set sorted once."""

    def __init__(self) -> None:
        self.done: dict[frozenset[Origin], tuple[Origin, ...]] = {}

    def __call__(self, found: frozenset[Origin]) -> tuple[Origin, ...]:
        ordered = self.done.get(found)
        if ordered is None:
            ordered = self.done[found] = tuple(sorted(found))
        return ordered


class _ClaimJudge:
    """Rules 7 and 8 for one claim of a proposition, from what ``assess`` found for its
    cell. Asked lazily: listing propositions needs no per-claim verdicts at all."""

    def __init__(
        self,
        cells: Sequence[_Cell],
        traced: Traced,  # what trace_origins found
        supporting: Sequence[frozenset[Origin]],
        agreeing: Sequence[list[int]],
        rivals: Sequence[list[int]],
        min_origins: int,
        in_order: _Sorter,
    ) -> None:
        self.cells = cells
        self._cell_of: dict[int, tuple[int, Fact]] | None = None
        self.origins, self.cycles, self.misattributed, self.on_retracted = traced
        self.supporting = supporting
        self.agreeing = agreeing
        self.rivals = rivals
        self.min_origins = min_origins
        self.in_order = in_order
        self.shared: dict[int, _CellVerdict] = {}
        self.partial: Sequence[list[int]] = [[] for _ in cells]

    @property
    def cell_of(self) -> dict[int, tuple[int, Fact]]:
        if self._cell_of is None:
            self._cell_of = {f.id: (cell.index, f) for cell in self.cells for f in cell.facts}
        return self._cell_of

    def unconfirmed(self, claim_id: int) -> bool:
        # Rule 7: "unconfirmed" means "not established": a claim that another report
        # contradicts is not, however many origins stand behind its value; nor is one
        # whose own attribution runs through a report since retracted.
        i = self.cell_of[claim_id][0]
        return (
            self.confirming(i) < self.min_origins
            or bool(self.rivals[i])
            or claim_id in self.on_retracted
        )

    def confirming(self, i: int) -> int:
        """The origins behind cell i's value that can confirm it: parties to the matter
        (``claims party add``) are origins, but no confirmation of their own side."""
        supporting = self.supporting[i]
        parties = self.cells[0].facts[0].parties  # one subject: the same for every claim
        if not parties:
            return len(supporting)
        return sum(1 for o in supporting if o not in parties)

    def __call__(self, claim_id: int) -> ClaimVerdict:
        i, fact = self.cell_of[claim_id]
        if i not in self.shared:
            self.shared[i] = self._for_cell(i)
        shared = self.shared[i]
        on_retracted = self.on_retracted.get(fact.id, ())
        unconfirmed = (
            shared.confirming < self.min_origins or bool(shared.rival_ids) or bool(on_retracted)
        )
        reasons: tuple[str, ...] = ()
        if unconfirmed:  # reasons say why a claim is unconfirmed: a confirmed one has none
            reasons = shared.reasons
            if fact.confidence == IMPROBABLE:
                reasons += ("low-confidence",)
            if fact.id in self.cycles:
                reasons += ("citation-cycle",)
            if fact.id in self.misattributed:
                reasons += ("misattributed",)
            if on_retracted:
                reasons += ("rests-on-retracted",)
        return ClaimVerdict(
            id=fact.id,
            origins=self.in_order(self.origins[fact.id]),
            independent_origins=shared.independent,
            supporting_origins=shared.support,
            outlets=shared.outlets,
            conflicts_with=shared.rival_ids,
            unconfirmed=unconfirmed,
            reasons=reasons,
            confidence=fact.confidence,
            derived_confidence=shared.derived,
            derived_reason=shared.why,
            cycles=(self.cycles[fact.id],) if fact.id in self.cycles else (),
            misattributed=tuple([s.name for s in self.misattributed.get(fact.id, ())]),
            compatible_with=tuple(
                sorted(f.id for j in self.partial[i] for f in self.cells[j].facts)
            ),
            rests_on_retracted=on_retracted,
        )

    def _for_cell(self, i: int) -> _CellVerdict:
        """Everything but the last two reasons is the same for every claim in a cell."""
        supporting, rivals = self.supporting[i], self.rivals[i]
        independent = len(supporting)
        strongest_rival = max((self.supporting[j] for j in rivals), key=weight, default=frozenset())
        rival_ids = tuple(sorted(f.id for j in rivals for f in self.cells[j].facts))
        derived, why = derive_confidence(
            independent, supporting, bool(rivals), strongest_rival, self.min_origins
        )
        # The outlets carrying this value or a compatible one.
        outlets = {f.outlet for j in self.agreeing[i] for f in self.cells[j].facts}
        shared = _reasons(independent, supporting, len(outlets), bool(rivals), self.min_origins)
        confirming = self.confirming(i)
        if confirming < independent:  # parties among its origins
            if confirming < self.min_origins:
                shared += ("interested-party",)
            if derived == 1 and confirming < max(2, self.min_origins):
                parties = independent - confirming
                derived, why = (
                    2,
                    (
                        f"{independent} independent origins, but {parties} of them "
                        f"part{'ies' if parties > 1 else 'y'} to the matter, which do not "
                        "confirm their own side"
                    ),
                )
        return _CellVerdict(
            independent,
            self.in_order(supporting),
            tuple(sorted(outlets)),
            rival_ids,
            derived,
            why,
            shared,
            confirming,
        )


@dataclass(slots=True)
class _CellVerdict:
    """What rules 7 and 8 say alike for every claim of one cell."""

    independent: int
    support: tuple[Origin, ...]
    outlets: tuple[str, ...]
    rival_ids: tuple[int, ...]
    derived: int
    why: str
    reasons: tuple[str, ...]
    confirming: int  # independent, less the parties to the matter among them


class _ClaimVerdicts(Mapping[int, ClaimVerdict]):
    """A proposition's per-claim verdicts, each worked out when first asked for."""

    def __init__(self, judge: _ClaimJudge, ids: Sequence[int]) -> None:
        self.judge = judge
        self.ids = ids
        self.made: dict[int, ClaimVerdict] = {}

    def __getitem__(self, claim_id: int) -> ClaimVerdict:
        verdict = self.made.get(claim_id)
        if verdict is None:
            if claim_id not in self.judge.cell_of:
                raise KeyError(claim_id)
            verdict = self.made[claim_id] = self.judge(claim_id)
        return verdict

    def __iter__(self) -> Iterator[int]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def unconfirmed(self, claim_id: int) -> bool:
        """Whether that claim is unconfirmed, without working out the rest of its verdict."""
        return self.judge.unconfirmed(claim_id)


class ChainTracer:
    """How claims' attribution chains unfold, for people to follow. Built once per
    proposition, then asked for any of its claims."""

    def __init__(self, facts: Sequence[Fact], retracted: Sequence[Fact] = ()) -> None:
        facts = sorted({f.id: f for f in facts}.values(), key=lambda f: f.id)
        self.by_id = {f.id: f for f in facts}
        cells = _cells([f for f in facts if f.value is not None])
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
            node["cites"] = [{"source": "own reporting", "origin": _own_origin(fact).label}]
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
                    "origin": _source_origin(source).label,
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


def assess_unattached(fact: Fact, min_origins: int = 2) -> ClaimVerdict:
    """A claim with no proposition: only its own attribution counts."""
    origins = {_source_origin(s) for s in fact.sources} or {_own_origin(fact)}
    derived, why = derive_confidence(len(origins), origins, False, (), min_origins)
    if derived == 1:  # "confirmed by other sources": not while it stays unconfirmed
        derived, why = 2, f"{len(origins)} origins named, but no proposition to check them by"
    reasons = ["no-proposition"] + (["low-confidence"] if fact.confidence == IMPROBABLE else [])
    if origins and all(o.anonymous for o in origins):
        reasons.insert(1, "anonymous")
    return ClaimVerdict(
        id=fact.id,
        origins=tuple(sorted(origins, key=_origin_order)),
        independent_origins=len(origins),
        supporting_origins=tuple(sorted(origins, key=_origin_order)),
        outlets=(fact.outlet,),
        conflicts_with=(),
        unconfirmed=True,
        reasons=tuple(reasons),
        confidence=fact.confidence,
        derived_confidence=derived,
        derived_reason=why,
    )


def _origin_order(origin: Origin) -> tuple[str, str]:
    return origin[0], origin[1]


def _cell_order(cell: _Cell) -> tuple[object, ...]:
    start = cell.as_of[0] if cell.as_of else dt.date.min
    return (start, cell.stance, cell.facts[0].id)  # assess keeps facts in id order


# --- as plain JSON-ready data -----------------------------------------------------------


def origin_as_dict(origin: Origin) -> dict[str, object]:
    return {
        "kind": origin.kind,
        "name": origin.name,
        "anonymous": origin.anonymous,
        "via": origin.via,  # who spoke for it (claims source link), or null
    }


def claim_verdict_as_dict(v: ClaimVerdict, *, full: bool = True) -> dict[str, object]:
    """One claim's verdict. ``full=False`` leaves out what its proposition's values
    already say (origins and outlets behind the value), to keep ``xref --json`` linear."""
    data: dict[str, object] = {
        "id": v.id,
        "independent_origins": v.independent_origins,
        "own_origins": [o.name for o in v.origins],
        "contradicted": bool(v.conflicts_with),
        "unconfirmed": v.unconfirmed,
        "reasons": list(v.reasons),
        "confidence": v.confidence,
        "derived_confidence": v.derived_confidence,
        "derived_reason": v.derived_reason,
        "citation_cycles": [list(c) for c in v.cycles],
        "misattributed": list(v.misattributed),
        "compatible_with": list(v.compatible_with),
        "rests_on_retracted": list(v.rests_on_retracted),
    }
    if full:
        data["origins"] = [o.name for o in v.supporting_origins]
        data["origin_details"] = [origin_as_dict(o) for o in v.supporting_origins]
        data["outlets"] = list(v.outlets)
        data["conflicts_with"] = list(v.conflicts_with)
    return data


def proposition_as_dict(p: PropositionVerdict, *, assessments: bool = False) -> dict[str, object]:
    """A proposition as JSON data; ``assessments`` adds every claim's own verdict."""
    data: dict[str, object] = {
        "subject": p.subject,
        "predicate": p.predicate,
        "verdict": p.verdict,
        "multi_valued": p.multi_valued,
        "claims": list(p.claims),
        "values": [
            {
                "value": v.value,
                "stance": v.stance,
                "as_of": v.as_of,
                "claims": list(v.claims),
                "outlets": list(v.outlets),
                "independent_origins": v.independent_origins,
                "origins": [o.name for o in v.origins],
                "origin_details": [origin_as_dict(o) for o in v.origins],
                "compatible": list(v.compatible),
            }
            for v in p.values
        ],
        "conflicts": [list(pair) for pair in p.conflicts],
        "citation_cycles": [list(c) for c in p.cycles],
    }
    if assessments:
        data["assessments"] = [claim_verdict_as_dict(p.by_claim[i], full=False) for i in p.claims]
    return data
