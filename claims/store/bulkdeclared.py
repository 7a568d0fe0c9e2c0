"""What an import declares besides claims: aliases, predicates, links, parties, changes.

``bulk.BulkWriter`` inherits these, so that an import hands every record to one writer,
in one transaction. They are apart from ``bulk`` because they share nothing with claims,
outlets, sources and articles but the connection, who writes and when, and the ids of
changes: the attributes ``BulkDeclarations`` lists, which the writer sets.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from claims import store
from claims.errors import InvalidValue
from claims.facts import identity as body_identity
from claims.store.bodies import closes_circle
from claims.store.bulkinsert import BATCH
from claims.store.items import AliasSpec, ChangeSpec, LinkSpec, PartySpec, PredicateSpec
from claims.store.models import Change, Party, Predicate, SourceLink, SubjectAlias


class BulkDeclarations:
    """The declarations' half of ``bulk.BulkWriter``: a mixin, writing through the
    writer's connection, with its stamps and its ids."""

    # Set by BulkWriter.__init__; _id is its method handing out ids.
    session: Session
    conn: Connection
    by: str
    key: Any  # normalize_text, or a memoised copy
    now: dt.datetime
    notes: list[str]  # near-duplicates and settings that differ
    _id: Callable[[str, int | None], int]

    def __init__(self) -> None:
        self._aliases: set[tuple[str, str]] | None = None  # key pairs, read when first needed
        self._alias_rows: list[dict[str, Any]] = []
        # Read when first needed: speaker -> (principal, as KIND:NAME); parties as
        # (subject key, identity); changes as _change_key.
        self._links: dict[tuple[str, str], tuple[tuple[str, str], str]] | None = None
        self._parties: set[tuple[str, tuple[str, str]]] | None = None
        self._changes: set[tuple[str, str, dt.datetime, str]] | None = None

    # --- cross-referencing settings --------------------------------------------------------

    def add_alias(self, spec: AliasSpec) -> bool:
        """Declare the alias (written with the next batch): False if already declared.
        Aliases are checked by the store's rules and told apart by their keys here, not
        one query and flush each: an export can carry tens of thousands."""
        (subject, subject_key), (other, other_key) = store.alias_pair(spec.subject, spec.other)
        if self._aliases is None:
            pairs = select(SubjectAlias.subject_key, SubjectAlias.other_key)
            self._aliases = {(a, b) for a, b in self.conn.execute(pairs)}
        if (subject_key, other_key) in self._aliases:
            return False
        self._aliases.add((subject_key, other_key))
        self._alias_rows.append(
            {
                "subject": subject,
                "subject_key": subject_key,
                "other": other,
                "other_key": other_key,
                "created_at": spec.created_at or self.now,
                "created_by": spec.created_by or self.by,
            }
        )
        if len(self._alias_rows) >= BATCH:
            self._write_aliases()
        return True

    def _write_aliases(self) -> None:
        if self._alias_rows:
            self.conn.execute(insert(SubjectAlias), self._alias_rows)
            self._alias_rows = []

    def set_predicate(self, spec: PredicateSpec) -> bool:
        current = self.session.scalar(
            select(Predicate.multi_valued).where(Predicate.name_key == self.key(spec.name))
        )
        if current is spec.multi_valued:
            return False
        store.set_predicate(
            self.session, spec.name, multi_valued=spec.multi_valued, by=spec.updated_by or self.by
        )
        if spec.updated_at is not None:
            self.session.execute(
                update(Predicate)
                .where(Predicate.name_key == self.key(spec.name))
                .values(updated_at=spec.updated_at)
            )
        return True

    # --- who speaks for whom, parties, the log of changes ---------------------------------
    # Few next to claims (as cross-referencing reads them whole): read once when first
    # needed, written a row at a time.

    def add_link(self, spec: LinkSpec, where: str, write: bool = True) -> bool:
        """Declare the link: False if it is on record already. A speaker on record as
        speaking for another principal keeps it (noted), as an outlet keeps its settings;
        a link that would close a circle is refused (InvalidValue), as ``claims source
        link`` refuses it. ``write=False``: only checked (and remembered, for the links
        after it), for an import that has failed already."""
        if self._links is None:
            self._links = {}
            for row in self.conn.execute(select(SourceLink.__table__)):
                self._links[body_identity(row.kind, row.name_key)] = (
                    body_identity(row.principal_kind, row.principal_key),
                    f"{row.principal_kind}:{row.principal_name}",
                )
        speaker = body_identity(spec.source.kind, spec.key)
        principal = body_identity(spec.speaks_for.kind, spec.principal_key)
        found = self._links.get(speaker)
        if found is not None:
            if found[0] != principal:
                self.notes.append(
                    f"{where}: {spec.source} speaks for {found[1]} on record; the file's "
                    f"{spec.speaks_for} was not applied (claims source unlink, then link)"
                )
            return False
        principal_of = {who: whom for who, (whom, _) in self._links.items()}
        if closes_circle(principal_of, speaker, principal):
            raise InvalidValue(
                "speaks_for",
                str(spec.speaks_for),
                f"already speaks for {spec.source}, through links",
            )
        self._links[speaker] = (principal, str(spec.speaks_for))
        if not write:
            return True
        self.conn.execute(
            insert(SourceLink),
            {
                "kind": spec.source.kind,
                "name": spec.source.name,
                "name_key": spec.key,
                "principal_kind": spec.speaks_for.kind,
                "principal_name": spec.speaks_for.name,
                "principal_key": spec.principal_key,
                "created_at": spec.created_at or self.now,
                "created_by": spec.created_by or self.by,
            },
        )
        return True

    def add_party(self, spec: PartySpec) -> bool:
        """Declare the party: False if it is one to that subject already."""
        if self._parties is None:
            rows = self.conn.execute(select(Party.subject_key, Party.kind, Party.name_key))
            self._parties = {(subject, body_identity(kind, key)) for subject, kind, key in rows}
        declared = (spec.subject_key, body_identity(spec.party.kind, spec.key))
        if declared in self._parties:
            return False
        self._parties.add(declared)
        self.conn.execute(
            insert(Party),
            {
                "subject": spec.subject,
                "subject_key": spec.subject_key,
                "kind": spec.party.kind,
                "name": spec.party.name,
                "name_key": spec.key,
                "created_at": spec.created_at or self.now,
                "created_by": spec.created_by or self.by,
            },
        )
        return True

    def add_change(self, spec: ChangeSpec) -> bool:
        """Keep the change in the log: False if it is there already (the same change to
        the same record, by the same person at the same second)."""
        if self._changes is None:
            rows = self.conn.execute(
                select(Change.kind, Change.record, Change.changed_at, Change.changed_by)
            )
            self._changes = {_change_key(*row) for row in rows}
        key = _change_key(spec.kind, spec.record, spec.changed_at, spec.changed_by)
        if key in self._changes:
            return False
        self._changes.add(key)
        self.conn.execute(
            insert(Change),
            {
                "id": self._id("changes", spec.id),
                "kind": spec.kind,
                "record": spec.record,
                "changed_at": spec.changed_at,
                "changed_by": spec.changed_by,
            },
        )
        return True


def _change_key(
    kind: str, record: str, changed_at: dt.datetime, changed_by: str
) -> tuple[str, str, dt.datetime, str]:
    """A change as told apart from others: its record read, whatever its spacing."""
    return kind, json.dumps(json.loads(record), sort_keys=True), changed_at, changed_by
