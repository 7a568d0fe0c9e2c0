"""Rules 7-8 for each claim: whether it is unconfirmed and why (``REASONS``), and the
credibility its evidence supports, as a ``ClaimVerdict``; also a claim with no proposition.

Apart from the verdict per proposition because these are worked out lazily, one claim
at a time, from what ``assess`` found for its cell: listing propositions needs none."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from claims.facts import Fact
from claims.xref.chains import Traced, own_origin, source_origin
from claims.xref.credibility import IMPROBABLE, derive_confidence, weight
from claims.xref.origin import Origin, OriginSorter
from claims.xref.values import Cell

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


class ClaimJudge:
    """Rules 7 and 8 for one claim of a proposition, from what ``assess`` found for its
    cell. Asked lazily: listing propositions needs no per-claim verdicts at all."""

    def __init__(
        self,
        cells: Sequence[Cell],
        traced: Traced,  # what trace_origins found
        supporting: Sequence[frozenset[Origin]],
        agreeing: Sequence[list[int]],
        rivals: Sequence[list[int]],
        min_origins: int,
        in_order: OriginSorter,
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


class ClaimVerdicts(Mapping[int, ClaimVerdict]):
    """A proposition's per-claim verdicts, each worked out when first asked for."""

    def __init__(self, judge: ClaimJudge, ids: Sequence[int]) -> None:
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


def assess_unattached(fact: Fact, min_origins: int = 2) -> ClaimVerdict:
    """A claim with no proposition: only its own attribution counts."""
    origins = {source_origin(s) for s in fact.sources} or {own_origin(fact)}
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
