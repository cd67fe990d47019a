"""What the relation rules produce: facts tied to one sentence, before evidence is attached."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.extract.deals import Deals
from kg.extract.normalize import Money, find_amounts, find_dates
from kg.extract.patterns import Lexicon, lexicon
from kg.extract.slots import Ctx
from kg.schema import DealType, RelationType


@dataclass
class Fact:
    source: str
    relation: RelationType
    target: str  # entity id, or "round:<raiser id>" / a pair-deal key until deals are named
    sentence: int
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Found:
    """Everything the rules found in one article."""

    reference: str | None  # date that relative dates ("last month") are resolved against
    deals: Deals = field(default_factory=Deals)
    facts: list[Fact] = field(default_factory=list)
    last_investee: str | None = None
    round_sentence: int | None = None  # the last sentence that stated a raise
    recent_pairs: list[tuple[str, str, DealType]] = field(default_factory=list)
    reviewed: set[int] = field(default_factory=set)  # sentences a review rule has read
    last_review: tuple[int, list[str]] | None = None  # sentence and reviewers of the last review
    # the last deal stated plainly (sentence, agent, patient, relation): what "the deal",
    # "这项合作", "a similar review" point back to
    last_deal: tuple[int, str, str, RelationType] | None = None
    # the same facts by sentence: rules read their own sentence's facts, and scanning every
    # fact per sentence made a long article quadratic
    by_sentence: dict[int, list[Fact]] = field(default_factory=dict)
    # deals a review named with no word for their kind ("a probe holds up the Helsing deal"): the
    # typed deal of the same parties the article states elsewhere, if any, is the one reviewed
    untyped: set[str] = field(default_factory=set)

    def in_sentence(self, index: int) -> list[Fact]:
        """The facts stated by sentence `index`, in the order they were found."""
        return self.by_sentence.get(index, [])

    def firm_of(self, person: str) -> str | None:
        """The one firm the article has said `person` founded or leads ("李某获得腾讯投资")."""
        firms = {
            f.target
            for f in self.facts
            if f.source == person and f.relation in (RelationType.FOUNDED, RelationType.LEADS)
        }
        return next(iter(firms)) if len(firms) == 1 else None

    def add(self, ctx: Ctx, source: str, relation: RelationType, target: str, **props: Any) -> None:
        if source == target:
            return
        clean = {k: v for k, v in props.items() if v not in (None, "", [], False)}
        fact = Fact(source, relation, target, ctx.sent.index, clean)
        self.facts.append(fact)
        self.by_sentence.setdefault(fact.sentence, []).append(fact)
        if relation in _DEALS and not target.startswith("round:"):
            self.last_deal = (ctx.sent.index, source, target, relation)


_DEALS = {RelationType.INVESTS_IN, RelationType.ACQUIRES, RelationType.PARTNERS_WITH}


def negated(text: str, start: int, end: int, lang: str) -> bool:
    lex = lexicon()
    window = text[max(0, start - (8 if lang == "zh" else 30)) : end]
    if lang == "fr" and _FR_AFTER.match(text, end):
        return True  # "ne fournit plus", "n’investit pas": the second half follows the verb
    if lang == "fr" and _FR_FAILED.search(text, end, end + 120):
        return True  # "le rachat de X par Y a échoué"
    return bool(lex.negations[lang if lang in lex.negations else "en"].search(window))


_FR_AFTER = re.compile(r"\s+(?:pas|plus|jamais|guère)\b", re.I)
_FR_FAILED = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:finalement\s+|donc\s+)?(?:échoué|avorté|capoté)\b|"
    r"\b(?:a|ont|avait)\s+(?:finalement\s+)?été\s+(?:annulée?s?|abandonnée?s?|bloquée?s?)\b|"
    r"\bn[’']a\s+(?:finalement\s+)?pas\s+abouti|\btomb\w*\s+à\s+l[’']eau\b|"
    r"\bn[’'](?:aura|a|avait|auront|ont)\s+(?:finalement\s+|donc\s+)?pas\s+(?:eu\s+)?lieu\b|"
    r"\bne\s+(?:se\s+)?(?:fera|feront|fait|réalisera|concrétisera)\s+pas\b|"
    r"\bne\s+verra\s+(?:donc\s+|finalement\s+)?pas\s+le\s+jour\b",
    re.I,
)


def planned(text: str, start: int, lang: str) -> bool:
    """A hedge right before the trigger ("in talks to acquire", "envisage de racheter",
    "拟收购"): the deal is not done, so it is no fact yet."""
    lex = lexicon()
    window = text[max(0, start - (6 if lang == "zh" else 40)) : start]
    window = re.split(r"[,;:，；]", window)[-1]  # "which lost an attempt to hire P, invested"
    lang = lang if lang in lex.hedges else "en"
    return bool(lex.hedges[lang].search(window) or lex.modals[lang].search(window))


def failed(text: str, start: int, end: int, lang: str) -> bool:
    """A failure word in the trigger's clause ("walked away from its purchase of X", "the
    acquisition of X by Y collapsed"): the deal did not happen."""
    lex = lexicon()
    # zh: 20 characters, room for a Latin name ("X对Poolside的收购告吹"); the clause ends first
    reach = 20 if lang == "zh" else 60
    before = _CLAUSE_END.split(text[max(0, start - reach) : start])[-1]
    after = _CLAUSE_END.split(text[end : end + reach])[0]
    rx = lex.failures[lang if lang in lex.failures else "en"]
    if lang == "zh" and lex.ended_later.search(_rest_of_sentence(text, start)):
        return True  # "…达成合作，但该合作已于今年终止": ended later in the sentence
    return bool(rx.search(before) or rx.search(after))


