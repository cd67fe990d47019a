"""The loader's Cypher: every statement kg.graphdb.load sends, in one place.

Labels and relationship types are formatted in (`{label}`, `{type}`) only from the schema enums,
checked by `rows.by_relation` and `EntityKind`; every value travels as a parameter. Rows are
built by kg.graphdb.rows: where a statement reads `row[i]`, the position comes from the column
tuples there. CREATE rather than MERGE where the transaction has just looked the row up:
ArcadeDB plans a two-label MERGE as a scan. The questions users ask are in `cypher/*.cypher`
(kg.graphdb.library), not here.
"""

from __future__ import annotations

from kg.graphdb.rows import CREATE_COLUMNS, ENTITY_COLUMNS

# --- schema and bookkeeping -------------------------------------------------------------------

SCHEMA = [
    "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT kg_meta_key IF NOT EXISTS FOR (n:KgMeta) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX kg_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
]
META_READ = "MATCH (m:KgMeta {key: $key}) RETURN m{.*} AS meta"
META_SET = "MERGE (m:KgMeta {key: $key}) SET m += $values"
# Someone else wrote to the graph (`kg query --write`): the next load cannot step from it.
META_STALE = "MATCH (m:KgMeta {key: $key}) SET m.complete = false"
WIPE = (  # only what kg wrote, never other labels a user keeps in the same database
    "MATCH (n) WHERE n:Entity OR n:Article "
    "WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n"
)
ARTICLE_COUNT = "MATCH (a:Article) RETURN count(a) AS n"

# --- articles ---------------------------------------------------------------------------------

ARTICLE_STATE = (
    "UNWIND $ids AS id MATCH (a:Article {id: id}) "
    "RETURN a.id AS id, a.relations AS relations, a.entities AS entities"
)
ARTICLE_DELETE = "UNWIND $ids AS id MATCH (a:Article {id: id}) DETACH DELETE a"
ARTICLE_CREATE = "UNWIND $rows AS props CREATE (a:Article) SET a = props"
ARTICLE_CREATE_MENTIONING = (  # a full load: new articles and their MENTIONS, from a.entities
    ARTICLE_CREATE + " WITH a UNWIND a.entities AS id MATCH (e:Entity {id: id}) "
    "CREATE (a)-[:MENTIONS]->(e)"
)
ARTICLE_SET = "UNWIND $rows AS props MATCH (a:Article {id: props.id}) SET a = props"

# (:Article)-[:MENTIONS]->(:Entity): the one relationship type that is not a RelationType (no
# article states it; the loader derives it from the store's mentions).
MENTIONS_RESET = "UNWIND $rows AS id MATCH (a:Article {id: id})-[m:MENTIONS]->() DELETE m"
MENTIONS_CREATE = (
    "UNWIND $rows AS row MATCH (a:Article {id: row[0]}) MATCH (e:Entity {id: row[1]}) "
    "CREATE (a)-[:MENTIONS]->(e)"
)

# --- entities ---------------------------------------------------------------------------------

ENTITY_STATE = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.articles AS articles"
)
ENTITY_CREATE = (  # rows from rows.flat_row([], props, ENTITY_COLUMNS)
    "UNWIND $rows AS row CREATE (n:Entity:{label} {{"
    + ", ".join(f"{c}: row[{i}]" for i, c in enumerate(ENTITY_COLUMNS))
    + "}})"
)
ENTITY_CREATE_MORE = ENTITY_CREATE + f" SET n += row[{len(ENTITY_COLUMNS)}]"
ENTITY_SET = "UNWIND $rows AS props MATCH (n:Entity {id: props.id}) SET n = props"
ENTITY_ARTICLES = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n.articles = row.articles"
ENTITY_DELETE = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) DETACH DELETE n"

# --- relationships ----------------------------------------------------------------------------

_REL_MATCH = (  # rows are [source id, target id, ...]
    "UNWIND $rows AS row "
    "MATCH (s:Entity {{id: row[0]}})-[r:{type}]->(t:Entity {{id: row[1]}}) "
)
RELATION_STATE = _REL_MATCH + (
    "RETURN row[2] AS key, [r.evidenceArticles, r.evidenceSentences, r.evidenceLangs, "
    "r.evidenceSourceUrls, r.evidenceDates] AS evidence"  # rows.EVIDENCE_LISTS
)
_REL_CREATE = (  # rows from rows.create_row
    "UNWIND $rows AS row MATCH (s:Entity {{id: row[0]}}) MATCH (t:Entity {{id: row[1]}}) "
    "CREATE (s)-[r:{type} {{"
    + ", ".join(f"{c}: row[{i}]" for i, c in enumerate(CREATE_COLUMNS, start=2))
    + "}}]->(t)"
)
RELATION_WRITE = {  # by the action names of rows.plan_relations
    "create": _REL_CREATE,
    "create_more": _REL_CREATE + f" SET r += row[{len(CREATE_COLUMNS) + 2}]",
    "set": _REL_MATCH + "SET r = row[2]",
    "patch": _REL_MATCH + "SET r += row[2]",
    "delete": _REL_MATCH + "DELETE r",
    # a full load: more evidence for a relationship an earlier transaction of the same load
    # created; its articles come after those already there (rows.append_row)
    "append": _REL_MATCH + "SET " + ", ".join(
        f"r.{c} = r.{c} + row[{i}]" for i, c in enumerate(CREATE_COLUMNS[1:], start=2)),
}

# --- deal parties -----------------------------------------------------------------------------

PARTY_RESET = (  # from the deal, found by its unique id: never a scan of every party
    "UNWIND $rows AS row MATCH (d:Entity {id: row.deal})<-[r:PARTY_TO]-() "
    "WHERE r.derived = true DELETE r"
)
PARTY_CREATE = (
    "UNWIND $rows AS row MATCH (p:Entity {id: row.party}) MATCH (d:Entity {id: row.deal}) "
    "CREATE (p)-[r:PARTY_TO]->(d) SET r.role = row.role, r.key = row.key, r.derived = true"
)
