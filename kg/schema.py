"""The contract between pipeline stages: articles in, entities and relations with evidence out.

Readers produce `Article`; extractors turn one `Article` into an `ExtractionResult`; the store keeps
both; the graph, the Neo4j loader and the exports read `Entity` and `Relation` back.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Base of every contract model: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class EntityKind(StrEnum):
    """What a node is; one Neo4j label per kind."""

    COMPANY = "Company"
    PERSON = "Person"
    REGULATOR = "Regulator"
    DEAL = "Deal"
    COUNTRY = "Country"
    REGION = "Region"
    PRODUCT = "Product"
    LAW = "Law"
    FUND = "Fund"


class RelationType(StrEnum):
    """Every edge type the graph may hold; Cypher relationship types come only from here."""

    INVESTS_IN = "INVESTS_IN"  # investor -> investee company, or investor -> investment Deal
    FUNDS = "FUNDS"  # participant in a funding round -> round Deal (or the company)
    RAISED = "RAISED"  # company -> funding-round Deal
    ACQUIRES = "ACQUIRES"  # acquirer -> target
    REVIEWS = "REVIEWS"  # regulator -> Deal (or company) under review
    PARTNERS_WITH = "PARTNERS_WITH"
    DEPENDS_ON = "DEPENDS_ON"  # dependent -> provider; properties.dependency: gpu, cloud, ...
    COMPETES_WITH = "COMPETES_WITH"
    FOUNDED = "FOUNDED"  # person -> company
    LEADS = "LEADS"  # person -> company; properties.role = CEO, CTO, ...
    WORKS_AT = "WORKS_AT"
    BOARD_MEMBER_OF = "BOARD_MEMBER_OF"
    PARTY_TO = "PARTY_TO"  # company -> Deal; built by the graph from Deal.properties.parties
    LOCATED_IN = "LOCATED_IN"  # company -> Country/Region
    DEVELOPS = "DEVELOPS"  # company -> Product/Model
    REGULATES = "REGULATES"  # Law/Regulator -> company or product


class DealType(StrEnum):
    """What kind of deal a Deal node records."""

    INVESTMENT = "investment"
    FUNDING_ROUND = "funding_round"
    ACQUISITION = "acquisition"
    PARTNERSHIP = "partnership"
    MERGER = "merger"
    HIRING = "acqui_hire"


class DealStatus(StrEnum):
    """Where a deal stands; rumoured deals are kept but marked."""

    ANNOUNCED = "announced"
    COMPLETED = "completed"
    PENDING = "pending"
    UNDER_REVIEW = "under_review"
    CLEARED = "cleared"
    BLOCKED = "blocked"
    RUMOURED = "rumoured"
    CANCELLED = "cancelled"


class ArticleFormat(StrEnum):
    """The input format a reader detected from the content."""

    MARKDOWN_DIGEST = "markdown_digest"  # YAML front matter digest (formats.md §1)
    INSIGHT_DIGEST = "insight_digest"  # zh/en/fr "AI Insight" plain text (formats.md §2)
    HTML = "html"
    RSS = "rss"
    ATOM = "atom"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    TEXT = "text"


# --- articles -------------------------------------------------------------------------------


class SourceRef(Model):
    """A footnote or cited source: where the event was reported."""

    label: str = ""
    title: str = ""
    url: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO date when parseable, else the original text


class KeyPlayer(Model):
    """A row of an insight digest's "Key Players" list."""

    name: str
    description: str = ""
    location: str | None = None


class RelatedCompany(Model):
    """A row of an insight digest's "Related Companies" list."""

    name: str
    stage: str | None = None
    sentiment: str | None = None


class Section(Model):
    """A run of body text in one language (an insight digest carries zh, en and fr sections)."""

    lang: str | None = None
    heading: str = ""
    text: str


class Article(Model):
    """One news article as read from a file, whatever its format."""

    id: str  # stable: source URL, else the JSON id, else the file path (+ '#n' inside a feed)
    file: str  # path of the file it came from, as given
    format: ArticleFormat
    title: str = ""
    text: str  # the whole body as plain text
    sections: list[Section] = Field(default_factory=list)
    lang: str | None = None  # main language: zh, en, fr
    langs: list[str] = Field(default_factory=list)  # every language present
    published: str | None = None  # ISO 8601 date or datetime of the article/digest
    url: str | None = None
    authors: list[str] = Field(default_factory=list)
    outlet: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    key_players: list[KeyPlayer] = Field(default_factory=list)
    related_companies: list[RelatedCompany] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)
    content_hash: str = ""

    def model_post_init(self, __context: Any) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.text)

    @property
    def file_name(self) -> str:
        return re.split(r"[\\/]", self.file)[-1]


