"""The store's SQLite schema: the migrations, how they run, and the write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from types import TracebackType

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



def schema_version(conn: sqlite3.Connection) -> int:
    """The number of migrations applied; 0 for a new (or never migrated) file."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                    "AND name = 'schema_version'").fetchone() is None:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date in ONE transaction (statements run one by one with
    `execute`: `executescript` would commit each of them on its own). A process killed
    before the COMMIT leaves the file as it was, possibly empty, and the next open simply
    runs the missing migrations again."""
    if schema_version(conn) >= len(MIGRATIONS):
        return  # the common case takes no write lock
    with Transaction(conn):
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        version = schema_version(conn)  # re-read under the write lock: another process
        for script in MIGRATIONS[version:]:
            for statement in statements(script):
                conn.execute(statement)
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version VALUES (?)", (len(MIGRATIONS),))


def statements(script: str) -> Iterator[str]:
    """A migration's statements; a trigger body's own semicolons do not split it."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


class Transaction:
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

