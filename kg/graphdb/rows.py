"""Store models -> plain, typed property maps and rows for the graph database loader
(kg.graphdb.load). The Cypher that reads these rows is in kg.graphdb.statements; the column
tuples here (ENTITY_COLUMNS, CREATE_COLUMNS) fix the positions both sides agree on.

Everything here is pure Python with no driver: dates become `datetime.date`, nested values JSON
text, evidence parallel lists (a property cannot hold maps). Property names follow Neo4j's
naming conventions (camelCase): the store's `deal_type` is `dealType` in the graph database
(`graph_key`; docs/graph-database.md lists them).

    entity_props(entity)  ->  {"id": ..., "name": ..., "kind": "Company", "aliases": [...], ...}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kg.dates import as_date
from kg.schema import (
    Entity,
    Evidence,
    Relation,
    RelationType,
    published_day,
    relation_key,
    split_relation_key,
)

DATE_KEYS = ("date", "published", "since", "until")


EVIDENCE_LISTS = ("evidenceArticles", "evidenceSentences", "evidenceLangs", "evidenceSourceUrls",
                  "evidenceDates")


def evidence_lists(kept: list[tuple[Any, ...]], new: list[Evidence]) -> dict[str, Any]:
    """Parallel lists (a property cannot hold maps), ordered by article then as stated."""
    return evidence_columns(list(kept) + [
        (e.article, e.sentence, e.lang or "", e.source_url or "", published_day(e.published))
        for e in new])


def evidence_entries(text: str) -> list[tuple[str, str, str, str, str]]:
    """(article, sentence, lang, source URL, date) of each item of a stored evidence JSON list,
    as `evidence_lists` takes them from Evidence models (no model built: a full load reads
    many)."""
    return [(e["article"], e["sentence"], e.get("lang") or "", e.get("source_url") or "",
             published_day(e.get("published"))) for e in json.loads(text)]


def kept_entries(old: list[Any], touched: set[str]) -> list[tuple[Any, ...]]:
    """The entries of the evidence lists the database holds (`EVIDENCE_LISTS`, in that order)
    that no touched article stated; a list the database lacks reads as blanks."""
    articles = old[0] or []
    columns = [c if c is not None and len(c) == len(articles) else [""] * len(articles)
               for c in old]
    return [e for e in zip(*columns, strict=True) if e[0] not in touched]


def evidence_columns(entries: list[tuple[Any, ...]]) -> dict[str, Any]:
    """`evidence_lists` of (article, sentence, lang, source URL, date) entries."""
    entries = sorted(entries, key=lambda e: e[0])
    columns = ([list(c) for c in zip(*entries, strict=True)] if entries
               else [[] for _ in EVIDENCE_LISTS])
    return dict(zip(EVIDENCE_LISTS, columns, strict=True)) | {
        "articles": sorted(set(columns[0])), "evidenceCount": len(entries)}


def graph_key(key: str) -> str:
    """A store property name as a graph database property: camelCase, as Neo4j's naming
    conventions have it (`deal_type` -> `dealType`, `source_url` -> `sourceUrl`)."""
    head, *rest = key.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def entity_props(e: Entity) -> dict[str, Any]:
    """An entity's node properties: id, name, kind, aliases and its typed properties (deal
    parties become PARTY_TO relationships instead)."""
    props = typed_props({k: v for k, v in e.properties.items() if k != "parties"})
    return props | {"id": e.id, "name": e.name, "kind": e.kind.value, "aliases": list(e.aliases)}


def article_props(a: Any) -> dict[str, Any]:
    """An article's node properties (no nulls); `name` is the title, for Neo4j Browser."""
    props = {k: getattr(a, k, None) for k in ("id", "file", "title", "lang", "url",
                                               "content_hash")}
    props["format"] = str(getattr(a, "format", "") or "")
    props["name"] = a.title or a.id  # Browser and Bloom caption nodes by `name`
    # as the store's own column has it (an Article's langs may be empty when lang is set): a
    # full load (records) and an incremental one (whole articles) write the same value
    lang = getattr(a, "lang", None)
    props["langs"] = list(getattr(a, "langs", []) or ([lang] if lang else []))
    props |= typed_props({"published": getattr(a, "published", None)})
    return {graph_key(k): v for k, v in props.items() if v is not None}


