"""The store's SQLite schema: the migrations, how they run, and the write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from types import TracebackType

from kg.store.fold import LATIN, fold_views

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
    # v5: look-ups (kg.lookup). `names`: every name and alias of an entity, per article, so an
    # entity is found by an index instead of a scan. `search_rows` + `search_index` (FTS5,
    # trigram: substrings in any script, Chinese included): names, aliases and evidence
    # sentences; `ingested`: when each article was stored (unknown for articles stored before
    # this migration). All kept by triggers in the writing transaction, so put/replace/delete
    # keep them in step, and filled here from what is already stored.
    """
    CREATE TABLE names (entity_id TEXT NOT NULL, article_id TEXT NOT NULL, name TEXT NOT NULL);
    CREATE INDEX names_name ON names (name COLLATE NOCASE);
    CREATE INDEX names_article ON names (article_id);
    CREATE TABLE search_rows (
        rowid INTEGER PRIMARY KEY, article_id TEXT NOT NULL, what TEXT NOT NULL,
        ref TEXT NOT NULL, text TEXT NOT NULL);
    CREATE INDEX search_rows_article ON search_rows (article_id);
    CREATE VIRTUAL TABLE search_index USING fts5 (
        text, content = 'search_rows', content_rowid = 'rowid', tokenize = 'trigram');
    CREATE TRIGGER search_rows_in AFTER INSERT ON search_rows BEGIN
        INSERT INTO search_index (rowid, text) VALUES (NEW.rowid, NEW.text);
    END;
    CREATE TRIGGER search_rows_out AFTER DELETE ON search_rows BEGIN
        INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
    END;
    INSERT INTO names SELECT entity_id, article_id, name FROM article_entities;
    INSERT INTO names SELECT e.entity_id, e.article_id, a.value
        FROM article_entities e, json_each(e.aliases) a WHERE a.value != e.name;
    INSERT INTO search_rows (article_id, what, ref, text)
        SELECT article_id, 'name', entity_id, name FROM names;
    INSERT INTO search_rows (article_id, what, ref, text)
        SELECT r.article_id, 'sentence', r.source || '|' || r.relation || '|' || r.target,
               json_extract(ev.value, '$.sentence')
        FROM article_relations r, json_each(r.evidence) ev
        WHERE json_type(ev.value, '$.sentence') = 'text';
    CREATE TRIGGER names_in AFTER INSERT ON article_entities BEGIN
        INSERT INTO names VALUES (NEW.entity_id, NEW.article_id, NEW.name);
        INSERT INTO names SELECT NEW.entity_id, NEW.article_id, a.value
            FROM json_each(NEW.aliases) a WHERE a.value != NEW.name;
        INSERT INTO search_rows (article_id, what, ref, text)
            SELECT NEW.article_id, 'name', NEW.entity_id, name FROM names
            WHERE article_id = NEW.article_id AND entity_id = NEW.entity_id;
    END;
    CREATE TRIGGER names_out AFTER DELETE ON article_entities BEGIN
        DELETE FROM names WHERE article_id = OLD.article_id AND entity_id = OLD.entity_id;
        DELETE FROM search_rows WHERE article_id = OLD.article_id AND what = 'name'
            AND ref = OLD.entity_id;
    END;
    CREATE TRIGGER sentences_in AFTER INSERT ON article_relations BEGIN
        INSERT INTO search_rows (article_id, what, ref, text)
            SELECT NEW.article_id, 'sentence', NEW.source || '|' || NEW.relation || '|'
                   || NEW.target, json_extract(ev.value, '$.sentence')
            FROM json_each(NEW.evidence) ev WHERE json_type(ev.value, '$.sentence') = 'text';
    END;
    CREATE TABLE ingested (article_id TEXT PRIMARY KEY, at TEXT NOT NULL);
    CREATE TRIGGER ingested_in AFTER INSERT ON articles BEGIN
        INSERT OR REPLACE INTO ingested VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    END;
    CREATE TRIGGER ingested_out AFTER DELETE ON articles BEGIN
        DELETE FROM ingested WHERE article_id = OLD.id;
    END;
    CREATE TRIGGER sentences_out AFTER DELETE ON article_relations BEGIN
        DELETE FROM search_rows WHERE article_id = OLD.article_id AND what = 'sentence'
            AND ref = OLD.source || '|' || OLD.relation || '|' || OLD.target;
    END;
    """,
    # v6: views for SQL users (datasette, sqlite-utils, the sqlite3 shell); docs/views.md says
    # what each column means. Merged as kg.store merges: the first article's name and kind,
    # a deal's fields from the latest article that states each one.
    """
    CREATE VIEW kg_entities AS
    SELECT e.entity_id AS id, e.name AS name, e.kind AS kind,
        (SELECT json_group_array(DISTINCT n.name) FROM names n
         WHERE n.entity_id = e.entity_id AND n.name != e.name) AS aliases,
        e.articles AS articles,
        (SELECT MIN(a.published) FROM article_entities x JOIN articles a ON a.id = x.article_id
         WHERE x.entity_id = e.entity_id) AS first_published,
        (SELECT MAX(a.published) FROM article_entities x JOIN articles a ON a.id = x.article_id
         WHERE x.entity_id = e.entity_id) AS last_published
    FROM (SELECT entity_id, name, kind, MIN(seq), COUNT(*) AS articles
          FROM article_entities GROUP BY entity_id) e;
    CREATE VIEW kg_relations AS
    SELECT r.source AS source,
        COALESCE((SELECT x.name FROM article_entities x WHERE x.entity_id = r.source
                  ORDER BY x.seq LIMIT 1), r.source) AS source_name,
        r.relation AS relation, r.target AS target,
        COALESCE((SELECT x.name FROM article_entities x WHERE x.entity_id = r.target
                  ORDER BY x.seq LIMIT 1), r.target) AS target_name,
        COUNT(*) AS articles, SUM(r.evidence_count) AS sentences,
        MIN(a.published) AS first_published, MAX(a.published) AS last_published
    FROM article_relations r JOIN articles a ON a.id = r.article_id
    GROUP BY r.source, r.relation, r.target;
    CREATE VIEW kg_evidence AS
    SELECT r.source AS source, r.relation AS relation, r.target AS target,
        r.article_id AS article_id, json_extract(ev.value, '$.sentence') AS sentence,
        json_extract(ev.value, '$.lang') AS lang,
        json_extract(ev.value, '$.published') AS published,
        json_extract(ev.value, '$.source_url') AS source_url,
        json_extract(ev.value, '$.title') AS title
    FROM article_relations r, json_each(r.evidence) ev;
    CREATE VIEW kg_deals AS
    SELECT d.entity_id AS id, d.name AS name,
        (SELECT json_extract(x.properties, '$.deal_type') FROM article_entities x
         WHERE x.entity_id = d.entity_id AND json_extract(x.properties, '$.deal_type') != ''
         ORDER BY x.seq DESC LIMIT 1) AS deal_type,
        (SELECT json_extract(x.properties, '$.status') FROM article_entities x
         WHERE x.entity_id = d.entity_id AND json_extract(x.properties, '$.status') != ''
         ORDER BY x.seq DESC LIMIT 1) AS status,
        (SELECT json_extract(x.properties, '$.amount') FROM article_entities x
         WHERE x.entity_id = d.entity_id AND json_extract(x.properties, '$.amount') != ''
         ORDER BY x.seq DESC LIMIT 1) AS amount,
        (SELECT json_extract(x.properties, '$.currency') FROM article_entities x
         WHERE x.entity_id = d.entity_id AND json_extract(x.properties, '$.currency') != ''
         ORDER BY x.seq DESC LIMIT 1) AS currency,
        (SELECT json_extract(x.properties, '$.date') FROM article_entities x
         WHERE x.entity_id = d.entity_id AND json_extract(x.properties, '$.date') != ''
         ORDER BY x.seq DESC LIMIT 1) AS date,
        (SELECT json_extract(x.properties, '$.round') FROM article_entities x
         WHERE x.entity_id = d.entity_id AND json_extract(x.properties, '$.round') != ''
         ORDER BY x.seq DESC LIMIT 1) AS round,
        (SELECT json_group_array(DISTINCT p.party_id) FROM deal_parties p
         WHERE p.deal_id = d.entity_id) AS parties,
        d.articles AS articles
    FROM (SELECT entity_id, name, MIN(seq), COUNT(*) AS articles FROM article_entities
          WHERE kind = 'Deal' GROUP BY entity_id) d;
    """,
    # v7: `names` once per (entity, name) with the number of articles using it, instead of
    # once per article: 165k rows were 20k names on a 10k-article store (and the search index
    # held each of them as often). Names enter and leave the search index with their row.
    """
    DROP TRIGGER names_in;
    DROP TRIGGER names_out;
    DELETE FROM search_rows WHERE what = 'name';
    DROP TABLE names;
    CREATE TABLE names (entity_id TEXT NOT NULL, name TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (entity_id, name)) WITHOUT ROWID;
    CREATE INDEX names_name ON names (name COLLATE NOCASE);
    CREATE INDEX search_rows_name ON search_rows (ref) WHERE what = 'name';
    CREATE TRIGGER names_search_in AFTER INSERT ON names BEGIN
        INSERT INTO search_rows (article_id, what, ref, text)
            VALUES ('', 'name', NEW.entity_id, NEW.name);
    END;
    CREATE TRIGGER names_search_out AFTER DELETE ON names BEGIN
        DELETE FROM search_rows WHERE what = 'name' AND ref = OLD.entity_id
            AND text = OLD.name;
    END;
    INSERT INTO names SELECT entity_id, n, COUNT(*) FROM (
        SELECT entity_id, article_id, name AS n FROM article_entities
        UNION SELECT e.entity_id, e.article_id, a.value FROM article_entities e,
            json_each(e.aliases) a) GROUP BY entity_id, n;
    CREATE TRIGGER names_in AFTER INSERT ON article_entities BEGIN
        INSERT INTO names SELECT NEW.entity_id, n, 1 FROM
            (SELECT NEW.name AS n UNION SELECT value FROM json_each(NEW.aliases)) WHERE 1
            ON CONFLICT (entity_id, name) DO UPDATE SET refs = refs + 1;
    END;
    CREATE TRIGGER names_out AFTER DELETE ON article_entities BEGIN
        UPDATE names SET refs = refs - 1 WHERE entity_id = OLD.entity_id
            AND name IN (SELECT OLD.name UNION SELECT value FROM json_each(OLD.aliases));
        DELETE FROM names WHERE entity_id = OLD.entity_id AND refs <= 0;
    END;
    INSERT INTO search_index (search_index) VALUES ('optimize');
    """,
    # v8: accent-insensitive search. The index holds each row's text folded (kg/store/fold.py:
    # "racheté" is indexed as "rachete"; Chinese is unchanged) and no longer reads the rows
    # (contentless: the original text stays in search_rows, joined by rowid). Plain SQL, so
    # any SQLite client can still write the store; rows with no accented Latin letter (most
    # English, all Chinese) are indexed as they are, without going through the views.
    f"""
    DROP TRIGGER search_rows_in;
    DROP TRIGGER search_rows_out;
    DROP TABLE search_index;
    CREATE VIRTUAL TABLE search_index USING fts5 (text, content = '', tokenize = 'trigram');
    {fold_views()}
    CREATE TRIGGER search_rows_in AFTER INSERT ON search_rows
        WHEN NEW.text NOT GLOB '{LATIN}' BEGIN
        INSERT INTO search_index (rowid, text) VALUES (NEW.rowid, NEW.text);
    END;
    CREATE TRIGGER search_rows_in_folded AFTER INSERT ON search_rows
        WHEN NEW.text GLOB '{LATIN}' BEGIN
        INSERT INTO search_index (rowid, text) SELECT id, t FROM search_folded
            WHERE id = NEW.rowid;
    END;
    CREATE TRIGGER search_rows_out BEFORE DELETE ON search_rows BEGIN
        INSERT INTO search_index (search_index, rowid, text) SELECT 'delete', id,
            CASE WHEN OLD.text GLOB '{LATIN}' THEN t ELSE OLD.text END
            FROM search_folded WHERE id = OLD.rowid;
    END;
    INSERT INTO search_index (rowid, text) SELECT id, t FROM search_folded;
    INSERT INTO search_index (search_index) VALUES ('optimize');
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

