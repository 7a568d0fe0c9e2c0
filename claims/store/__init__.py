"""The storage layer: the only code that builds queries or writes rows.

Everything above it (cross-referencing, import and export, the report, the command line)
hands it plain objects and gets plain objects back.

==================  =====================================================================
``models``          the tables (SQLAlchemy declarative models)
``db``              opening a database (SQLite or PostgreSQL), sessions, upgrades
``migrate``         Alembic driven from code; the scripts ship in ``migrations/``
``registry``        outlets and sources, one at a time
``records``         claims, one at a time, with their history and article
``declarations``    subject aliases and predicate settings
``changes``         the log of changes, and the time records are stamped with
``articles``        articles: recorded, listed, retracted with their claims
``filing``          which article a claim is filed under (created if need be)
``identity``        what makes two records the same one (the keys import matches on)
``scope``           which claims a command covers: one filter for list, xref, report, export
``evidence``        reading facts for cross-referencing, one proposition at a time
``bodies``          who speaks: one name on record under several kinds of source
``exports``         reading claims as rows for the export writers
``bulk``            writing many records at once (import, the demo, benchmark data)
``bulkdeclared``    aliases, predicates, links, parties, changes, declared in bulk
``bulkinsert``      rows inserted many at a time (executemany, COPY), values converted
``bulkkeys``        which claims an import has read, or has on record already
``closenames``      names close to a new one, in memory (no database)
``rows``            what a claim's, an article's and a source's rows hold (no database)
``direct``          ``claims add`` on a SQLite file through ``sqlite3``, no SQLAlchemy
``sqlitefile``      which file --db names; setting up a connection to it (no SQLAlchemy)
==================  =====================================================================

What the store guarantees:

- **One outlet per name.** Two outlet names that differ only by case, spacing,
  punctuation or Unicode form (``parsing.name_key``) are the same outlet; creating the
  second is refused, and a name that is merely close to a known one is reported with
  suggestions rather than silently becoming a new outlet. Sources are identified the
  same way, per kind (``person:Ryu Hyun Woo`` and ``official:Ryu Hyun Woo`` are two).
- **Nothing is lost silently.** Nothing is ever deleted. Editing a claim keeps the
  version it replaces in ``claim_versions`` (a JSON snapshot, who, when, why); retracting
  a claim marks it retracted with a date and a note and keeps it on record. A source's
  role and grade are set once (``record_source``); changing one takes ``replace``, and
  only then is the earlier one not kept.
- **Every value fits and reads back.** A name, a role or who recorded something is
  refused when it is longer than its column (so a SQLite record moves to PostgreSQL),
  and any text holding a control character is refused: ``claims.checks``, which
  ``make_draft`` and import check through as well, so every way in refuses alike.
- **Every claim in one article.** An article is its outlet, date, URL and headline,
  normalised (``identity.article_key``); a claim is filed under the article its own
  four match, created with it if there is none, and moved when an edit changes them.
  So the article a claim is in can always be found again from the claim itself, in
  another database too. Retracting an article retracts its active claims with it.
- **One transaction per command.** These functions only add to the session they are
  given; the caller (``Database.session``) commits once at the end, or rolls back
  everything on any error, so a failed command writes nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The names below are read from their modules when first used, not when the package is
# imported: ``direct`` records a claim without loading SQLAlchemy, which every module
# listed here but ``rows`` and ``vocabulary`` loads.
if TYPE_CHECKING:
    from claims.store.changes import (
        list_changes,
        now,
    )
    from claims.store.declarations import (
        add_alias,
        alias_chain,
        alias_pair,
        list_aliases,
        list_predicates,
        remove_alias,
        set_predicate,
    )
    from claims.store.records import (
        CLAIM_IDENTITY,
        EDITABLE_FIELDS,
        add_claim,
        article_date,
        article_fields,
        check_retraction_date,
        claim_as_dict,
        claim_changes,
        claim_fields,
        claim_history,
        count_claims,
        count_outlets,
        edit_claim,
        first_claim_id,
        get_article,
        get_claim,
        history_dicts,
        list_claims,
        record_claim,
        repeats,
        retract_claim,
        retraction_day,
    )
    from claims.store.registry import (
        OutletRow,
        SourceRecorded,
        SourceRow,
        add_outlet,
        find_outlet,
        known_names,
        list_outlets,
        list_sources,
        outlet_settings,
        record_source,
        resolve_source,
        set_outlet,
        shown,
        similar_outlets,
    )
    from claims.store.rows import (
        CLAIM_COLUMNS,
        Recorded,
        claim_as_of,
        claim_date,
        claim_dict,
        claim_values,
        period_of,
    )
    from claims.vocabulary import (
        ALIAS_REMOVED,
        CHANGE_KINDS,
        LINK_REMOVED,
        OUTLET_CHANGED,
        PARTY_REMOVED,
        SOURCE_CHANGED,
    )

_HOMES = (
    "claims.store.rows",
    "claims.store.records",
    "claims.store.registry",
    "claims.store.declarations",
    "claims.store.changes",
    "claims.vocabulary",
)


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _HOMES:
            module = importlib.import_module(home)
            if name in vars(module):
                value = vars(module)[name]
                globals()[name] = value  # found once
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALIAS_REMOVED",
    "CHANGE_KINDS",
    "LINK_REMOVED",
    "OUTLET_CHANGED",
    "PARTY_REMOVED",
    "SOURCE_CHANGED",
    "CLAIM_COLUMNS",
    "CLAIM_IDENTITY",
    "EDITABLE_FIELDS",
    "OutletRow",
    "Recorded",
    "SourceRecorded",
    "SourceRow",
    "add_alias",
    "add_claim",
    "record_claim",
    "add_outlet",
    "alias_chain",
    "alias_pair",
    "article_date",
    "article_fields",
    "check_retraction_date",
    "claim_as_dict",
    "claim_as_of",
    "claim_changes",
    "claim_date",
    "claim_dict",
    "claim_fields",
    "claim_history",
    "claim_values",
    "count_claims",
    "count_outlets",
    "edit_claim",
    "find_outlet",
    "first_claim_id",
    "get_article",
    "get_claim",
    "history_dicts",
    "known_names",
    "list_aliases",
    "list_claims",
    "list_outlets",
    "list_predicates",
    "list_changes",
    "list_sources",
    "now",
    "outlet_settings",
    "period_of",
    "record_source",
    "remove_alias",
    "repeats",
    "resolve_source",
    "retract_claim",
    "retraction_day",
    "set_outlet",
    "set_predicate",
    "shown",
    "similar_outlets",
]
