"""The built-in `rules` extractor: gazetteer + discovery + coreference + relation patterns.

from kg.extract import extract_article
result = extract_article(article)          # ExtractionResult: entities, relations, evidence
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kg.extract import dependency, families, links, pairs
from kg.extract.aliases import paired_names
from kg.extract.discover import discover
from kg.extract.doc import Doc
from kg.extract.facts import (
    Fact,
    Found,
    date_props,
    failed,
    hedged,
    negated,
    planned,
    resource_word,
)
from kg.extract.gazetteer import load_gazetteer
from kg.extract.patterns import Trigger, lexicon
from kg.extract.roles import roles, warm_up
from kg.extract.slots import FIRMS, Ctx
from kg.extract.text import Sentence, split_sentences
from kg.extract.zh_names import zh_firms
from kg.schema import (
    Article,
    DealStatus,
    DealType,
    Entity,
    EntityKind,
    Evidence,
    ExtractionResult,
    Relation,
    RelationType,
)

Handler = Callable[[Ctx, Trigger, int, int, Found, "str | None"], None]
HANDLERS: dict[str, Handler] = {
    "invest": families.invest,
    "fund": families.fund,
    "raise": families.raise_,
    "acquire": families.acquire,
    "join": families.join,
    "compete": links.compete,
    "depend": dependency.depend,
    "review": pairs.review,
    "partner": pairs.partner,
}
_ONCE = {"partner", "raise"}
_PAIR_FAMILIES = {"review", "partner"}
# a hedge before: not yet
_PLANNABLE = {"acquire", "invest", "fund", "partner", "depend", "join", "raise"}
MAX_SENTENCE = 2000  # characters
_REVIEWERS = {EntityKind.REGULATOR, EntityKind.COUNTRY, EntityKind.REGION}
_DENIABLE = {
    "invest",
    "fund",
    "raise",
    "acquire",
    "partner",
    "join",
}  # one match per sentence is enough for these


class RulesExtractor:
    name = "rules"

    def __init__(self) -> None:
        # read every data file now, once per worker process, not inside the first article
        load_gazetteer()
        lexicon()
        warm_up()

    def extract(self, article: Article) -> ExtractionResult:
        doc = read_article(article)
        found = Found(reference=reference_date(article))
        for sent, mentions in zip(doc.sentences, doc.mentions, strict=True):
            if (not mentions and not _OPENS_WITH_IT.match(sent.text)) or len(
                sent.text
            ) > MAX_SENTENCE:
                continue  # a "sentence" this long is a table or a list dump, not prose
            ctx = Ctx(doc, sent, mentions)
            run_triggers(ctx, found)
            pairs.review_continued(ctx, found)
            roles(ctx, found)
            if len({m.eid for m in mentions if m.kind in FIRMS}) >= 2:
                found.recent_pairs = pairs.typed_pairs(ctx, found) or found.recent_pairs
        return build_result(article, doc, found, self.name)


# "Elle avait levé 19 millions fin 2022": no name, the firm the sentence before was about
_OPENS_WITH_IT = re.compile(r"(?:Elle|Il)\s+(?!y\s+a\b|faut\b|s[’']agit\b)")


def read_article(article: Article) -> Doc:
    gaz = load_gazetteer()
    sentences = article_sentences(article)
    doc = Doc(gaz, sentences)
    if article.title:
        doc.title_ids = gaz.match_loose(article.title)
    listed = {p.name: EntityKind.COMPANY for p in article.key_players}
    listed |= {c.name: EntityKind.COMPANY for c in article.related_companies}
    text = "\n".join(s.text for s in sentences)
    found = discover(text)
    zh_found, zh_pairs = zh_firms(text, gaz)
    for name, kind in zh_found.items():
        found.setdefault(name, kind)
    doc.add_discovered(found, listed, [*paired_names(text), *zh_pairs])
    doc.read()
    return doc


def article_sentences(article: Article) -> list[Sentence]:
    body = article.text
    title = article.title.strip()
    # a slug title ("vega-ai-signs-deal-with …") only helps coreference, never states facts
    if title and not title.islower() and " ".join(title.split()) not in " ".join(body.split()):
        body = title + "\n" + body
    return split_sentences(body, article.lang or "en")


def reference_date(article: Article) -> str | None:
    if article.published:
        return article.published[:10]
    m = re.search(r"(20\d\d)[/-](\d\d)[/-](\d\d)", article.url or article.id)
    return "-".join(m.groups()) if m else None


def run_triggers(ctx: Ctx, found: Found) -> None:
    lang = ctx.sent.lang
    lowered = ctx.text.lower()
    status: str | None = None
    hedge_read = False  # the hedge words are read only once a trigger has matched
    done: set[str] = set()
    # pair rules last: they read the sentence's own investments to tell co-investors apart
    for trig in lexicon().candidates(lowered, lang, _skipped(ctx), last=_PAIR_FAMILIES):
        if trig.family in _ONCE and trig.family in done:
            continue
        for m in trig.finditer(ctx.text, lowered):
            if negated(ctx.text, m.start(), _own_end(trig, m), lang) or _inside_name(
                ctx, m.start(), m.end()
            ):
                continue  # "Helix Venture Partners" states no partnership
            if trig.family in _PLANNABLE and (
                planned(ctx.text, m.start(), lang) or failed(ctx.text, m.start(), m.end(), lang)
            ):
                continue  # "in talks to acquire X", "walked away from its purchase of X"
            if not hedge_read:
                status, hedge_read = ("rumoured" if hedged(ctx.text, lang) else None), True
            stated = len(found.facts)
            HANDLERS[trig.family](ctx, trig, m.start(), m.end(), found, status)
            if len(found.facts) > stated:  # a frame that found no one leaves the next one a try
                done.add(trig.family)
            if trig.family in _ONCE and trig.agent != "right":
                break  # passive rounds each name their own raiser ("the $2bn raised by X, … by Y")


def _own_end(trig: Trigger, m: re.Match[str]) -> int:
    """Where the negation window ends: a review word may itself block a deal (叫停, 否决), and
    "sold to" is the takeover itself, not a divestment."""
    return m.start() if trig.family == "review" or trig.negation_before else m.end()


def _skipped(ctx: Ctx) -> set[str]:
    """Families this sentence cannot state, whatever its words."""
    kinds = {m.kind for m in ctx.mentions}
    skip = set() if kinds & _REVIEWERS else {"review"}
    if EntityKind.PERSON not in kinds:
        skip.add("join")
    parties = {m.eid for m in ctx.mentions}
    if len(parties) < 2 and (it := ctx.doc.previous_subject(ctx.sent)):
        parties.add(it)  # "It invested $16 million in X": "it" is the other party
    if len(parties) < 2:  # one party: "X raised …", "Y led it"
        # fund: the round in topic; depend: "GPUs come from X" said of the paragraph's topic
        skip |= set(HANDLERS) - {"raise", "review", "fund", "depend"}
    if lexicon().denials.search(ctx.text):
        skip |= _DENIABLE
    return skip


def _inside_name(ctx: Ctx, start: int, end: int) -> bool:
    return any(
        m.via in ("name", "discovered") and m.start <= start and end <= m.end for m in ctx.mentions
    )


# --- result ---------------------------------------------------------------------------------


def build_result(article: Article, doc: Doc, found: Found, extractor: str) -> ExtractionResult:
    names = {eid: d.name for eid, d in doc.entities.items()}
    typed_of = _typed_deals(found)  # may add the typed drafts
    stated = _takeovers(found, doc.sentences)  # may add acquisition drafts
    deal_ids = {key: draft.id(names) for key, draft in found.deals.drafts.items()}
    for key, typed in typed_of.items():
        deal_ids[key] = deal_ids[typed]
        found.deals.drafts[typed].status = found.deals.drafts[typed].status or (
            found.deals.drafts[key].status
        )
    relations: dict[tuple[str, str, str], Relation] = {}
    used_deals: set[str] = set(stated)
    evidence: dict[int, Evidence] = {}  # one per sentence, shared by the facts it states
    for fact in found.facts:
        target = deal_ids.get(fact.target, fact.target)
        if fact.target in deal_ids:
            used_deals.add(typed_of.get(fact.target, fact.target))
        if fact.sentence not in evidence:
            sent = doc.sentences[fact.sentence]
            evidence[fact.sentence] = _evidence(article, sent, extractor)
        _merge(relations, fact, target, evidence[fact.sentence])
    entities = _entities(doc, relations)
    # by id; two drafts of one deal (a round told with and without its label) in draft order
    entities += sorted(
        (draft.entity(names) for key, draft in found.deals.drafts.items() if key in used_deals),
        key=lambda e: e.id,
    )
    return ExtractionResult(
        article=article.id, entities=entities, relations=_in_text_order(relations, evidence)
    )


def _in_text_order(
    relations: dict[tuple[str, str, str], Relation], evidence: dict[int, Evidence]
) -> list[Relation]:
    """Relations by their first sentence, then key; each one's evidence in text order: the same
    output whatever order the rules found them in (some go through sets: PYTHONHASHSEED)."""
    at: dict[str, int] = {}
    for index in sorted(evidence):
        at.setdefault(evidence[index].sentence, index)
    for rel in relations.values():
        rel.evidence.sort(key=lambda ev: at.get(ev.sentence, -1))
    first = {key: at.get(rel.evidence[0].sentence, -1) for key, rel in relations.items()}
    return [relations[key] for key in sorted(relations, key=lambda key: (first[key], key))]


def _typed_deals(found: Found) -> dict[str, str]:
    """Untyped reviewed deals and the one typed deal of the same parties the article states."""
    out = {}
    drafts = found.deals.drafts
    for key in found.untyped:
        parties = {p for p, _ in drafts[key].parties}
        same = [
            k
            for k, d in drafts.items()
            if k != key
            and d.round is None
            and {p for p, _ in d.parties} == parties
            and d.deal_type is not DealType.PARTNERSHIP
        ]
        stated = {
            (f.source, f.target, f.relation)
            for f in found.facts
            if f.relation in _DEAL_RELATIONS and {f.source, f.target} == parties
        }
        told = [
            k
            for k in same
            if tuple(p for p, _ in drafts[k].parties[:2]) in {(a, b) for a, b, _ in stated}
        ]
        if not same and len(stated) == 1:  # "Helsing invested in Kyutai": that deal
            a, b, rel = next(iter(stated))
            told = [found.deals.pair(_DEAL_RELATIONS[rel], a, b).key]
        if len(told or same) == 1:
            out[key] = (told or same)[0]
    return out


def _takeovers(found: Found, sentences: list[Sentence]) -> set[str]:
    """Every acquisition the article states (not rumoured: failed, planned and denied ones
    state no fact at all) is a Deal of acquirer and target, as a reviewed one is; completed
    when its sentence or the next one says so ("the deal closed in July": that date too)."""
    keys = set()
    for f in found.facts:
        if f.relation is not RelationType.ACQUIRES or f.props.get("status") == "rumoured":
            continue
        draft = found.deals.takeover(f.source, f.target, f.props)
        keys.add(draft.key)
        if draft.status is not None:
            continue  # already told (reviewed, or completed by an earlier telling)
        done = next((s for s in sentences[f.sentence : f.sentence + 2] if _completed(s)
                     and not _other_takeover(found, s.index, f)), None)
        if done is not None:
            draft.status = DealStatus.COMPLETED
            if draft.date is None and (when := date_props(done.text, found.reference)):
                draft.date, draft.date_text = when["date"], when["date_text"]
    return keys


def _other_takeover(found: Found, index: int, fact: Fact) -> bool:
    return any(o.relation is RelationType.ACQUIRES and (o.source, o.target) != (
        fact.source, fact.target) for o in found.in_sentence(index))


def _completed(sent: Sentence) -> bool:
    """A completion word with no hedge before it ("is expected to close" says nothing)."""
    lex = lexicon()
    m = lex.completions[sent.lang if sent.lang in lex.completions else "en"].search(sent.text)
    return m is not None and not planned(sent.text, m.start(), sent.lang)


_DEAL_RELATIONS = {
    RelationType.INVESTS_IN: DealType.INVESTMENT,
    RelationType.ACQUIRES: DealType.ACQUISITION,
}


_SYMMETRIC = {RelationType.PARTNERS_WITH, RelationType.COMPETES_WITH}


def _merge(
    relations: dict[tuple[str, str, str], Relation], fact: Fact, target: str, evidence: Evidence
) -> None:
    if fact.relation in _SYMMETRIC and target < fact.source:  # one edge, whichever way told
        fact = Fact(target, fact.relation, fact.source, fact.sentence, fact.props)
        target = fact.target
    key = (fact.source, fact.relation.value, target)
    rel = relations.get(key)
    if rel is None:
        relations[key] = Relation(
            source=fact.source,
            target=target,
            relation=fact.relation,
            properties=dict(fact.props),
            evidence=[evidence],
        )
        return
    if all(e.sentence != evidence.sentence for e in rel.evidence):
        rel.evidence.append(evidence)
    if _names_no_resource(rel) and fact.props.get("what") not in (None, rel.properties["what"]):
        rel.properties.update(dependency=fact.props.get("dependency"), what=fact.props["what"])
    for k, v in fact.props.items():
        rel.properties.setdefault(k, v)
    if "status" not in fact.props and rel.properties.get("status") == "rumoured":
        del rel.properties["status"]  # stated plainly somewhere: not only a rumour


def _names_no_resource(rel: Relation) -> bool:
    """A dependency told first without its resource ("relies on NVIDIA for its own cloud"):
    a later sentence naming the resource ("NVIDIA GPUs") says better what it is."""
    what = rel.properties.get("what")
    return (
        rel.relation is RelationType.DEPENDS_ON
        and isinstance(what, str)
        and bool(what)
        and resource_word(what) is None
    )


def _evidence(article: Article, sent: Sentence, extractor: str) -> Evidence:
    return Evidence(
        article=article.id,
        file=article.file_name,
        sentence=sent.text,
        lang=sent.lang,
        published=article.published,
        source_url=article.url,
        title=article.title or None,
        extractor=extractor,
    )


def _entities(doc: Doc, relations: dict[tuple[str, str, str], Relation]) -> list[Entity]:
    wanted = set(doc.counts) | {k[0] for k in relations} | {k[2] for k in relations}
    out = []
    for eid in sorted(wanted):
        draft = doc.entities.get(eid)
        if draft is None:
            continue
        props: dict[str, Any] = {}
        if draft.known is not None:
            known = draft.known
            props = {
                k: v
                for k, v in (
                    ("country", known.country),
                    ("tags", list(known.tags)),
                    ("owner", known.owner),
                )
                if v
            }
        out.append(
            Entity(
                id=eid,
                name=draft.name,
                kind=draft.kind,
                aliases=sorted(draft.aliases),
                properties=props,
            )
        )
    return out
