"""The store's look-up queries (kg.lookup): entities by name, listings with their counts, facts
per article, and full-text search over names, aliases and evidence sentences.

Each answers from indexes or one pass over a table, so a look-up on a 10k-article store takes
milliseconds to a few hundred (benchmarks/bench_lookup.py). `Store` holds one `Lookups` on its
connection as `store.lookups`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from typing import Any

from kg.resolve import merge_aliases
from kg.schema import Relation
from kg.store.fold import LATIN, fold
from kg.store.rows import ArticleRecord, merge_relation_rows

MIN_INDEXED = 3  # the trigram index needs three characters; shorter texts are scanned


class Lookups:
    """Look-up queries on one store connection (use them through `store.lookups`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        # for short queries, scanned: 10x faster than the SQL views the index is built with
        conn.create_function("kg_fold", 1, fold, deterministic=True)

    def is_empty(self) -> bool:
        return self._conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    # --- names ----------------------------------------------------------------------------

    def ids_named(self, text: str) -> list[str]:
        """Entity ids whose id, name or alias is `text` (ASCII letters in any case), the
        entity named in most articles first."""
        rows = self._conn.execute(
            "SELECT entity_id, MAX(refs) AS n FROM names "
            "WHERE name = ?1 COLLATE NOCASE OR entity_id = ?1 GROUP BY entity_id "
            "ORDER BY n DESC, entity_id", (text.strip(),))
        return [r[0] for r in rows]

    def all_names(self) -> list[tuple[str, str]]:
        """Every (entity id, name or alias): what a fuzzy match picks from."""
        return list(self._conn.execute("SELECT entity_id, name FROM names"))

    def first_names(self, ids: list[str]) -> dict[str, str]:
        """Entity id -> its name as the first article has it (ids with no entity left out)."""
        sql = ("SELECT e.entity_id, e.name, MIN(e.seq) FROM json_each(?) s CROSS JOIN "
               "article_entities e ON e.entity_id = s.value GROUP BY e.entity_id")
        return {r[0]: r[1] for r in self._conn.execute(sql, (json.dumps(ids),))}

    def article_counts(self, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
        """Distinct articles stating each (source, relation, target)."""
        sql = ("SELECT r.source, r.relation, r.target, COUNT(*) FROM json_each(?) k "
               "CROSS JOIN article_relations r ON r.source = json_extract(k.value, '$[0]') "
               "AND r.relation = json_extract(k.value, '$[1]') "
               "AND r.target = json_extract(k.value, '$[2]') "
               "GROUP BY r.source, r.relation, r.target")
        return {(r[0], r[1], r[2]): r[3] for r in self._conn.execute(sql, (json.dumps(keys),))}

    def relations_by_keys(self, keys: list[tuple[str, str, str]]) -> list[Relation]:
        """Merged relations (evidence from every article) for these (source, relation,
        target) keys, in key order; keys not stored are left out."""
        sql = ("SELECT r.* FROM json_each(?) k CROSS JOIN article_relations r "
               "ON r.source = json_extract(k.value, '$[0]') "
               "AND r.relation = json_extract(k.value, '$[1]') "
               "AND r.target = json_extract(k.value, '$[2]') "
               "ORDER BY r.source, r.relation, r.target, r.seq")
        rows = list(self._conn.execute(sql, (json.dumps(sorted(set(keys))),)))
        out: list[Relation] = []
        group: list[tuple[Any, ...]] = []
        for row in rows:
            if group and tuple(row[:3]) != tuple(group[0][:3]):
                out.append(merge_relation_rows(group, None))
                group = []
            group.append(row)
        return out + ([merge_relation_rows(group, None)] if group else [])

    def neighbours(self, node: str, relation: str, up: bool) -> list[str]:
        """Targets of `node`'s `relation` edges (sources of the edges into it when `up`)."""
        sql = ("SELECT DISTINCT source FROM article_relations WHERE target = ? AND relation = ?"
               if up else
               "SELECT DISTINCT target FROM article_relations WHERE source = ? AND relation = ?")
        return [r[0] for r in self._conn.execute(sql, (node, relation))]

    # --- listings -------------------------------------------------------------------------

    def entity_rows(self, kind: str | None = None, search: str | None = None
                    ) -> list[dict[str, Any]]:
        """One row per entity: id, name, kind (the first article's), aliases, articles,
        relations (distinct relations and deals it is part of) and last (latest published)."""
        where, params = [], []
        if kind:
            where.append("e.kind = ? COLLATE NOCASE")
            params.append(kind)
        if search:
            where.append("e.entity_id IN (SELECT entity_id FROM names "
                         "WHERE name LIKE ? ESCAPE '\\')")
            params.append(f"%{_like(search)}%")
        sql = ("SELECT e.entity_id, e.name, e.kind, MIN(e.seq), COUNT(*), MAX(a.published) "
               "FROM article_entities e JOIN articles a ON a.id = e.article_id "
               + (" WHERE " + " AND ".join(where) if where else "")
               + " GROUP BY e.entity_id")
        rows = list(self._conn.execute(sql, params))
        aliases = self._aliases()
        degree = self._degrees()
        return [{"id": r[0], "name": r[1], "kind": r[2],
                 "aliases": merge_aliases(r[1], aliases.get(r[0], [])),
                 "articles": r[4], "relations": degree.get(r[0], 0), "last": r[5]}
                for r in rows]

    def _aliases(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for eid, name in self._conn.execute("SELECT entity_id, name FROM names"):
            out.setdefault(eid, []).append(name)
        return out

    def _degrees(self) -> Counter[str]:
        degree: Counter[str] = Counter()
        for sql in ("SELECT source, COUNT(DISTINCT relation || '|' || target) "
                    "FROM article_relations GROUP BY source",
                    "SELECT target, COUNT(DISTINCT relation || '|' || source) "
                    "FROM article_relations GROUP BY target",
                    "SELECT party_id, COUNT(DISTINCT deal_id) FROM deal_parties GROUP BY party_id",
                    "SELECT deal_id, COUNT(DISTINCT party_id) FROM deal_parties GROUP BY deal_id"):
            for eid, n in self._conn.execute(sql):
                degree[eid] += n
        return degree

    def ids_of_kind(self, kind: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT entity_id FROM article_entities WHERE kind = ?", (kind,))]

    def deals_of(self, party_id: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT deal_id FROM deal_parties WHERE party_id = ?", (party_id,))]

    def deal_articles(self, deal_ids: list[str]) -> dict[str, int]:
        sql = ("SELECT e.entity_id, COUNT(*) FROM json_each(?) s CROSS JOIN article_entities e "
               "ON e.entity_id = s.value GROUP BY e.entity_id")
        return {r[0]: r[1] for r in self._conn.execute(sql, (json.dumps(deal_ids),))}

    # --- articles -------------------------------------------------------------------------

    def article_rows(self) -> list[tuple[ArticleRecord, str | None]]:
        """Every article's record and when it was ingested (None: before kg recorded it),
        the latest ingested first."""
        rows = self._conn.execute(
            "SELECT a.id, a.file, a.format, a.title, a.lang, a.langs, a.published, a.url, "
            "a.hash, a.revision, i.at FROM articles a LEFT JOIN ingested i "
            "ON i.article_id = a.id ORDER BY a.revision DESC")
        return [(ArticleRecord(id=r[0], file=r[1], format=r[2], title=r[3], lang=r[4],
                               langs=json.loads(r[5]), published=r[6], url=r[7],
                               content_hash=r[8], revision=r[9]), r[10]) for r in rows]

    def facts_by_article(self) -> dict[str, tuple[int, list[tuple[str, str, str]]]]:
        """Article id -> (entities it names, the relations it states in store order)."""
        out: dict[str, tuple[int, list[tuple[str, str, str]]]] = {}
        for aid, n in self._conn.execute(
                "SELECT article_id, COUNT(*) FROM article_entities GROUP BY article_id"):
            out[aid] = (n, [])
        for aid, source, relation, target in self._conn.execute(
                "SELECT article_id, source, relation, target FROM article_relations "
                "ORDER BY article_id, source, relation, target"):
            out.setdefault(aid, (0, []))[1].append((source, relation, target))
        return out

    # --- full text ------------------------------------------------------------------------

    def search(self, text: str, limit: int) -> list[tuple[str, str, str, str]]:
        """(what, ref, text, article id) rows whose text contains `text` (any case, any
        accents on Latin letters: "rachete" finds "racheté"): names and aliases (`what` =
        "name", ref = entity id, no article) and evidence sentences ("sentence", ref =
        source|RELATION|target), best matches first."""
        text = fold(text.strip())
        if len(text) >= MIN_INDEXED:
            sql = ("SELECT r.what, r.ref, r.text, r.article_id FROM search_index f "
                   "JOIN search_rows r ON r.rowid = f.rowid WHERE search_index MATCH ? "
                   "ORDER BY r.what, f.rank LIMIT ?")
            params: tuple[Any, ...] = ('"' + text.replace('"', '""') + '"', limit)
        else:
            sql = ("SELECT r.what, r.ref, r.text, r.article_id FROM search_rows r "
                   "WHERE r.text LIKE ?1 ESCAPE '\\' "
                   "OR (r.text GLOB ?3 AND kg_fold(r.text) LIKE ?1 ESCAPE '\\') "
                   "ORDER BY r.what, length(r.text) LIMIT ?2")
            # folding yields only ASCII letters and "'": a query with none ("审查") cannot
            # meet a folded letter, so no row needs folding
            latin = LATIN if re.search(r"[A-Za-z']", text) else ""
            params = (f"%{_like(text)}%", limit, latin)
        return [(r[0], r[1], r[2], r[3]) for r in self._conn.execute(sql, params)]


def _like(text: str) -> str:
    """`text` with LIKE's wildcards escaped (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
