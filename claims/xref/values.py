"""Rules 2-5: when two claims' values are compatible, confirm each other or conflict, with
time (as-of periods) and stance (asserts, denies) taken into account.

Claims saying the same thing are grouped into cells first, so that each comparison is made
once per distinct value, not once per claim; origins (``chains``) and verdicts read cells
too, so cells are here, below both."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from claims.facts import Fact, Period
from claims.parsing import Value, normalize_text, unit_key


def periods_overlap(a: Period | None, b: Period | None) -> bool:
    """No as-of date means no known period: such a claim is compared with every claim."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


# Values repeat across a record; normalising each distinct text once is enough.
_normalized = functools.lru_cache(maxsize=1 << 16)(normalize_text)


def comparison_key(value: Value) -> tuple[object, ...]:
    if value.kind == "text":
        return ("text", _normalized(value.text))
    return (value.kind, value.low, value.high, unit_key(value.unit) if value.unit else "")


@dataclass(eq=False, slots=True)
class Cell:
    """Claims that say the same thing: one stance, one value, one as-of period."""

    index: int  # its place among its proposition's cells
    stance: str
    value: Value
    key: tuple[object, ...]  # comparison_key(value): text already normalised
    as_of: Period | None
    facts: list[Fact]

    def same_value(self, other: Cell) -> bool:
        if self.value.kind == "text" or other.value.kind == "text":
            return self.key == other.key
        return self.value.overlaps(other.value)

    def compatible(self, other: Cell) -> bool:
        return (
            self.stance == other.stance
            and periods_overlap(self.as_of, other.as_of)
            and self.same_value(other)
        )

    def confirms(self, other: Cell) -> bool:
        """Compatible, and saying the same thing: one value lies within the other ("53"
        within "about 50", "340" within "hundreds"). "20-60" and "dozens" overlap, but
        either could be true without the other: neither confirms the other."""
        if not self.compatible(other):
            return False
        if self.value.kind == "text" or other.value.kind == "text":
            return True  # compatible text is the same text
        return self.value.within(other.value) or other.value.within(self.value)

    def conflicts(self, other: Cell, multi_valued: bool) -> bool:
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


def into_cells(facts: Sequence[Fact]) -> list[Cell]:
    cells: dict[tuple[object, ...], Cell] = {}
    for fact in facts:
        assert fact.value is not None
        value_key = comparison_key(fact.value)
        key = (fact.stance, value_key, fact.as_of)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell(len(cells), fact.stance, fact.value, value_key, fact.as_of, [])
        cell.facts.append(fact)
    return list(cells.values())
