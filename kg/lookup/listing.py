"""Listings of the store: entities, deals, ingested articles, and full-text search.

    >>> with open_store("kg-data") as store:
    ...     rows = list_entities(store, kind="Company", sort="degree")
    ...     deals = list_deals(store, status="under_review", since="2024")
    ...     hits = search(store, "Koyeb")
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from kg.dates import check_bound, in_range
from kg.errors import InputError
from kg.lookup.entity import DealLine, deal_line, find_entity
from kg.schema import DealStatus, DealType, EntityKind, split_relation_key
from kg.store import Store

Sort = Literal["degree", "name", "recent"]
FACTS_SHOWN = 3  # relations named per article in a table (all of them in JSON)


class EntityRow(BaseModel):
    """An entity in a listing: relations = distinct relations and deals it is part of."""

    name: str
    kind: str
    relations: int
    articles: int
    last: str | None = None  # latest published date of an article naming it
    aliases: list[str] = Field(default_factory=list)
    id: str


def list_entities(store: Store, kind: str | None = None, search: str | None = None,
                  sort: Sort = "degree") -> list[EntityRow]:
    """Entities, optionally of one kind or with a name or alias containing `search`; sorted by
    degree (most connected first), name, or recent (latest article first)."""
    if kind:
        kind = _choice(kind, [k.value for k in EntityKind], "kind")
    rows = [EntityRow(**{**r, "last": (r["last"] or "")[:10] or None})
            for r in store.lookups.entity_rows(kind, search)]
    if sort == "name":
        rows.sort(key=lambda r: (r.name.casefold(), r.id))
    elif sort == "recent":
        rows.sort(key=lambda r: (r.last or "", -r.relations), reverse=True)
    elif sort == "degree":
        rows.sort(key=lambda r: (-r.relations, r.name.casefold(), r.id))
    else:
        raise InputError(f"sort {sort!r}: expected degree, name or recent")
    return rows


def list_deals(store: Store, deal_type: str | None = None, status: str | None = None,
               party: str | None = None, since: str | None = None,
               until: str | None = None) -> list[DealLine]:
    """Deals, newest first, filtered by type, status, a party (name, alias or id) and a date
    range (YYYY[-MM[-DD]]; a deal's date overlaps it)."""
    since, until = (check_bound(since) if since else None), (check_bound(until) if until else None)
    deal_type = _choice(deal_type, [t.value for t in DealType], "deal type") if deal_type else None
    status = _choice(status, [s.value for s in DealStatus], "status") if status else None
    who = find_entity(store, party).id if party else None
    ids = store.lookups.deals_of(who) if who else store.lookups.ids_of_kind("Deal")
    deals = store.reads.entities_of(ids)
    deals = [d for d in deals
             if (not deal_type or d.properties.get("deal_type") == deal_type)
             and (not status or d.properties.get("status") == status)
             and (not (since or until) or in_range(d.properties.get("date"), since, until))]
    known = {e.id: e for e in store.reads.entities_of({p.id for d in deals for p in d.parties})}
    articles = store.lookups.deal_articles([d.id for d in deals])
    lines = [deal_line(d, known, articles.get(d.id, 0), who) for d in deals]
    return sorted(lines, key=lambda line: (line.date or "", line.deal), reverse=True)


class ArticleRow(BaseModel):
    """An ingested article: when it was stored, and the facts it gave."""

    title: str
    published: str | None = None
    ingested: str | None = None
    lang: str | None = None
    entities: int
    relations: int
    facts: list[str] = Field(default_factory=list)  # "Source RELATION Target"
    file: str
    id: str


def list_articles(store: Store, since: str | None = None,
                  until: str | None = None) -> list[ArticleRow]:
    """Stored articles, the latest ingested first, with the facts each gave; `since`/`until`
    keep articles published within the range."""
    since, until = (check_bound(since) if since else None), (check_bound(until) if until else None)
    facts = store.lookups.facts_by_article()
    ends = sorted({end for _, rels in facts.values() for s, _, t in rels for end in (s, t)})
    names = store.lookups.first_names(ends)
    out = []
    for record, ingested in store.lookups.article_rows():
        if (since or until) and not in_range(record.published, since, until):
            continue
        count, rels = facts.get(record.id, (0, []))
        out.append(ArticleRow(
            title=record.title, published=(record.published or "")[:10] or None,
            ingested=ingested, lang=",".join(record.langs) or record.lang, entities=count,
            relations=len(rels), file=record.file, id=record.id,
            facts=[f"{names.get(s, s)} {r} {names.get(t, t)}" for s, r, t in rels]))
    return out


class SearchHit(BaseModel):
    """A name, alias or evidence sentence containing the searched text."""

    match: Literal["name", "sentence"]
    text: str
    entity: str  # the entity's name, or "Source RELATION Target" for a sentence
    kind: str = ""  # the entity's kind, or the relation type
    article: str | None = None  # the article of a sentence (a name is in many)
    id: str  # entity id, or the relation's source|RELATION|target


def search(store: Store, text: str, limit: int = 50) -> list[SearchHit]:
    """Names and aliases, then evidence sentences, containing `text` (any case, any script,
    accents on Latin letters ignored: "autorite" finds "Autorité"; three characters or more
    use the full-text index)."""
    if not text.strip():
        raise InputError("search text is empty")
    rows = store.lookups.search(text, limit * 5)
    ids = {ref for what, ref, _, _ in rows if what == "name"}
    ids |= {end for what, ref, _, _ in rows if what == "sentence"
            for end in (split_relation_key(ref) or ("", "", ""))[::2] if end}
    known = {e.id: e for e in store.reads.entities_of(ids)}
    seen: set[tuple[str, str]] = set()
    hits = []
    for what, ref, found, article in rows:
        if (ref, found) in seen:
            continue
        seen.add((ref, found))
        if what == "name":
            entity = known.get(ref)
            hits.append(SearchHit(match="name", text=found, entity=entity.name if entity else ref,
                                  kind=entity.kind.value if entity else "", id=ref))
        else:
            s, r, t = split_relation_key(ref) or (ref, "", "")
            label = f"{known[s].name if s in known else s} {r} {known[t].name if t in known else t}"
            hits.append(SearchHit(match="sentence", text=found, entity=label, kind=r,
                                  article=article, id=ref))
    return hits[:limit]


def _choice(value: str, allowed: list[str], what: str) -> str:
    """`value` as the schema spells it (any case), or a one-line InputError listing them."""
    for option in allowed:
        if option.casefold() == value.strip().casefold():
            return option
    raise InputError(f"{what} {value!r}: expected one of {', '.join(allowed)}")
