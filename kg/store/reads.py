"""The store's reads: stored articles, facts merged across articles (whole tables, the facts
of some articles for loaders), and focus neighbourhoods (`kg.graph.focus_graph`).

`Store` holds one `Reads` on its connection and hands these reads out as its own methods.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kg.resolve import merge_properties
from kg.schema import Article, Entity, Relation
from kg.store.rows import ArticleChange, ArticleRecord, merge_entity_rows, merge_relation_rows


class Reads:
    """Read queries on one store connection (use them through `kg.store.Store`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # --- articles -------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The whole stored Article, or None."""
        row = self._conn.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else Article.model_validate_json(row[0])

    def articles(self) -> Iterator[ArticleRecord]:
        """Every stored article's metadata, oldest revision first."""
        cur = self._conn.execute(
            "SELECT id, file, format, title, lang, langs, published, url, hash, revision "
            "FROM articles ORDER BY revision"
        )
        for r in cur:
            yield ArticleRecord(
                id=r[0], file=r[1], format=r[2], title=r[3], lang=r[4], langs=json.loads(r[5]),
                published=r[6], url=r[7], content_hash=r[8], revision=r[9],
            )

    def changes_since(self, revision: int) -> list[ArticleChange]:
        """The latest change of each article changed after `revision`, oldest first."""
        cur = self._conn.execute(
            "SELECT article_id, action, revision FROM changes WHERE revision > ? ORDER BY revision",
            (revision,),
        )
        return [ArticleChange(article_id=r[0], action=r[1], revision=r[2]) for r in cur]

    # --- facts merged across articles -----------------------------------------------------

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
            yield merge_entity_rows(list(rows))

    def _relations(
        self, sql: str, params: tuple[Any, ...], only: set[str] | None,
        keep: Callable[[str, str], bool] | None = None,
    ) -> Iterator[Relation]:
        cur = self._conn.execute(sql, params)
        for (source, _, target), rows in itertools.groupby(cur, key=lambda r: (r[0], r[1], r[2])):
            if keep is not None and not keep(source, target):
                continue  # skipped before parsing its evidence: the costly part
            relation = merge_relation_rows(list(rows), only)
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

    # --- for loaders ----------------------------------------------------------------------

    def mentions(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        """Article id -> ids of the entities it mentions (sorted), for each of `article_ids`."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, list[str]] = {i: [] for i in ids}
        self._select(ids)
        for article_id, entity_id in self._conn.execute(
                "SELECT e.article_id, e.entity_id FROM temp.selected s CROSS JOIN "
                "article_entities e ON e.article_id = s.id ORDER BY e.article_id, e.entity_id"):
            out[article_id].append(entity_id)
        return out

    def entity_articles(self) -> dict[str, list[str]]:
        """Entity id -> ids of the articles that mention it (both sorted), for every entity."""
        out: dict[str, list[str]] = {}
        for entity_id, article_id in self._conn.execute(
                "SELECT entity_id, article_id FROM article_entities "
                "ORDER BY entity_id, article_id"):
            out.setdefault(entity_id, []).append(article_id)
        return out

    def relation_properties(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """(source, relation, target, properties merged across every article) of every relation,
        without reading any evidence: one pass over the index, in key order."""
        cur = self._conn.execute(
            "SELECT source, relation, target, properties FROM article_relations "
            "ORDER BY source, relation, target, seq")
        for (source, relation, target), rows in itertools.groupby(cur, key=lambda r: r[:3]):
            texts = [r[3] for r in rows if r[3] != "{}"]
            merged = merge_properties(json.loads(t) for t in texts) if texts else {}
            yield source, relation, target, merged

    def article_evidence(self, ids: Iterable[str]) -> list[tuple[str, str, str, str]]:
        """(source, relation, target, evidence JSON) of each relation these articles state, one
        row per article and relation, by article id: a full load's evidence, in one query."""
        self._select(ids)
        return self._conn.execute(
            "SELECT r.source, r.relation, r.target, r.evidence FROM temp.selected s CROSS JOIN "
            "article_relations r ON r.article_id = s.id ORDER BY s.id").fetchall()

    def article_count(self) -> int:
        """Stored articles, counted from the table (no trigger-kept counts needed)."""
        return int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
