"""What the store hands out (outcomes, records, stats) and the rows it reads and writes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from kg.resolve import merge_aliases, merge_properties, merge_relation
from kg.schema import Article, Entity, Evidence, ExtractionResult, Relation


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


def merge_entity_rows(rows: list[tuple[Any, ...]]) -> Entity:
    """One entity from its article_entities rows, oldest first (entity_id, article_id, seq,
    name, kind, aliases, properties)."""
    first = rows[0]
    names = [r[3] for r in rows[1:]]
    aliases = merge_aliases(first[3], *(json.loads(r[5]) for r in rows), names)
    props = merge_properties(json.loads(r[6]) for r in rows)
    return Entity(id=first[0], name=first[3], kind=first[4], aliases=aliases, properties=props)


def merge_relation_rows(rows: list[tuple[Any, ...]], only: set[str] | None) -> Relation:
    """One relation from its article_relations rows, oldest first (source, relation, target,
    article_id, seq, properties, evidence, evidence_count); evidence only from the articles in
    `only` when given."""
    evidence: list[Evidence] = []
    for r in rows:
        if only is None or r[3] in only:
            evidence.extend(Evidence.model_validate(e) for e in json.loads(r[6]))
    return Relation(
        source=rows[0][0], relation=rows[0][1], target=rows[0][2],
        properties=merge_properties(json.loads(r[5]) for r in rows), evidence=evidence,
    )


_UNDATED = date.max.toordinal() + 1
_DATE = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


def merge_order(published: str | None, article_id: str) -> int:
    """The `seq` of an article's fact rows: facts merge in this order (a later non-empty value
    wins, evidence lists follow it). By publication date, then by a hash of the article id:
    the same store content gives the same merged values whatever order articles were ingested
    in (two concurrent ingests, or workers finishing in any order)."""
    day = _UNDATED  # an undated article counts as the newest: news is read when it is new
    m = _DATE.match(published or "")
    if m:
        with contextlib.suppress(ValueError):
            day = date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).toordinal()
    digest = hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"), digest_size=5).digest()
    return day * 2**40 + int.from_bytes(digest, "big")