def _rest_of_sentence(text: str, start: int) -> str:
    """From the start of the trigger's clause to the end of its sentence."""
    begin = max(text.rfind(c, 0, start) for c in "，,；;。") + 1
    return re.split(r"[。；;]", text[begin:], maxsplit=1)[0]


_CLAUSE_END = re.compile(
    r"[;:，；。]|\.\s|,\s*(?:and|which|who|as)\b"
    r"|\b(?:while|but|whereas|after|before|although|though|because|since|when|until)\b"
)


def hedged(text: str, lang: str) -> bool:
    lex = lexicon()
    return bool(lex.hedges[lang if lang in lex.hedges else "en"].search(text))


def money_near(text: str, pos: int, skip_valuation: bool = True) -> Money | None:
    """The amount closest after `pos` (else before it), not the one a valuation word precedes."""
    lex: Lexicon = lexicon()
    best: tuple[int, Money] | None = None
    for money in find_amounts(text):
        if skip_valuation and lex.valuation.search(text[max(0, money.start - 25) : money.start]):
            continue
        dist = money.start - pos if money.start >= pos else (pos - money.end) * 2
        if best is None or dist < best[0]:
            best = (dist, money)
    return best[1] if best else None


def valuation_in(text: str) -> Money | None:
    lex = lexicon()
    for money in find_amounts(text):
        around = text[max(0, money.start - 30) : money.end + 12]
        if lex.valuation.search(around):
            return money
    return None


def money_props(money: Money | None) -> dict[str, Any]:
    if money is None:
        return {}
    return {
        "amount": money.amount,
        "currency": money.currency,
        "amount_text": money.text,
        "qualifier": money.qualifier,
    }


def date_props(text: str, reference: str | None) -> dict[str, Any]:
    dates = find_dates(text, reference) if reference else find_dates(text, None)
    if not dates:
        return {}
    return {"date": dates[0].value, "date_text": dates[0].text}


@lru_cache(maxsize=1024)  # asked again for every trigger and party of the same sentence
def round_label(text: str, pos: int = 0) -> str | None:
    """The round label stated in `text` closest to `pos`, in one spelling for every language:
    "B轮", "série B", "Series B" -> "Series B"; "天使轮" -> "angel"; "种子轮" -> "seed"."""
    spans: list[tuple[int, int, str]] = []
    for rx, fmt in lexicon().round_labels:
        for m in rx.finditer(text):
            groups = (g.upper() if len(g) == 1 else g for g in m.groups(""))
            spans.append((m.start(), m.end(), fmt.format(*groups).replace("＋", "+")))
    # "pre-seed" also holds "seed", "Series B+" also "Series B": the longer reading wins
    spans = [a for a in spans if not any(b[0] <= a[0] and a[1] <= b[1] and b != a for b in spans)]
    if pos:  # "the Series F closed by A, as well as the $500m raised by B": not B's label
        spans = [a for a in spans if not _OTHER_CLAUSE.search(text, *sorted((a[0], pos)))]
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s[0] - pos))[2]


_OTHER_CLAUSE = re.compile(r";|\bas well as\b|,\s*(?:while|whereas|but|and)\b|，而|；")


@lru_cache(maxsize=64)  # a sentence's handlers ask it in turn
def has_round(text: str) -> bool:
    return bool(lexicon().round_words.search(text))


def resource_word(text: str) -> str | None:
    """The resource named in `text` ("GPU", "TPUs", "cloud"), if any."""
    for _, rx in lexicon().dependency_words:
        m = rx.search(text)
        if m:
            return m.group(0)
    return None


def dependency_kind(text: str, default: str = "compute") -> str:
    for kind, rx in lexicon().dependency_words:
        if rx.search(text):
            return kind
    return default


_LED = re.compile(r"([A-Z][\w]+)-led\b")


def led_names(text: str) -> list[str]:
    """ "its Helix-led funding round" -> ["Helix"]."""
    return _LED.findall(text)
