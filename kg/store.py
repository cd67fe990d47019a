"""The durable local store: articles and their facts in SQLite under the data directory.

Facts are kept per article (which entities and relations each article states, with its
evidence), so merged entities and relations are derived, replacing an article's facts is exact,
and one transaction per article means a crash leaves the store as before that article.

    >>> with Store.open("kg-data") as store:
    ...     outcome = store.put(article, result)
    ...     print(outcome.status, store.stats().articles)
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from pydantic import BaseModel, Field

from kg.errors import StoreError
from kg.resolve import merge_aliases, merge_properties, merge_relation
from kg.schema import Article, Entity, Evidence, ExtractionResult, Relation

DB_NAME = "kg.sqlite"
WAL_CHECKPOINT_PAGES = 10_000
BUSY_TIMEOUT_MS = 120_000  # a second `kg ingest` on the same data dir waits, it does not fail

# Append-only: migration n brings the schema from version n to n + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta VALUES ('revision', 0);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, hash TEXT NOT NULL, file TEXT NOT NULL, format TEXT NOT NULL,
        title TEXT NOT NULL, lang TEXT, langs TEXT NOT NULL, published TEXT, url TEXT,
        revision INTEGER NOT NULL, json TEXT NOT NULL);
    CREATE INDEX articles_hash ON articles (hash);
    CREATE TABLE article_entities (
        entity_id TEXT NOT NULL, article_id TEXT NOT NULL, seq INTEGER NOT NULL,
        name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL, properties TEXT NOT NULL,
        PRIMARY KEY (entity_id, article_id));
    CREATE INDEX article_entities_article ON article_entities (article_id);
    CREATE INDEX article_entities_order ON article_entities (entity_id, seq);
    CREATE TABLE article_relations (
        source TEXT NOT NULL, relation TEXT NOT NULL, target TEXT NOT NULL,
        article_id TEXT NOT NULL, seq INTEGER NOT NULL, properties TEXT NOT NULL,
        evidence TEXT NOT NULL, evidence_count INTEGER NOT NULL,
        PRIMARY KEY (source, relation, target, article_id));
    CREATE INDEX article_relations_article ON article_relations (article_id);
    CREATE INDEX article_relations_order ON article_relations (source, relation, target, seq);
    CREATE TABLE changes (
        revision INTEGER PRIMARY KEY, article_id TEXT NOT NULL, action TEXT NOT NULL);
    CREATE INDEX changes_article ON changes (article_id);
    """,
    # v2: files read before, by size and mtime, so a re-scan skips reading unchanged files.
    """
    CREATE TABLE files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
        articles TEXT NOT NULL);
    """,
    # v3: counts kept up to date by triggers in the writing transaction, so `stats()` (run at
    # the end of every ingest) reads a few rows instead of scanning the whole store.
    """
    CREATE TABLE counts (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counts SELECT 'articles', COUNT(*) FROM articles;
    INSERT INTO counts SELECT 'evidence', COALESCE(SUM(evidence_count), 0) FROM article_relations;
    INSERT INTO counts SELECT 'lang:' || j.value, COUNT(*)
        FROM articles, json_each(articles.langs) j GROUP BY j.value;
    INSERT INTO counts SELECT 'entity:' || kind, COUNT(DISTINCT entity_id)
        FROM article_entities GROUP BY kind;
    INSERT INTO counts SELECT 'relation:' || relation, COUNT(*) FROM
        (SELECT DISTINCT source, relation, target FROM article_relations) GROUP BY relation;
    CREATE TRIGGER count_article_in AFTER INSERT ON articles BEGIN
        INSERT INTO counts VALUES ('articles', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
        INSERT INTO counts SELECT 'lang:' || j.value, 1 FROM json_each(NEW.langs) j WHERE 1
            ON CONFLICT (key) DO UPDATE SET value = value + 1;
    END;
    CREATE TRIGGER count_article_out AFTER DELETE ON articles BEGIN
        UPDATE counts SET value = value - 1 WHERE key = 'articles';
        UPDATE counts SET value = value - 1
            WHERE key IN (SELECT 'lang:' || j.value FROM json_each(OLD.langs) j);
    END;
    CREATE TRIGGER count_entity_in AFTER INSERT ON article_entities
    WHEN NOT EXISTS (SELECT 1 FROM article_entities WHERE entity_id = NEW.entity_id
                     AND kind = NEW.kind AND article_id != NEW.article_id) BEGIN
        INSERT INTO counts VALUES ('entity:' || NEW.kind, 1)
            ON CONFLICT (key) DO UPDATE SET value = value + 1;
    END;
    CREATE TRIGGER count_entity_out AFTER DELETE ON article_entities
    WHEN NOT EXISTS (SELECT 1 FROM article_entities WHERE entity_id = OLD.entity_id
                     AND kind = OLD.kind) BEGIN
        UPDATE counts SET value = value - 1 WHERE key = 'entity:' || OLD.kind;
    END;
    CREATE TRIGGER count_relation_in AFTER INSERT ON article_relations BEGIN
        UPDATE counts SET value = value + NEW.evidence_count WHERE key = 'evidence';
        INSERT INTO counts SELECT 'relation:' || NEW.relation, 1 WHERE NOT EXISTS (
            SELECT 1 FROM article_relations WHERE source = NEW.source
            AND relation = NEW.relation AND target = NEW.target AND article_id != NEW.article_id)
            ON CONFLICT (key) DO UPDATE SET value = value + 1;
    END;
    CREATE TRIGGER count_relation_out AFTER DELETE ON article_relations BEGIN
        UPDATE counts SET value = value - OLD.evidence_count WHERE key = 'evidence';
        UPDATE counts SET value = value - 1 WHERE key = 'relation:' || OLD.relation
            AND NOT EXISTS (SELECT 1 FROM article_relations WHERE source = OLD.source
            AND relation = OLD.relation AND target = OLD.target);
    END;
    """,
    # v4: what a focused export walks without building the whole graph: relations by target,
    # and deal parties (kept by triggers from each Deal row's properties.parties).
    """
    CREATE INDEX article_relations_target ON article_relations (target);
    CREATE TABLE deal_parties (deal_id TEXT NOT NULL, party_id TEXT NOT NULL,
                               article_id TEXT NOT NULL);
    CREATE INDEX deal_parties_deal ON deal_parties (deal_id);
    CREATE INDEX deal_parties_party ON deal_parties (party_id);
    INSERT INTO deal_parties SELECT e.entity_id, json_extract(p.value, '$.id'), e.article_id
        FROM article_entities e, json_each(e.properties, '$.parties') p
        WHERE e.kind = 'Deal' AND json_type(p.value, '$.id') = 'text';
    CREATE TRIGGER parties_in AFTER INSERT ON article_entities WHEN NEW.kind = 'Deal' BEGIN
        INSERT INTO deal_parties SELECT NEW.entity_id, json_extract(p.value, '$.id'),
            NEW.article_id FROM json_each(NEW.properties, '$.parties') p
            WHERE json_type(p.value, '$.id') = 'text';
    END;
    CREATE TRIGGER parties_out AFTER DELETE ON article_entities WHEN OLD.kind = 'Deal' BEGIN
        DELETE FROM deal_parties WHERE article_id = OLD.article_id AND deal_id = OLD.entity_id;
    END;
    """,
]


