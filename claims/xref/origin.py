"""Origins: where a chain of attribution starts, and which two count as one.

Apart because every rule counts, weighs, orders or names origins: this is the type they
all share, and it judges nothing itself."""

from __future__ import annotations

from claims.facts import BODY_KINDS, identity

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


class OriginSorter:
    """Sets of origins in a stable order (kind, then key), each distinct set sorted once."""

    def __init__(self) -> None:
        self.done: dict[frozenset[Origin], tuple[Origin, ...]] = {}

    def __call__(self, found: frozenset[Origin]) -> tuple[Origin, ...]:
        ordered = self.done.get(found)
        if ordered is None:
            ordered = self.done[found] = tuple(sorted(found))
        return ordered
