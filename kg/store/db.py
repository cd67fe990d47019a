"""The store's lifecycle and writes: one SQLite connection on `<data_dir>/kg.sqlite`.

Facts are kept per article (which entities and relations each article states, with its
evidence), so merged entities and relations are derived, replacing an article's facts is exact,
and one transaction per article means a crash leaves the store as before that article. Reads
live in `kg.store.reads`; a Store hands them out as its own methods.

    >>> with Store.open("kg-data") as store:
    ...     outcome = store.put(article, result)
    ...     print(outcome.status, store.stats().articles)
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from kg.errors import StoreError
from kg.schema import Article, Entity, ExtractionResult, Relation
from kg.store.lookups import Lookups
from kg.store.reads import Reads
from kg.store.rows import (
    ArticleChange,
    ArticleRecord,
    PreparedPut,
    PutOutcome,
    StoreStats,
    merge_order,
    prepare,
)
from kg.store.schema import Transaction, migrate, schema_version

DB_NAME = "kg.sqlite"
WAL_CHECKPOINT_PAGES = 10_000
BUSY_TIMEOUT_MS = 120_000  # a second `kg ingest` on the same data dir waits, it does not fail


class Store:
    """One SQLite connection on `<data_dir>/kg.sqlite`; use `Store.open(data_dir)`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self.reads = Reads(conn)
        self.lookups = Lookups(conn)

    # --- lifecycle ------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: str | Path, *, create: bool = True) -> Store:
        """Open (by default create) the store; `create=False` is for commands that only read."""
        data = Path(data_dir)
        if not create and not (data / DB_NAME).is_file():
            raise StoreError(f"{data}: no kg store here (run `kg ingest` first)")
        path = data / DB_NAME
        try:
            # private, like the graph database's password file: the directory 0700, the store
            # 0600 (SQLite gives its -wal and -shm files the store's own mode)
            data.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        except OSError as exc:
            raise StoreError(f"{data}: cannot create data directory ({exc.strerror})") from exc
        try:
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # Checkpoint every ~40 MB of WAL, not the default ~4 MB: one transaction per article
            # rewrites the same index pages, and each checkpoint copies and fsyncs them (measured
            # 1.3 -> 0.7 ms per put).
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            store = cls(path, conn)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        return store

    @classmethod
    def open_readonly(cls, data_dir: str | Path) -> Store:
        """A read-only connection on an existing store (ingest workers look articles up)."""
        path = Path(data_dir) / DB_NAME
        if not path.is_file():
            raise StoreError(f"{Path(data_dir)}: no kg store here (run `kg ingest` first)")
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        return cls(path, conn)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _migrate(self) -> None:
        migrate(self._conn)

    def schema_version(self) -> int:
        """The number of migrations applied; 0 for a new (or never migrated) file."""
        return schema_version(self._conn)

    def _write(self) -> Transaction:
        return Transaction(self._conn)

    # --- writing --------------------------------------------------------------------------

    def put(self, article: Article, result: ExtractionResult) -> PutOutcome:
        """Store one article and its facts in one transaction; see the module doc for statuses."""
        return self.put_rows(prepare(article, result))

    def put_rows(self, rows: PreparedPut) -> PutOutcome:
        """`put` of rows made by `prepare` (ingest workers prepare, the writer only writes)."""
        try:
            with self._write():
                return self._put(rows)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {rows.article_id} ({exc})") from exc

    def _put(self, p: PreparedPut) -> PutOutcome:
        aid = p.article_id
        row = self._conn.execute("SELECT hash FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is not None and row[0] == p.content_hash:
            return PutOutcome(status="unchanged", article_id=aid, revision=self.revision)
        if row is None:
            dup = self._owner_of(p.content_hash)
            if dup is not None:
                return PutOutcome(status="duplicate", article_id=aid, duplicate_of=dup,
                                  revision=self.revision)
        else:  # a plain DELETE (not INSERT OR REPLACE) so the count triggers see the old row
            self._conn.execute("DELETE FROM articles WHERE id = ?", (aid,))
            self._delete_facts(aid)
        rev = self._bump(aid, "upsert")
        self._conn.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (*p.article[:9], rev, p.article[9]))
        self._insert_facts(p, merge_order(p.article[7], aid))
        status: Literal["new", "replaced"] = "new" if row is None else "replaced"
        return PutOutcome(status=status, article_id=aid, revision=rev)

    def _insert_facts(self, p: PreparedPut, seq: int) -> None:
        aid = p.article_id
        self._conn.executemany("INSERT INTO article_entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(e[0], aid, seq, *e[1:]) for e in p.entities])
        self._conn.executemany("INSERT INTO article_relations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(*r[:3], aid, seq, *r[3:]) for r in p.relations])

    def delete(self, article_id: str) -> bool:
        """Remove an article and its facts; False if it was not stored."""
        with self._write():
            found = self._conn.execute(
                "DELETE FROM articles WHERE id = ?", (article_id,)
            ).rowcount
            if not found:
                return False
            self._delete_facts(article_id)
            self._bump(article_id, "delete")
        return True

    def _owner_of(self, content_hash: str) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM articles WHERE hash = ? LIMIT 1", (content_hash,)
        ).fetchone()
        return None if row is None else str(row[0])

    def _bump(self, article_id: str, action: str) -> int:
        revision = int(self._conn.execute(
            "UPDATE meta SET value = value + 1 WHERE key = 'revision' RETURNING value"
        ).fetchone()[0])
        self._conn.execute("DELETE FROM changes WHERE article_id = ?", (article_id,))
        self._conn.execute("INSERT INTO changes VALUES (?, ?, ?)", (revision, article_id, action))
        return revision

    def _delete_facts(self, article_id: str) -> None:
        self._conn.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
        self._conn.execute("DELETE FROM article_relations WHERE article_id = ?", (article_id,))

    # --- reading --------------------------------------------------------------------------

    @property
    def revision(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0])

    def known(self, article_id: str, content_hash: str) -> tuple[str, str | None] | None:
        """("unchanged", None) or ("duplicate", other_id) when `put` would store nothing."""
        row = self._conn.execute("SELECT hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            return ("unchanged", None) if row[0] == content_hash else None
        owner = self._owner_of(content_hash)
        if owner == article_id:  # another process stored it between the two reads
            return ("unchanged", None)
        return None if owner is None else ("duplicate", owner)

    def file_known(self, path: str, size: int, mtime_ns: int) -> list[str] | None:
        """Article ids of a file stored before with this size and mtime, if every one of them
        is still stored with the same content; else None (the file must be read)."""
        row = self._conn.execute(
            "SELECT size, mtime_ns, articles FROM files WHERE path = ?", (path,)).fetchone()
        if row is None or (row[0], row[1]) != (size, mtime_ns):
            return None
        pairs = json.loads(row[2])
        for article_id, content_hash in pairs:
            if self._conn.execute("SELECT 1 FROM articles WHERE id = ? AND hash = ?",
                                  (article_id, content_hash)).fetchone() is None:
                return None
        return [article_id for article_id, _ in pairs]

    def remember_file(self, path: str, size: int, mtime_ns: int,
                      articles: list[tuple[str, str]]) -> None:
        """Record that `path` (this size and mtime) holds these (article id, hash) pairs."""
        self._conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                           (path, size, mtime_ns, json.dumps(articles, ensure_ascii=False)))

    def stats(self) -> StoreStats:
        """Counts kept by the store's triggers: a few rows read, whatever the store's size."""
        counts = dict(self._conn.execute("SELECT key, value FROM counts WHERE value != 0"))

        def group(prefix: str) -> dict[str, int]:
            return {k[len(prefix):]: v for k, v in sorted(counts.items()) if k.startswith(prefix)}

        return StoreStats(
            articles=counts.get("articles", 0), entities=group("entity:"),
            relations=group("relation:"), languages=group("lang:"),
            evidence=counts.get("evidence", 0), revision=self.revision,
        )

    def scan_stats(self) -> StoreStats:
        """The same counts computed from the fact tables (slow: checks the kept counts)."""
        q = self._conn.execute
        return StoreStats(
            articles=q("SELECT COUNT(*) FROM articles").fetchone()[0],
            entities=dict(q(
                "SELECT kind, COUNT(DISTINCT entity_id) FROM article_entities GROUP BY kind "
                "ORDER BY kind").fetchall()),
            relations=dict(q(
                "SELECT relation, COUNT(*) FROM (SELECT DISTINCT source, relation, target "
                "FROM article_relations) GROUP BY relation ORDER BY relation").fetchall()),
            languages=dict(q(
                "SELECT j.value, COUNT(*) FROM articles, json_each(articles.langs) j "
                "GROUP BY j.value ORDER BY j.value").fetchall()),
            evidence=q("SELECT COALESCE(SUM(evidence_count), 0) FROM article_relations")
            .fetchone()[0],
            revision=self.revision,
        )


    # --- reads (kg.store.reads) -----------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        return self.reads.article(article_id)

    def articles(self) -> Iterator[ArticleRecord]:
        return self.reads.articles()

    def changes_since(self, revision: int) -> list[ArticleChange]:
        return self.reads.changes_since(revision)

    def entities(self) -> Iterator[Entity]:
        return self.reads.entities()

    def relations(self) -> Iterator[Relation]:
        return self.reads.relations()

    def facts_of(self, article_ids: Iterable[str]) -> tuple[list[Entity], list[Relation]]:
        return self.reads.facts_of(article_ids)

    def mentions(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        return self.reads.mentions(article_ids)

    def entity_articles(self) -> dict[str, list[str]]:
        return self.reads.entity_articles()

    def article_count(self) -> int:
        return self.reads.article_count()

    def relation_properties(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        return self.reads.relation_properties()

    def article_evidence(self, ids: Iterable[str]) -> list[tuple[str, str, str, str]]:
        return self.reads.article_evidence(ids)

    def neighbour_ids(self, ids: Iterable[str]) -> set[str]:
        return self.reads.neighbour_ids(ids)

    def entities_of(self, ids: Iterable[str]) -> list[Entity]:
        return self.reads.entities_of(ids)

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        return self.reads.kinds_of(ids)

    def relations_touching(
        self, ids: Iterable[str], keep: Callable[[str, str], bool] | None = None
    ) -> list[Relation]:
        return self.reads.relations_touching(ids, keep)

    def node_exists(self, node_id: str) -> bool:
        return self.reads.node_exists(node_id)

    def ids_named(self, name: str) -> set[str]:
        return self.reads.ids_named(name)