class PutOutcome(BaseModel):
    """What `Store.put` did: new, unchanged, replaced, or duplicate (of `duplicate_of`)."""

    status: Literal["new", "unchanged", "replaced", "duplicate"]
    article_id: str
    duplicate_of: str | None = None
    revision: int


class ArticleRecord(BaseModel):
    """A stored article's metadata (`Store.article(id)` gives the whole Article)."""

    id: str
    file: str
    format: str
    title: str
    lang: str | None = None
    langs: list[str] = Field(default_factory=list)
    published: str | None = None
    url: str | None = None
    content_hash: str
    revision: int


class StoreStats(BaseModel):
    """Counts: articles, entities by kind, relations by type, articles per language."""

    articles: int = 0
    entities: dict[str, int] = Field(default_factory=dict)  # by kind
    relations: dict[str, int] = Field(default_factory=dict)  # by relation type
    languages: dict[str, int] = Field(default_factory=dict)  # articles per language
    evidence: int = 0
    revision: int = 0


class ArticleChange(BaseModel):
    """The latest change of one article, for incremental loaders (`Store.changes_since`)."""

    article_id: str
    action: Literal["upsert", "delete"]
    revision: int


@dataclass(frozen=True)
class PreparedPut:
    """An article and its facts as table rows, minus the revision only the writer knows."""

    article_id: str
    content_hash: str
    article: tuple[Any, ...]  # articles columns without `revision`
    entities: list[tuple[Any, ...]]  # article_entities columns without article_id and seq
    relations: list[tuple[Any, ...]]  # article_relations columns without article_id and seq


