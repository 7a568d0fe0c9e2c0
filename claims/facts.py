"""What cross-referencing reads: plain data the store builds and ``claims.xref`` judges.

Neither side knows the other: the store (``claims.store.evidence``) turns rows into these,
and the rules in ``claims.xref`` take them without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from claims.parsing import Value

Period = tuple[dt.date, dt.date]


# Kinds that name a body (someone who speaks): any two whose names fold to one key are
# one body, whatever the kind they were recorded under (see claims.xref rule 6).
BODY_KINDS = frozenset({"official", "organization", "outlet", "person"})


def identity(kind: str, key: str) -> tuple[str, str]:
    """Who a source is, whatever kind it was recorded under: every body alike (written
    "outlet", the order origins have always sorted in); documents, anonymous sources
    and circles of reports each their own."""
    return ("outlet" if kind in BODY_KINDS else kind), key


class Cited(NamedTuple):
    """A source as a claim names it. For kind 'outlet', key is the cited outlet's key.
    ``principal``: whom it speaks for, when declared (``claims source link``), followed
    to the last link: a spokesman's ministry's government."""

    kind: str
    name: str
    key: str
    reliability: str | None = None
    principal: Cited | None = None


# Verdicts and facts are made by the million on large records; frozen
# dataclasses construct several times slower, so these are plain (and never mutated).
@dataclass(slots=True)
class Fact:
    """One active (not retracted) claim, as cross-referencing needs it."""

    id: int
    outlet: str
    outlet_key: str
    confidence: int
    sources: tuple[Cited, ...] = ()
    subject: str | None = None
    predicate: str | None = None
    value: Value | None = None
    as_of: Period | None = None
    as_of_text: str | None = None
    stance: str = "asserts"
    outlet_reliability: str = "F"
    text: str = ""
    published: str = ""  # the publication period as text (Period.iso)
    published_on: dt.date | None = None  # its first day
    published_until: dt.date | None = None  # and its last ("2026": 31 December)
    url: str | None = None
    headline: str | None = None
    # Whom its outlet speaks for, when declared (a party's press office): its own
    # reporting is that principal's account.
    outlet_principal: Cited | None = None
    # The bodies declared parties to its subject (``claims party add``), by identity:
    # their accounts are origins, but no confirmation of their own side.
    parties: frozenset[tuple[str, str]] = frozenset()
    article: int = 0  # the id of the article it was published in; 0 when not read


# Rule 1 (same proposition) in part: declared aliases make one subject of several names.
def canonical_subjects(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Subject key -> the key standing for its whole alias group (the smallest, so the
    result does not depend on the order aliases were declared in)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while key != root:  # path compression
            parent[key], key = root, parent[key]
        return root

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {key: find(key) for key in parent}
