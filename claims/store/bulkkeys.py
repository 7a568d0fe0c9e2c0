"""Which claims an import has read already, and which of those on record it may repeat.

A claim already on record is not written again. Two claims are the same claim when
outlet, date, text and URL match after normalisation (``identity.identity``); within
one import, records carrying their id are also told apart by it (see ``fresh``). The
identities of the claims this import has read so far are kept as 64-bit hashes in a
temporary table, not in memory, so memory stays flat however many claims a file holds;
of the claims on record before it, only those of the same outlet and day are read, for
each batch, so a small feed into a large record stays quick.

Apart from ``bulk``, which writes what this finds fresh: telling claims apart is a
question of its own, with a table of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import BigInteger, Column, Integer, MetaData, Table, select
from sqlalchemy.engine import Connection

from claims import store
from claims.store.bulkinsert import BATCH, Rows
from claims.store.identity import identity
from claims.store.items import ClaimItem
from claims.store.models import Claim

_KEYS = Table(
    "claims_import_keys",
    MetaData(),
    # INTEGER PRIMARY KEY is SQLite's rowid itself: the fastest lookup it has.
    Column(
        "k",
        Integer().with_variant(BigInteger(), "postgresql"),
        primary_key=True,
        autoincrement=False,
    ),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


class ClaimKeys:
    """The keys of the claims one import has read (created with its temporary table)."""

    def __init__(self, conn: Connection, on_record: dict[int, str]) -> None:
        self.conn = conn
        # Outlets with claims on record that a new claim could repeat: id -> name key.
        self.on_record = on_record
        _KEYS.drop(self.conn, checkfirst=True)
        _KEYS.create(self.conn)
        self._rows = Rows(self.conn, _KEYS)

    def fresh(
        self, items: Sequence[tuple[ClaimItem, str]], outlet_ids: list[int]
    ) -> list[tuple[ClaimItem, str, int, int]]:
        """The claims neither on record nor read before (nor twice here), in order, each
        with its outlet's id and its key: ``add`` the keys once they are written."""
        identities = [
            identity(item.outlet.key, item.draft.date, item.draft.text, item.draft.url)
            for item, _ in items
        ]
        hashes = [_hash(text) for text in identities]
        # Within one import, a record that carries its id (an export's) is told apart from
        # others by that id as well: a record may hold two claims alike in outlet, date,
        # text and URL (a retracted one and the one recorded in its place, say), and a
        # restore must bring both back. Without an id, the same claim twice is one claim.
        keys = [
            digest if item.id is None else _hash(f"{text}\x1f{item.id}")
            for (item, _), text, digest in zip(items, identities, hashes, strict=True)
        ]
        on_record = self._on_record(items, outlet_ids)
        seen = self._known(keys)
        fresh: list[tuple[ClaimItem, str, int, int]] = []
        for (item, where), outlet_id, digest, key in zip(
            items, outlet_ids, hashes, keys, strict=True
        ):
            if key not in seen and digest not in on_record:
                seen.add(key)
                fresh.append((item, where, outlet_id, key))
        return fresh

    def add(self, keys: Iterable[int]) -> None:
        """The keys of claims written: later batches know them."""
        # In order: a B-tree takes sorted keys faster than scattered ones.
        self._rows.write([(d,) for d in sorted(keys)])

    def drop(self) -> None:
        _KEYS.drop(self.conn, checkfirst=True)

    def _known(self, hashes: Sequence[int]) -> set[int]:
        unique = list(set(hashes))
        found: set[int] = set()
        # The driver's own statement, "k IN (?, ?, ...)": SQLAlchemy's expanding IN costs
        # as much in Python as SQLite's 5,000 lookups.
        mark = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"
        for start in range(0, len(unique), BATCH):
            batch = unique[start : start + BATCH]
            sql = f"SELECT k FROM {_KEYS.name} WHERE k IN ({', '.join([mark] * len(batch))})"
            found.update(k for (k,) in self.conn.exec_driver_sql(sql, tuple(batch)))
        return found

    def _on_record(self, items: Sequence[tuple[ClaimItem, str]], outlet_ids: list[int]) -> set[int]:
        """The identities of the claims on record before this import that these claims
        could repeat: those of the same outlet published on the same day (found by the
        claims_outlet_day index, so a small feed into a large record reads a few rows)."""
        days: dict[int, set[dt.date]] = defaultdict(set)
        for (item, _), outlet_id in zip(items, outlet_ids, strict=True):
            if outlet_id in self.on_record:
                days[outlet_id].add(item.draft.date.start)
        found: set[int] = set()
        for outlet_id, starts in days.items():
            ordered = sorted(starts)
            for at in range(0, len(ordered), BATCH):
                rows = self.conn.execute(
                    select(*store.CLAIM_IDENTITY).where(
                        Claim.outlet_id == outlet_id,
                        Claim.published_on.in_(ordered[at : at + BATCH]),
                    )
                )
                key = self.on_record[outlet_id]
                found.update(_hash(identity(key, store.claim_date(r), r.text, r.url)) for r in rows)
        return found


def _hash(identity_text: str) -> int:
    # 64 bits: among a million claims, the odds that two different ones collide (and one
    # is taken for the other) are about one in 36 million.
    digest = hashlib.blake2b(identity_text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
