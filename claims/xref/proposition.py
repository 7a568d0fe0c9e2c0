"""Rule 1 and the verdict per proposition: which claims make one proposition, and
``assess``, which judges one (conflict, timeline, several, agree, single) and its values.

The top of the rules: it groups a proposition's claims into cells (``values``), traces
their origins (``chains``) and leaves each claim's own verdict to ``claim``."""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from claims.facts import Fact
from claims.parsing import normalize_text
from claims.xref.chains import trace_origins
from claims.xref.claim import ClaimJudge, ClaimVerdict, ClaimVerdicts
from claims.xref.origin import Origin, OriginSorter
from claims.xref.values import Cell, into_cells, periods_overlap

VERDICTS = ("conflict", "timeline", "several", "agree", "single")


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
        if isinstance(self.by_claim, ClaimVerdicts):
            return self.by_claim.unconfirmed(claim_id)
        return self.by_claim[claim_id].unconfirmed


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
    cells = into_cells(facts)
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

    in_order = OriginSorter()
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
    judge = ClaimJudge(
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
        by_claim=ClaimVerdicts(judge, ids),
        retracted=retracted,
    )


def _fact_id(fact: Fact) -> int:
    return fact.id


def _cell_order(cell: Cell) -> tuple[object, ...]:
    start = cell.as_of[0] if cell.as_of else dt.date.min
    return (start, cell.stance, cell.facts[0].id)  # assess keeps facts in id order