def typed_props(values: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties, named by `graph_key`: dates as dates, scalars and flat lists as they
    are, anything nested as JSON text under `<key>Json` (a property cannot hold a map)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, str) and key.endswith(DATE_KEYS):
            out |= _date_prop(key, value)
        elif isinstance(value, bool | int | float | str):
            out[graph_key(key)] = value
        elif isinstance(value, list) and _flat(value):
            out[graph_key(key)] = value
        else:
            out[f"{graph_key(key)}Json"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return out


def _flat(values: list[Any]) -> bool:
    kinds = {type(v) for v in values}
    return len(kinds) <= 1 and kinds <= {str, int, float, bool}


def _date_prop(key: str, text: str) -> dict[str, Any]:
    """'2024-06-11' -> a date; '2024-06' and '2024' -> the first day plus `<key>Precision`, so
    ORDER BY and date arithmetic work on every deal; anything else stays text."""
    name = graph_key(key)
    read = as_date(text)
    if read is None:
        return {name: text}
    value, precision = read
    return {name: value} if precision == "day" else {name: value, f"{name}Precision": precision}


def party_rows(deal: Entity) -> list[dict[str, Any]]:
    """One PARTY_TO row per party of a deal: party id, deal id, role, relationship key."""
    return [{"party": p.id, "deal": deal.id, "role": p.role or "party",
             "key": relation_key(p.id, RelationType.PARTY_TO, deal.id)} for p in deal.parties]


def key_ends(key: str) -> tuple[str, str]:
    """(source id, target id) of a relationship key."""
    source, _, rest = key.partition("|")
    return source, rest.rpartition("|")[2]


def by_relation(keys: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Keys grouped by relationship type, sorted. The type is checked against the schema enum
    because it is formatted into the Cypher text (types cannot be parameters): a key with
    another type is a ValueError; a key that is not source|TYPE|target is skipped."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        parts = split_relation_key(key)
        if parts is None and key.count("|") == 2:
            raise ValueError(f"relationship key {key!r}: type not in the schema")
        if parts is not None:
            groups.setdefault(parts[1], []).append(key)
    return sorted((rel, sorted(group)) for rel, group in groups.items())


def plan_relations(
    keys: list[str], new: dict[str, Relation], existing: dict[str, list[Any]], touched: set[str]
) -> dict[str, list[list[Any]]]:
    """Rows for one relationship type. `new`: what the touched articles state now; `existing`:
    the evidence columns the database holds. Evidence of touched articles is dropped and
    restated; a relationship left without evidence is deleted.

    -> {"create"|"create_more": [create_row], "set"|"patch": [[source, target, props]],
        "delete": [[source, target]]}"""
    plan: dict[str, list[list[Any]]] = {"create": [], "create_more": [], "set": [], "patch": [],
                                        "delete": []}
    for key in keys:
        source, target = key_ends(key)
        relation, old = new.get(key), existing.get(key)
        kept = [] if old is None else kept_entries(old, touched)
        evidence = evidence_lists(kept, relation.evidence if relation else [])
        if relation is not None and old is None:
            row = create_row(source, target, key, typed_props(relation.properties), evidence)
            plan["create" if len(row) == len(CREATE_COLUMNS) + 2 else "create_more"].append(row)
        elif relation is not None:
            props = typed_props(relation.properties) | {"key": key} | evidence
            plan["set"].append([source, target, props])
        elif old is not None and evidence["evidenceCount"]:
            plan["patch"].append([source, target, evidence])
        elif old is not None:
            plan["delete"].append([source, target])
    return plan


# Properties every relationship has, in the order `create_row` lists them after the two ids.
CREATE_COLUMNS = ("key", "articles", *EVIDENCE_LISTS, "evidenceCount")


ENTITY_COLUMNS = ("id", "name", "kind", "aliases", "articles")


def flat_row(head: list[Any], props: dict[str, Any], columns: tuple[str, ...]) -> list[Any]:
    """`head` + the values of `columns` + a map of the other properties when there are any.
    ArcadeDB writes a literal property map in CREATE in about half the server time of
    `SET x = map`, and a list packs smaller than a map (less client time in the driver)."""
    row = [*head, *(props[c] for c in columns)]
    extra = {k: v for k, v in props.items() if k not in columns}
    return [*row, extra] if extra else row


def create_row(
    source: str, target: str, key: str, typed: dict[str, Any], evidence: dict[str, Any]
) -> list[Any]:
    """A new relationship: [source, target, *CREATE_COLUMNS(, other properties)]."""
    return flat_row([source, target], typed | {"key": key} | evidence, CREATE_COLUMNS)


def article_rows(
    records: dict[str, Any], relations: list[Relation], mentions: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Property maps of these articles, each with the keys of the relationships it supports
    and the ids of the entities it mentions (`mentions`: entity id -> article ids)."""
    keys: dict[str, set[str]] = {a: set() for a in records}
    ents: dict[str, set[str]] = {a: set() for a in records}
    for r in relations:
        key = relation_key(r.source, r.relation, r.target)
        for ev in r.evidence:
            keys.setdefault(ev.article, set()).add(key)
    for entity, articles in mentions.items():
        for a in articles:
            ents.setdefault(a, set()).add(entity)
    return [article_props(a) | {"relations": sorted(keys[i]), "entities": sorted(ents[i])}
            for i, a in records.items()]