def content_hash(*parts: str) -> str:
    """sha256 of the NFC-normalised, whitespace-folded parts: re-encoding or re-wrapping a file
    does not make it a different article."""
    h = hashlib.sha256()
    for part in parts:
        folded = " ".join(unicodedata.normalize("NFC", part or "").split())
        h.update(folded.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


# --- facts ----------------------------------------------------------------------------------


def published_day(published: str | None) -> str:
    """An article's published date (ISO, maybe with a time) as its day alone, `2025-09-09`;
    "" when unknown. The date of an evidence sentence wherever one is shown."""
    return (published or "")[:10]


class Evidence(Model):
    """Where a relation was stated: article, sentence, language, date, source URL, extractor."""

    article: str  # Article.id
    file: str  # file name the article came from
    sentence: str
    lang: str | None = None
    published: str | None = None
    source_url: str | None = None
    title: str | None = None
    extractor: str = "rules"


class Entity(Model):
    """A node: company, person, regulator, deal, place, product, law or fund."""

    id: str  # "<kind>:<slug>", e.g. "company:mistral-ai"; stable across articles
    name: str
    kind: EntityKind
    aliases: list[str] = Field(default_factory=list)
    # Free-form but typed values: str, int, float, bool, lists of those. A Deal carries
    # DealProperties.model_dump(exclude_none=True).
    properties: dict[str, Any] = Field(default_factory=dict)

    @property
    def parties(self) -> list[DealParty]:
        """A deal's parties, typed (`deal_parties(self.properties)`); other kinds have none."""
        return deal_parties(self.properties)


class DealParty(Model):
    """An entity taking part in a deal, with its role."""

    id: str  # entity id
    role: str  # investor, investee, acquirer, target, issuer, partner, lead_investor


def deal_parties(properties: dict[str, Any]) -> list[DealParty]:
    """The typed parties in a Deal's properties as stored (`"parties": [{"id", "role"}, ...]`,
    as `DealProperties` dumps them); an entry without an id is skipped, a missing role is ""."""
    return [DealParty(id=str(p["id"]), role=str(p.get("role") or ""))
            for p in properties.get("parties") or [] if isinstance(p, dict) and p.get("id")]


class DealProperties(Model):
    """The typed properties of a Deal entity (amounts in units, ISO 4217 currencies)."""

    deal_type: DealType
    amount: float | None = None
    currency: str | None = None  # ISO 4217
    amount_text: str | None = None  # the wording as written: "4.15亿美元", "€385m"
    valuation: float | None = None
    valuation_currency: str | None = None
    round: str | None = None  # "Series C", "seed"
    date: str | None = None  # ISO date or partial (YYYY, YYYY-MM)
    date_text: str | None = None
    status: DealStatus | None = None
    parties: list[DealParty] = Field(default_factory=list)


class Relation(Model):
    """A typed, directed edge between two entity ids, with every piece of evidence for it."""

    source: str  # entity id
    target: str  # entity id
    relation: RelationType
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        """(source, relation, target): what makes a relation one relation (`relation_key`
        spells it as one string)."""
        return (self.source, self.relation.value, self.target)


class ExtractionResult(Model):
    """What one extractor found in one article."""

    article: str  # Article.id
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


_RELATION_TYPES = frozenset(r.value for r in RelationType)


def relation_key(source: str, relation: RelationType | str, target: str) -> str:
    """A relation's identity as one string, `source|RELATION|target`: the graph database's
    relationship key and the exported edge id. Entity ids are slugs, never holding "|"."""
    return f"{source}|{RelationType(relation).value}|{target}"


def split_relation_key(key: str) -> tuple[str, str, str] | None:
    """(source, relation, target) of a `relation_key`; None if `key` is not one."""
    parts = key.split("|")
    if len(parts) != 3 or parts[1] not in _RELATION_TYPES:
        return None
    return parts[0], parts[1], parts[2]


@lru_cache(maxsize=8192)  # the same names come back in every article
def slug(text: str) -> str:
    """Lower-case ASCII-ish slug that keeps CJK: 'Mistral AI' -> 'mistral-ai', '智谱' -> '智谱'."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^\w\u3400-\u9fff]+", "-", s).strip("-")
    return s or hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def entity_id(kind: EntityKind | str, name: str) -> str:
    """Stable id of an entity: `entity_id("Company", "Mistral AI") == "company:mistral-ai"`."""
    return f"{EntityKind(kind).value.lower()}:{slug(name)}"
