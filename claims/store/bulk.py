"""Writing checked records in bulk: thousands of rows at once (executemany; COPY on PostgreSQL).

The rows are the ones ``claims add`` would write, column for column
(``store.claim_values``); only the way in differs. Outlets and sources are resolved
through in-memory maps (name key -> id) loaded once, and created on first mention, as
``claims add`` creates sources. Claim ids are handed out here, in file order: on a
database with nothing on record yet, the ids a record carries (an export's) are kept,
so that a restored database exports to the very same file.

A claim already on record is not written again: ``bulkkeys`` tells which are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from claims import store
from claims.store.bulkdeclared import BulkDeclarations
from claims.store.bulkinsert import MEMO, Rows
from claims.store.bulkkeys import ClaimKeys
from claims.store.closenames import Blocks
from claims.store.identity import article_key
from claims.store.items import ArticleSpec, ClaimItem, OutletSpec, SourceSpec
from claims.store.models import Article, Change, Claim, ClaimSource, ClaimVersion, Outlet, Source

# A claims row as add_claims builds it: what the record says, then what import adds.
_CLAIM_ROW = (
    "id",
    "outlet_id",
    "article_id",
    *store.CLAIM_COLUMNS,
    "recorded_at",
    "recorded_by",
    "version",
    "updated_at",
    "updated_by",
    "retracted_on",
    "retraction_note",
)
_CACHE_KIB = -32_768  # SQLite page cache during an import: 32 MiB (negative: in KiB)


@dataclass
class _Outlet:
    id: int
    name: str
    kind: str
    country: str | None
    reliability: str
    on_record: bool  # there before this import (so it may have claims already)
    settled: bool  # its settings were given (or it was on record): later ones are noted


class BulkWriter(BulkDeclarations):
    """Writes claims, outlets and sources into one open session (one transaction); the
    declarations (aliases, predicates, links, parties, changes) come from the mixin."""

    def __init__(self, session: Session, *, by: str, key: Any) -> None:
        self.session = session
        self.conn = session.connection()
        self.dialect = self.conn.dialect.name
        self.by = by
        self.key = key  # normalize_text, or a memoised copy
        self.now = store.now()
        if self.dialect == "postgresql":
            # Ids are handed out here, so no one else may insert meanwhile (SQLite's
            # writers already hold the write lock); readers go on.
            self.conn.execute(
                text(
                    "LOCK TABLE outlets, sources, articles, claims, changes"
                    " IN SHARE ROW EXCLUSIVE MODE"
                )
            )
        self.next_id = {
            name: (self.conn.scalar(select(func.max(model.id))) or 0) + 1
            for name, model in (
                ("outlets", Outlet),
                ("sources", Source),
                ("articles", Article),
                ("claims", Claim),
                ("changes", Change),
            )
        }
        self.restoring = all(n == 1 for n in self.next_id.values())
        self.had_claims = self.next_id["claims"] > 1
        self.outlets: dict[str, _Outlet] = {}
        columns = (Outlet.id, Outlet.name, Outlet.name_key, Outlet.kind, Outlet.country)
        for row in self.conn.execute(select(*columns, Outlet.reliability)):
            self.outlets[row.name_key] = _Outlet(
                row.id, row.name, row.kind, row.country, row.reliability, True, True
            )
        # Near-duplicates: a new outlet is compared with every outlet known so far, a new
        # source with those on record before the import (a feed's own thousands of new
        # sources are listed, not compared with one another).
        self.similar = Blocks()
        for key, outlet in self.outlets.items():
            self.similar.add("outlet", key, outlet.name)
        self.sources: dict[tuple[str, str], int] = {}
        for source in self.conn.execute(
            select(Source.id, Source.kind, Source.name_key, Source.name)
        ):
            self.sources[(source.kind, source.name_key)] = source.id
            self.similar.add(source.kind, source.name_key, source.name)
        self.new_outlets: list[str] = []
        self.new_sources: list[str] = []
        self.notes: list[str] = []  # near-duplicates and settings that differ
        self._noted: set[str] = set()
        self.claim_keys = ClaimKeys(
            self.conn,
            {o.id: key for key, o in self.outlets.items()} if self.had_claims else {},
        )
        self._indexes: list[str] = []
        if self.dialect == "sqlite" and not self.had_claims:
            # Into an empty table, rows go in faster without the indexes, which are then
            # built once, sorted, at the end (SQLite's own advice for bulk loads). The
            # DDL is the database's own, so they come back exactly as they were; and
            # should the import fail, the rollback brings them back too.
            found = self.conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                " AND tbl_name IN ('claims', 'claim_sources')"
            )
            for name, ddl in found.all():
                self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
                self._indexes.append(ddl)
        self._cache_size: int | None = None
        self._temp_cache_size = 0
        if self.dialect == "sqlite":
            # A million rows (and, in a table that has some already, their indexes) thrash
            # SQLite's default page cache; a larger one shortens the inserts (docs/performance.md).
            # Set back when the import is done.
            self._cache_size = self.conn.exec_driver_sql("PRAGMA cache_size").scalar()
            self.conn.exec_driver_sql(f"PRAGMA cache_size = {_CACHE_KIB}")
            # The same for the temporary table of identities: on a large import it
            # outgrows the default, and each lookup and insert lands on a page of its own.
            self._temp_cache_size = int(
                self.conn.exec_driver_sql("PRAGMA temp.cache_size").scalar_one()
            )
            self.conn.exec_driver_sql(f"PRAGMA temp.cache_size = {_CACHE_KIB}")
        self._rows = {
            table.name: Rows(self.conn, table)
            for table in (Claim.__table__, ClaimSource.__table__)
            if isinstance(table, Table)
        }
        self._claim_row = self._rows[Claim.__tablename__].arranged(_CLAIM_ROW)
        # Articles by outlet and match key (a claim is filed under the one its outlet,
        # date, URL and headline match), and the ids of those a file numbers itself.
        self.articles: dict[tuple[int, str], int] = {
            (row.outlet_id, row.match_key): row.id
            for row in self.conn.execute(select(Article.id, Article.outlet_id, Article.match_key))
        }
        self._filed: dict[tuple[Any, ...], int] = {}  # (outlet id, date, URL, headline) -> id
        self._article_rows: list[dict[str, Any]] = []
        super().__init__()  # the declarations' state (BulkDeclarations)

    # --- ids ---------------------------------------------------------------------------

    def _id(self, table: str, wanted: int | None) -> int:
        """The next id, or the one a record carries when restoring into an empty
        database (as long as ids keep rising, so the two never collide)."""
        if self.restoring and wanted is not None and wanted >= self.next_id[table]:
            self.next_id[table] = wanted + 1
            return wanted
        ident = self.next_id[table]
        self.next_id[table] += 1
        return ident

    # --- outlets and sources -------------------------------------------------------------

    def outlet(self, spec: OutletSpec, where: str) -> int:
        """The outlet's id, the outlet created if new; settings that differ are noted."""
        found = self.outlets.get(spec.key)
        if found is None:
            return self._create_outlet(spec, where).id
        if found.settled and spec.kind in (None, found.kind):
            if spec.country in (None, found.country) and spec.reliability in (
                None,
                found.reliability,
            ):
                return found.id  # the usual case, quickly
        given = (spec.kind, spec.country, spec.reliability) != (None, None, None)
        if given and not found.settled:
            # Created by this import from a record that gave no settings: the first
            # record that gives them sets them.
            self._settle(found, spec)
            return found.id
        differs = [
            f"{part} {mine!r}"
            for part, mine, theirs in (
                ("kind", spec.kind, found.kind),
                ("country", spec.country, found.country),
                ("reliability", spec.reliability, found.reliability),
            )
            if mine is not None and mine != theirs
        ]
        if differs and spec.key not in self._noted:
            self._noted.add(spec.key)
            self.notes.append(
                f"{where}: outlet {found.name!r} is on record as {found.kind}, "
                f"{found.country or 'no country'}, reliability {found.reliability}; "
                f"the file's {', '.join(differs)} was not applied"
            )
        return found.id

    def _settle(self, outlet: _Outlet, spec: OutletSpec) -> None:
        outlet.kind, outlet.country, outlet.reliability = store.outlet_settings(
            spec.kind, spec.country, spec.reliability
        )
        outlet.settled = True
        self.conn.execute(
            update(Outlet)
            .where(Outlet.id == outlet.id)
            .values(kind=outlet.kind, country=outlet.country, reliability=outlet.reliability)
        )

    def add_outlet(self, spec: OutletSpec, where: str) -> bool:
        """An entry of a document's outlet list: True if it was new."""
        new = spec.key not in self.outlets
        self.outlet(spec, where)
        return new

    def _create_outlet(self, spec: OutletSpec, where: str) -> _Outlet:
        kind, country, reliability = store.outlet_settings(
            spec.kind, spec.country, spec.reliability
        )
        similar = self.similar.close("outlet", spec.key)
        if similar:
            names = " or ".join(repr(s) for s in similar)
            self.notes.append(f"{where}: new outlet {spec.name!r} looks like {names}")
        given = (spec.kind, spec.country, spec.reliability) != (None, None, None)
        ident = self._id("outlets", spec.id)
        outlet = _Outlet(ident, spec.name, kind, country, reliability, False, given)
        self.conn.execute(
            insert(Outlet),
            {
                "id": outlet.id,
                "name": spec.name,
                "name_key": spec.key,
                "kind": kind,
                "country": country,
                "reliability": reliability,
                "created_at": spec.created_at or self.now,
                "created_by": spec.created_by or self.by,
            },
        )
        self.outlets[spec.key] = outlet
        self.similar.add("outlet", spec.key, spec.name)
        self.new_outlets.append(spec.name)
        return outlet

    def add_source(self, spec: SourceSpec, where: str) -> bool:
        """An entry of a document's source list: True if it was new."""
        new = (spec.ref.kind, spec.key) not in self.sources
        if spec.ref.kind == "outlet" and spec.key not in self.outlets:
            self.outlet(OutletSpec(spec.ref.name, spec.key), where)
        if new:
            self._create_sources([(spec, where)])
        return new

    def _create_sources(self, specs: Sequence[tuple[SourceSpec, str]]) -> None:
        rows = []
        for spec, where in specs:
            if (spec.ref.kind, spec.key) in self.sources:
                continue  # named twice in one batch
            outlet_id = None
            name = spec.ref.name
            if spec.ref.kind == "outlet":
                cited = self.outlets[spec.key]
                outlet_id, name = cited.id, cited.name
            else:
                similar = self.similar.close(spec.ref.kind, spec.key)
                if similar:
                    names = " or ".join(repr(f"{spec.ref.kind}:{s}") for s in similar)
                    self.notes.append(f"{where}: new source {str(spec.ref)!r} looks like {names}")
            ident = self._id("sources", spec.id)
            self.sources[(spec.ref.kind, spec.key)] = ident
            self.new_sources.append(f"{spec.ref.kind}:{name}")
            rows.append(
                {
                    "id": ident,
                    "kind": spec.ref.kind,
                    "name": name,
                    "name_key": spec.key,
                    "role": spec.role,
                    "reliability": spec.reliability,
                    "outlet_id": outlet_id,
                    "created_at": spec.created_at or self.now,
                    "created_by": spec.created_by or self.by,
                }
            )
        if rows:
            self.conn.execute(insert(Source), rows)

    # --- articles ------------------------------------------------------------------------

    def add_article(self, spec: ArticleSpec, where: str) -> bool:
        """An entry of a document's article list (or an article file's): True if new.
        One on record already with the same outlet, date, URL and headline is that one."""
        outlet_id = self.outlet(spec.outlet, where)
        key = (outlet_id, article_key(spec.date, spec.url, spec.headline))
        if key in self.articles:
            return False
        self._create_article(key, spec, spec.id, spec.created_at, spec.created_by)
        return True

    def _create_article(
        self,
        key: tuple[int, str],
        spec: ArticleSpec,
        wanted: int | None,
        created_at: dt.datetime | None,
        created_by: str | None,
    ) -> int:
        ident = self._id("articles", wanted)
        date = spec.date
        # Written with the next batch of claims (before them: they point at it).
        self._article_rows.append(
            {
                "id": ident,
                "outlet_id": key[0],
                "published_on": date.start,
                "published_until": date.end,
                "date_precision": date.precision,
                "date_part": date.part,
                "url": spec.url,
                "headline": spec.headline,
                "byline": spec.byline,
                "match_key": key[1],
                "created_at": created_at or self.now,
                "created_by": created_by or self.by,
                "retracted_on": spec.retracted_on,
                "retraction_note": spec.retraction_note,
            }
        )
        self.articles[key] = ident
        return ident

    def _write_articles(self) -> None:
        if self._article_rows:
            self.conn.execute(insert(Article), self._article_rows)
            self._article_rows = []

    def _article_of(self, item: ClaimItem, outlet_id: int) -> int:
        """The id of the article a claim is filed under, created with it if new."""
        draft = item.draft
        memo = (outlet_id, draft.date, draft.url, draft.headline)
        found = self._filed.get(memo)
        if found is not None:
            return found
        key = (outlet_id, article_key(draft.date, draft.url, draft.headline))
        found = self.articles.get(key)
        if found is None:
            spec = ArticleSpec(item.outlet, draft.date, draft.url, draft.headline)
            found = self._create_article(
                key, spec, item.article, item.recorded_at, item.recorded_by
            )
        if len(self._filed) >= MEMO:
            self._filed.clear()
        self._filed[memo] = found
        return found

    # --- claims --------------------------------------------------------------------------

    def add_claims(self, items: Sequence[tuple[ClaimItem, str]]) -> int:
        """Write the claims not already on record; how many were written."""
        # A feed names a few hundred outlets, each by the same (remembered) spec object:
        # each is resolved once per batch.
        outlet_ids = []
        resolved: dict[int, int] = {}
        for item, where in items:
            found = resolved.get(id(item.outlet))
            if found is None:
                found = resolved[id(item.outlet)] = self.outlet(item.outlet, where)
            outlet_ids.append(found)
        for item, where in items:
            for spec in item.sources:
                if spec.ref.kind == "outlet" and spec.key not in self.outlets:
                    self.outlet(OutletSpec(spec.ref.name, spec.key), where)
        fresh = self.claim_keys.fresh(items, outlet_ids)
        missing = [
            (spec, where)
            for item, where, _, _ in fresh
            for spec in item.sources
            if (spec.ref.kind, spec.key) not in self.sources
        ]
        self._create_sources(missing)
        claims: list[tuple[Any, ...]] = []
        links: list[tuple[int, int, int]] = []  # claim_sources' columns, in order
        versions: list[dict[str, Any]] = []
        source_ids: dict[int, int] = {}  # id(spec) -> source id: specs are shared
        arranged, values, key = self._claim_row, store.claim_values, self.key
        for item, _, outlet_id, _ in fresh:
            ident = self._id("claims", item.id)
            claims.append(
                arranged(
                    (
                        ident,
                        outlet_id,
                        self._article_of(item, outlet_id),
                        *values(item.draft, key),
                        item.recorded_at or self.now,
                        item.recorded_by or self.by,
                        item.version,
                        item.updated_at,
                        item.updated_by,
                        item.retracted_on,
                        item.retraction_note,
                    )
                )
            )
            cited = []
            for spec in item.sources:
                source_id = source_ids.get(id(spec))
                if source_id is None:
                    source_id = source_ids[id(spec)] = self.sources[(spec.ref.kind, spec.key)]
                cited.append(source_id)
            # Two spellings of one source are one attribution (as in store.records._apply).
            if len(cited) > 1:
                cited = list(dict.fromkeys(cited))
            links.extend((ident, source_id, position) for position, source_id in enumerate(cited))
            if item.history:
                versions.extend(
                    {
                        "claim_id": ident,
                        "version": v.version,
                        "snapshot": v.snapshot,
                        "change": v.change,
                        "changed_at": v.changed_at,
                        "changed_by": v.changed_by,
                        "note": v.note,
                    }
                    for v in item.history
                )
        self._write_articles()
        self._rows[Claim.__tablename__].write(claims)
        self._rows[ClaimSource.__tablename__].write(links)
        self.claim_keys.add(d for *_, d in fresh)
        if versions:
            self.conn.execute(insert(ClaimVersion), versions)
        return len(fresh)

    # --- when the import is done --------------------------------------------------------

    def close(self) -> None:
        """Give the connection back as it was (whether the import is committed or not)."""
        if self._cache_size is not None:
            self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(self._cache_size)}")
            self.conn.exec_driver_sql(f"PRAGMA temp.cache_size = {int(self._temp_cache_size)}")
            self._cache_size = None

    def finish(self) -> None:
        """Before commit: PostgreSQL's id sequences moved past the ids handed out here."""
        self._write_aliases()
        self._write_articles()
        self.claim_keys.drop()
        for ddl in self._indexes:
            self.conn.exec_driver_sql(ddl)
        self._indexes = []
        if self.dialect != "postgresql":
            return
        for table in ("outlets", "sources", "articles", "claims", "changes"):
            self.conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table}), 1), "
                    f"(SELECT max(id) FROM {table}) IS NOT NULL)"
                )
            )
