"""Rule 8: the Admiralty credibility (1-6) the evidence supports, with its reason in words;
and how much an origin weighs when values conflict.

Apart because this is the one place where grades and kinds of origin become numbers and
words: the verdicts per claim ask it, and it knows nothing of claims."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable

from claims.xref.origin import Origin

RELIABLE = ("A", "B")  # NATO grades "completely" and "usually reliable"
UNRELIABLE = ("D", "E")
# Only 5 ("improbable") grades a claim low. 6 is the Admiralty scale's "truth cannot be
# judged", which is what a claim recorded without --confidence carries: not graded, and
# no reason to doubt it in itself.
IMPROBABLE = 5
NOT_GRADED = 6


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
