"""One entity looked up: found by id, name or alias (a typo gets "did you mean"), and shown
with its relations, each with its best evidence, and the deals it is party to.

    >>> with open_store("kg-data") as store:
    ...     card = show_entity(store, "Mistral AI")
    >>> card.relations[0].sentence
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from kg.errors import InputError
from kg.schema import Entity, EntityKind, Evidence, Relation, published_day
from kg.store import Store

SUGGESTIONS = 3
SUGGEST_SCORE = 70  # rapidfuzz WRatio, 0-100: below this a name is not offered


class RelationLine(BaseModel):
    """One relation of the entity, in its own direction (subject RELATION object), with the
    evidence sentence that best supports it and how many distinct articles state it."""

    subject: str
    relation: str
    object: str
    detail: str = ""  # relation properties: "dependency: cloud", "role: CEO"
    articles: int
    sentences: int
    date: str | None = None
    lang: str | None = None
    sentence: str = ""
    url: str | None = None
    article: str = ""
    subject_id: str
    object_id: str


class DealLine(BaseModel):
    """A deal the entity is party to, with its role and the other parties."""

    deal: str
    id: str
    type: str | None = None
    status: str | None = None
    amount: int | float | None = None
    currency: str | None = None
    date: str | None = None
    role: str = ""
    parties: list[str] = Field(default_factory=list)  # "Name (role)"
    articles: int = 0


class EntityCard(BaseModel):
    """What `kg show` prints: the merged entity, its relations and its deals."""

    id: str
    name: str
    kind: str
    aliases: list[str]
    properties: dict[str, Any]
    relations: list[RelationLine]
    deals: list[DealLine]


def find_entity(store: Store, text: str) -> Entity:
    """The merged entity whose id, name or alias is `text` (any case); InputError with the
    closest names when there is none."""
    ids = store.lookups.ids_named(text) or sorted(store.reads.ids_named(text))
    if not ids:
        raise InputError(f"{text!r}: no such entity{_suggestion(store, text)}")
    return store.reads.entities_of(ids[:1])[0]


def _suggestion(store: Store, text: str) -> str:
    """" (did you mean 'A', 'B'?)": the entities with the names or aliases closest to `text`,
    each by its own name."""
    from rapidfuzz import fuzz, process, utils  # only a miss pays for it

    pairs = store.lookups.all_names()
    found = process.extract(text, [name for _, name in pairs], scorer=fuzz.WRatio,
                            processor=utils.default_process, limit=SUGGESTIONS * 5,
                            score_cutoff=SUGGEST_SCORE)
    ids = list(dict.fromkeys(pairs[index][0] for _, _, index in found))[:SUGGESTIONS]
    names = store.lookups.first_names(ids)
    if not ids:
        return " (`kg entities --search TEXT` lists names containing TEXT)"
    shown = [names.get(i, i) for i in ids]
    # two entities of one name (a company and its product): each by its id, which `kg show` takes
    shown = [i if shown.count(name) > 1 else name for i, name in zip(ids, shown, strict=True)]
    return " (did you mean " + ", ".join(repr(name) for name in shown) + "?)"


def show_entity(store: Store, text: str, lang: str | None = None) -> EntityCard:
    """The card of one entity; `lang` prefers evidence sentences in that language."""
    entity = find_entity(store, text)
    relations = store.reads.relations_touching([entity.id])
    # A deal's own card lists the deal itself: its parties with their roles.
    deal_ids = [entity.id] if entity.kind is EntityKind.DEAL else store.lookups.deals_of(entity.id)
    others = {r.source for r in relations} | {r.target for r in relations}
    deals = store.reads.entities_of(deal_ids)
    party_ids = {p.id for d in deals for p in d.parties}
    known = {e.id: e for e in store.reads.entities_of(others | party_ids | {entity.id})}
    counts = store.lookups.article_counts([r.key for r in relations])
    lines = [_relation_line(r, known, counts.get(r.key, 0), lang) for r in relations]
    lines.sort(key=lambda line: (line.relation, line.subject_id != entity.id, line.subject,
                                 line.object))
    return EntityCard(
        id=entity.id, name=entity.name, kind=entity.kind.value, aliases=entity.aliases,
        properties=entity.properties, relations=lines,
        deals=_deal_lines(entity.id, deals, known, store.lookups.deal_articles(deal_ids)),
    )


def _relation_line(r: Relation, known: dict[str, Entity], articles: int,
                   lang: str | None) -> RelationLine:
    ends = [known.get(r.source), known.get(r.target)]
    names = [_names(e) if e else set() for e in ends]
    best = best_evidence(r.evidence, names, lang)
    return RelationLine(
        subject=_name(r.source, known), relation=r.relation.value, object=_name(r.target, known),
        detail=", ".join(f"{k}: {_plain_number(v)}" for k, v in sorted(r.properties.items())
                         if v not in (None, "", []) and not k.endswith("_text")),
        articles=articles, sentences=len(r.evidence),
        date=published_day(best.published) or None if best else None,
        lang=best.lang if best else None, sentence=best.sentence if best else "",
        url=best.source_url if best else None, article=best.article if best else "",
        subject_id=r.source, object_id=r.target,
    )


def best_evidence(evidence: list[Evidence], names: list[set[str]],
                  lang: str | None = None) -> Evidence | None:
    """The sentence to show for a relation: in `lang` if asked, naming both ends (by any of
    their names), with a source URL, the most recent; then the shortest."""
    def score(ev: Evidence) -> tuple[Any, ...]:
        text = ev.sentence.casefold()
        named = sum(any(n in text for n in group) for group in names)
        return (bool(lang) and ev.lang == lang, named, bool(ev.source_url),
                ev.published or "", -len(ev.sentence))

    return max(evidence, key=score) if evidence else None


def _plain_number(value: Any) -> Any:
    """1300000000.0 -> 1300000000: amounts are stored as floats, most are whole."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _names(entity: Entity) -> set[str]:
    return {n.casefold() for n in [entity.name, *entity.aliases] if n}


def _name(entity_id: str, known: dict[str, Entity]) -> str:
    entity = known.get(entity_id)
    return entity.name if entity else entity_id


def _deal_lines(entity_id: str, deals: list[Entity], known: dict[str, Entity],
                articles: dict[str, int]) -> list[DealLine]:
    lines = [deal_line(d, known, articles.get(d.id, 0), entity_id) for d in deals]
    return sorted(lines, key=lambda line: (line.date or "", line.deal))


def deal_line(deal: Entity, known: dict[str, Entity], articles: int,
              party: str | None = None) -> DealLine:
    """A deal as a listing row; `role` is `party`'s role in it (several roles joined)."""
    p = deal.properties
    return DealLine(
        deal=deal.name, id=deal.id, type=p.get("deal_type"), status=p.get("status"),
        amount=_plain_number(p.get("amount")), currency=p.get("currency"), date=p.get("date"),
        role=", ".join(dict.fromkeys(x.role for x in deal.parties if x.id == party)),
        parties=[f"{_name(x.id, known)} ({x.role or 'party'})" for x in deal.parties],
        articles=articles,
    )