def prepare(a: Article, result: ExtractionResult) -> PreparedPut:
    """The rows `Store.put` writes; pure, so worker processes do the serialising."""
    entities = {e.id: e for e in result.entities}  # the last view of an id in one article
    relations: dict[tuple[str, str, str], Relation] = {}
    for r in result.relations:  # the contract says one per key; merge if an extractor slips
        old = relations.get(r.key)
        relations[r.key] = r if old is None else merge_relation([old, r])
    return PreparedPut(
        a.id, a.content_hash,
        (a.id, a.content_hash, a.file, a.format.value, a.title, a.lang,
         _dumps(a.langs or ([a.lang] if a.lang else [])), a.published, a.url,
         a.model_dump_json()),
        [(e.id, e.name, e.kind.value, _dumps(e.aliases), _dumps(e.properties))
         for e in entities.values()],
        [(*key, _dumps(r.properties),
          json.dumps([e.model_dump(mode="json") for e in r.evidence], ensure_ascii=False),
          len(r.evidence)) for key, r in relations.items()],
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Store:
    """One SQLite connection on `<data_dir>/kg.sqlite`; use `Store.open(data_dir)`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    # --- lifecycle ------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: str | Path, *, create: bool = True) -> Store:
        """Open (by default create) the store; `create=False` is for commands that only read."""
        data = Path(data_dir)
        if not create and not (data / DB_NAME).is_file():
            raise StoreError(f"{data}: no kg store here (run `kg ingest` first)")
        try:
            data.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{data}: cannot create data directory ({exc.strerror})") from exc
        path = data / DB_NAME
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
        """Bring the schema up to date in ONE transaction (statements run one by one with
        `execute`: `executescript` would commit each of them on its own). A process killed
        before the COMMIT leaves the file as it was, possibly empty, and the next open simply
        runs the missing migrations again."""
        if self.schema_version() >= len(MIGRATIONS):
            return  # the common case takes no write lock
        with self._write():
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            version = self.schema_version()  # re-read under the write lock: another process
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    self._conn.execute(statement)
            self._conn.execute("DELETE FROM schema_version")
            self._conn.execute("INSERT INTO schema_version VALUES (?)", (len(MIGRATIONS),))

    def schema_version(self) -> int:
        """The number of migrations applied; 0 for a new (or never migrated) file."""
        if self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                              "AND name = 'schema_version'").fetchone() is None:
            return 0
        row = self._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _write(self) -> _Transaction:
        return _Transaction(self._conn)

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
        self._insert_facts(p, rev)
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

    def article(self, article_id: str) -> Article | None:
        row = self._conn.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else Article.model_validate_json(row[0])

    def articles(self) -> Iterator[ArticleRecord]:
        cur = self._conn.execute(
            "SELECT id, file, format, title, lang, langs, published, url, hash, revision "
            "FROM articles ORDER BY revision"
        )
        for r in cur:
            yield ArticleRecord(
                id=r[0], file=r[1], format=r[2], title=r[3], lang=r[4], langs=json.loads(r[5]),
                published=r[6], url=r[7], content_hash=r[8], revision=r[9],
            )

    def entities(self) -> Iterator[Entity]:
        """Entities merged across every article that mentions them (views oldest first)."""
        yield from self._entities("SELECT * FROM article_entities ORDER BY entity_id, seq", ())

    def relations(self) -> Iterator[Relation]:
        """One relation per (source, relation, target), with evidence from every article."""
        yield from self._relations(
            "SELECT * FROM article_relations ORDER BY source, relation, target, seq", (), None
        )

    def _entities(self, sql: str, params: tuple[Any, ...]) -> Iterator[Entity]:
        cur = self._conn.execute(sql, params)
        for _, rows in itertools.groupby(cur, key=lambda r: r[0]):
            yield _merge_entity_rows(list(rows))

    def _relations(
        self, sql: str, params: tuple[Any, ...], only: set[str] | None,
        keep: Callable[[str, str], bool] | None = None,
    ) -> Iterator[Relation]:
        cur = self._conn.execute(sql, params)
        for (source, _, target), rows in itertools.groupby(cur, key=lambda r: (r[0], r[1], r[2])):
            if keep is not None and not keep(source, target):
                continue  # skipped before parsing its evidence: the costly part
            relation = _merge_relation_rows(list(rows), only)
            if relation.evidence or only is None:
                yield relation

    def facts_of(self, article_ids: Iterable[str]) -> tuple[list[Entity], list[Relation]]:
        """Entities and relations stated by these articles.

        Entities and relation properties are merged across all articles (so a loader never
        overwrites a fuller record with a partial one); relation evidence is only these
        articles'."""
        ids = sorted(set(article_ids))
        conn = self._conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS selected (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp.selected")
        conn.executemany("INSERT INTO temp.selected VALUES (?)", [(i,) for i in ids])
        # CROSS JOIN fixes the loop order: from the few selected articles into the indexes,
        # never a scan of the fact tables.
        entities = list(self._entities(
            "SELECT e.* FROM (SELECT DISTINCT x.entity_id FROM temp.selected s CROSS JOIN "
            "article_entities x ON x.article_id = s.id) k CROSS JOIN article_entities e "
            "ON e.entity_id = k.entity_id ORDER BY e.entity_id, e.seq", ()))
        relations = list(self._relations(
            "SELECT r.* FROM (SELECT DISTINCT x.source, x.relation, x.target FROM temp.selected s "
            "CROSS JOIN article_relations x ON x.article_id = s.id) k CROSS JOIN "
            "article_relations r ON r.source = k.source AND r.relation = k.relation "
            "AND r.target = k.target ORDER BY r.source, r.relation, r.target, r.seq",
            (), set(ids)))
        return entities, relations

    # --- neighbourhoods (kg.graph.focus_graph) --------------------------------------------

    def _select(self, ids: Iterable[str]) -> None:
        """Fill temp.selected: the CROSS JOINs below loop from it into the indexes."""
        self._conn.execute("CREATE TEMP TABLE IF NOT EXISTS selected (id TEXT PRIMARY KEY)")
        self._conn.execute("DELETE FROM temp.selected")
        # One statement with a JSON array: executemany costs ~10 µs a row on big id sets.
        self._conn.execute("INSERT OR IGNORE INTO temp.selected SELECT value FROM json_each(?)",
                           (json.dumps(list(ids)),))

    def neighbour_ids(self, ids: Iterable[str]) -> set[str]:
        """Ids one relation or deal-party link away from any of `ids` (either direction)."""
        self._select(ids)
        sql = [
            "SELECT r.target FROM temp.selected s CROSS JOIN article_relations r "
            "ON r.source = s.id",
            "SELECT r.source FROM temp.selected s CROSS JOIN article_relations r "
            "ON r.target = s.id",
            "SELECT p.party_id FROM temp.selected s CROSS JOIN deal_parties p "
            "ON p.deal_id = s.id",
            "SELECT p.deal_id FROM temp.selected s CROSS JOIN deal_parties p "
            "ON p.party_id = s.id",
        ]
        return {row[0] for row in self._conn.execute(" UNION ".join(sql))}

    def entities_of(self, ids: Iterable[str]) -> list[Entity]:
        """Merged entities for these ids (ids no article describes are left out)."""
        self._select(ids)
        return list(self._entities(
            "SELECT e.* FROM temp.selected s CROSS JOIN article_entities e "
            "ON e.entity_id = s.id ORDER BY e.entity_id, e.seq", ()))

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Entity kind (as its first article has it) by id, without merging the entities."""
        self._select(ids)
        # SQLite takes the bare `kind` from the row holding MIN(seq).
        return {row[0]: row[1] for row in self._conn.execute(
            "SELECT e.entity_id, e.kind, MIN(e.seq) FROM temp.selected s CROSS JOIN "
            "article_entities e ON e.entity_id = s.id GROUP BY e.entity_id")}

    def relations_touching(
        self, ids: Iterable[str], keep: Callable[[str, str], bool] | None = None
    ) -> list[Relation]:
        """Merged relations (evidence from every article) with an end in `ids`, and for which
        `keep(source, target)` holds if given."""
        self._select(ids)
        return list(self._relations(
            "SELECT r.* FROM (SELECT x.source, x.relation, x.target FROM temp.selected s "
            "CROSS JOIN article_relations x ON x.source = s.id UNION SELECT x.source, "
            "x.relation, x.target FROM temp.selected s CROSS JOIN article_relations x "
            "ON x.target = s.id) k CROSS JOIN article_relations r ON r.source = k.source "
            "AND r.relation = k.relation AND r.target = k.target "
            "ORDER BY r.source, r.relation, r.target, r.seq", (), None, keep))

    def node_exists(self, node_id: str) -> bool:
        """Is `node_id` an entity, a relation end or a deal party anywhere in the store?"""
        sql = ("SELECT EXISTS (SELECT 1 FROM article_entities WHERE entity_id = ?1) "
               "OR EXISTS (SELECT 1 FROM article_relations WHERE source = ?1) "
               "OR EXISTS (SELECT 1 FROM article_relations WHERE target = ?1) "
               "OR EXISTS (SELECT 1 FROM deal_parties WHERE party_id = ?1)")
        return bool(self._conn.execute(sql, (node_id,)).fetchone()[0])

    def ids_named(self, name: str) -> set[str]:
        """Entity ids whose id, any name or any alias is `name`, case-insensitively (a scan)."""
        wanted = name.strip().casefold()
        out: set[str] = set()
        rows = set(self._conn.execute("SELECT entity_id, name, aliases FROM article_entities"))
        for eid, row_name, aliases in rows:  # a hub is named the same way in thousands of rows
            if wanted in (eid.casefold(), row_name.casefold()) or (
                    aliases != "[]" and wanted in {a.casefold() for a in json.loads(aliases)}):
                out.add(eid)
        return out

    def changes_since(self, revision: int) -> list[ArticleChange]:
        """The latest change of each article changed after `revision`, oldest first."""
        cur = self._conn.execute(
            "SELECT article_id, action, revision FROM changes WHERE revision > ? ORDER BY revision",
            (revision,),
        )
        return [ArticleChange(article_id=r[0], action=r[1], revision=r[2]) for r in cur]

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


def _statements(script: str) -> Iterator[str]:
    """A migration's statements; a trigger body's own semicolons do not split it."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any exception (so a crash writes nothing)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        # IMMEDIATE takes the write lock up front: two writers queue on busy_timeout instead
        # of failing when a read lock cannot be upgraded.
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")


def _merge_entity_rows(rows: list[tuple[Any, ...]]) -> Entity:
    # Columns: entity_id, article_id, seq, name, kind, aliases, properties.
    first = rows[0]
    names = [r[3] for r in rows[1:]]
    aliases = merge_aliases(first[3], *(json.loads(r[5]) for r in rows), names)
    props = merge_properties(json.loads(r[6]) for r in rows)
    return Entity(id=first[0], name=first[3], kind=first[4], aliases=aliases, properties=props)


def _merge_relation_rows(rows: list[tuple[Any, ...]], only: set[str] | None) -> Relation:
    # Columns: source, relation, target, article_id, seq, properties, evidence, evidence_count.
    evidence: list[Evidence] = []
    for r in rows:
        if only is None or r[3] in only:
            evidence.extend(Evidence.model_validate(e) for e in json.loads(r[6]))
    return Relation(
        source=rows[0][0], relation=rows[0][1], target=rows[0][2],
        properties=merge_properties(json.loads(r[5]) for r in rows), evidence=evidence,
    )

