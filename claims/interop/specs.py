"""The fields an import record may have, and what is wrong with a record that fails."""

from __future__ import annotations

from dataclasses import dataclass

from claims.errors import ClaimsError
from claims.store import EDITABLE_FIELDS

CLAIM_FIELDS = EDITABLE_FIELDS  # an import record has the fields of claims add and edit
OUTLET_FIELDS = ("outlet_kind", "outlet_country", "outlet_reliability")
RECORD_FIELDS = (
    "id",
    "recorded_at",
    "recorded_by",
    "version",
    "updated_at",
    "updated_by",
    "retracted_on",
    "retraction_note",
    "history",
)
# The article a claim is in, by its id in the file (see ``records.Checker.article``).
ARTICLE_FIELDS = ("article",)
# Printed by `claims list --json` / `show --json`, derived from the fields above.
DERIVED_FIELDS = (
    "date_precision",
    "date_start",
    "date_end",
    "confidence_name",
    "value_kind",
    "retracted",
    "xref",
    "claims",
)
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "claims": CLAIM_FIELDS + OUTLET_FIELDS + RECORD_FIELDS + DERIVED_FIELDS + ARTICLE_FIELDS,
    "outlets": ("id", "name", "kind", "country", "reliability", "created_at", "created_by"),
    "sources": ("id", "kind", "name", "role", "reliability", "created_at", "created_by"),
    "articles": (
        "id",
        "outlet",
        *OUTLET_FIELDS,
        "date",
        "date_precision",
        "url",
        "headline",
        "byline",
        "retracted_on",
        "retraction_note",
        "created_at",
        "created_by",
        "claims",
    ),
    "aliases": ("subject", "other", "created_at", "created_by"),
    "predicates": ("name", "multi_valued", "updated_at", "updated_by"),
    "links": ("source", "speaks_for", "created_at", "created_by"),
    "parties": ("subject", "party", "created_at", "created_by"),
    "changes": ("id", "kind", "was", "changed_at", "changed_by"),
}


# What each kind of change keeps of the record as it was (``was``), each text or null:
# the listings of what was taken back (``claims alias list --removed``...) read them.
CHANGE_RECORDS: dict[str, tuple[str, ...]] = {
    "alias removed": ("subject", "other", "created_at", "created_by"),
    "outlet changed": ("name", "kind", "country", "reliability"),
    "source changed": ("kind", "name", "role", "reliability"),
    "link removed": ("source", "speaks_for", "created_at", "created_by"),
    "party removed": ("subject", "party", "created_at", "created_by"),
}


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of one record."""

    field: str
    message: str


class RecordInvalid(ClaimsError):
    """A record with one or more bad fields; carries them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
