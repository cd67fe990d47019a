"""One article being read: its sentences, the entities met so far and their mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.extract.aliases import Pair
from kg.extract.coref import (
    COMPANY_KINDS,
    compatible,
    find_descriptions,
    find_watchdogs,
    has_latin_pronoun,
    in_customer_list,
    zh_pronouns,
)
from kg.extract.discourse import (
    company_pronoun,
    object_antecedent,
    person_references,
    remember_people,
    surnames_of,
)
from kg.extract.gazetteer import Gazetteer, Known, drop_overlaps
from kg.extract.mentions import Mention, attach, governing_preposition
from kg.extract.patterns import lexicon
from kg.extract.pinyin import romanized
from kg.extract.short_names import short_forms
from kg.extract.text import Sentence
from kg.lang import to_simplified
from kg.schema import EntityKind, entity_id

_LETTER = "[A-Za-z0-9À-ÿ]"
_CJK_NAME = re.compile(r"[\u3400-\u9fff]")
# "<firm>(战略)投资" as a name, and what makes the word a verb or a noun after it or before it
_TICKER = re.compile(r"\s*[:：]\s*[A-Z0-9][A-Z0-9.]{0,9}\s*[)）;,]")
_ARM_WORD = re.compile(r"(?:战略|戰略)?(?:投资|投資)")
_ASPECT = re.compile(r"了|过|過")
_GETS = re.compile(r"(?:获|獲|获得|獲得|接受|迎来|迎來)$")
_OBJECT_ZH = re.compile(r"(?:向|对|對|给|給|与|與|和|成为|成為|为|為|是)$")
# "投资B，领投其A轮融资": the round after a funder's verb is the funded firm's, not the funder's
_FUNDER_ZH = re.compile(r"(?:领投|領投|跟投|参投|參投|参与|參與|投资|投資|加码|加碼|追投)了?$")
_ROUND_ZH = re.compile(r"[^，。；,;]{0,14}?(?:融资|融資|轮|輪)")


_EXAMPLES = {"including", "like", "such as", "comme", "notamment", "dont", "包括"}


def _goods_of_known(gaz: Gazetteer, name: str) -> bool:
    """ "Nvidia GPUs", "AMD chips": a known firm's name and a word for the goods it sells."""
    head, _, last = name.rpartition(" ")
    if not head or head not in gaz.by_alias:
        return False
    m = lexicon().goods.match(last)
    return m is not None and m.end() == len(last)


@dataclass
class Draft:
    """An entity as this article knows it."""

    id: str
    name: str
    kind: EntityKind
    known: Known | None = None
    aliases: set[str] = field(default_factory=set)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    gaz: Gazetteer
    sentences: list[Sentence]
    entities: dict[str, Draft] = field(default_factory=dict)
    mentions: list[list[Mention]] = field(default_factory=list)
    title_ids: list[str] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)  # discovered surface name -> id
    found_re: re.Pattern[str] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # of people named so far -> id
    salience: dict[str, int] = field(default_factory=dict)  # id -> times the article names it
    text: str = ""  # the whole article, joined once when salience is first asked

    # --- entities -----------------------------------------------------------------------

    def entity(self, eid: str) -> Draft:
        if eid not in self.entities:
            known = self.gaz.entries[eid]
            self.entities[eid] = Draft(eid, known.name, known.kind, known, set(known.aliases))
        return self.entities[eid]

    def kind(self, eid: str) -> EntityKind:
        return self.entity(eid).kind

    def add_discovered(
        self, names: dict[str, EntityKind], extra: dict[str, EntityKind], pairs: Sequence[Pair] = ()
    ) -> None:
        """Names found by discovery or listed by the article (Key Players …) become entities;
        `pairs` are two names of one entity (kg/extract/aliases.py)."""
        merged = {**names, **extra}
        shorts = {short for name in merged for short in short_forms(name)}
        shorts |= surnames_of(n for n, k in merged.items() if k is EntityKind.PERSON)
        text = "\n".join(s.text for s in self.sentences)
        for name, kind in merged.items():
            known = self.gaz.by_alias.get(name)
            if known is None and " " in name and name.lower() in self.gaz.by_lower:
                self.found[name] = self.gaz.by_lower[name.lower()]  # "LightSpeed Ventures"
                continue
            heads = [self.gaz.by_alias[h] for h in short_forms(name) if h in self.gaz.by_alias]
            if known is None and heads and kind is not EntityKind.PERSON:
                self.found[name] = heads[0]  # "Meta AI", "Amazon Robotics": the known firm's
                continue
            if _goods_of_known(self.gaz, name):
                continue  # "buys Nvidia GPUs": NVIDIA's goods, not a firm of that name
            if known or name.lower() in self.gaz.by_lower or name in shorts:
                if known and name not in text:  # "Ana and Marta Ruiz": named, unspelt
                    self.counts.setdefault(self.entity(known).id, 0)
                continue  # ("Ruiz" alone is Ana Ruiz's surname: discourse.py, no firm)
            eid = entity_id(kind, name)
            self.entities.setdefault(eid, Draft(eid, name, kind))
            self.found[name] = eid
            if name not in text:  # no span will find it: it is one of the article's entities
                self.counts.setdefault(eid, 0)
            # 欧阳明 is "Ouyang Ming" in English-language news, 北辰创投 "Beichen Ventures"
            self.entities[eid].aliases.update(romanized(name, kind))
            for short in short_forms(name) if kind is not EntityKind.PERSON else ():
                if short not in self.gaz.by_alias:
                    self.found.setdefault(short, eid)
                    self.entities[eid].aliases.add(short)
        self._add_pairs(pairs)
        if self.found:
            names_sorted = sorted(self.found, key=len, reverse=True)
            alt = "|".join(re.escape(n) for n in names_sorted)
            # names stand between non-letters, but a Chinese person's may touch Latin letters
            # and digits ("CTO王伟", "王伟9月表示")
            people = "|".join(
                re.escape(n)
                for n in names_sorted
                if _CJK_NAME.match(n) and self.entities[self.found[n]].kind is EntityKind.PERSON
            )
            people_re = rf"|(?:{people})" if people else ""
            self.found_re = re.compile(rf"(?<!{_LETTER})(?:{alt})(?!{_LETTER}){people_re}")

    def _add_pairs(self, pairs: Sequence[Pair]) -> None:
        """ "霍莉·维多瓦（Jane Roe）", "l’ADH (Agence …)": both forms name one entity, the known
        one's when either is known."""
        for name, alias, kind in pairs:
            eid = self._known_id(name) or self._known_id(alias)
            if eid is None:
                if kind is None:
                    continue  # "Digital Markets Act (DMA)": neither form names a known entity
                eid = entity_id(kind, name)
                self.entities.setdefault(eid, Draft(eid, name, kind))
            for form in (name, alias):
                if self.gaz.cjk_re and self.gaz.cjk_re.search(to_simplified(form)[1:]):
                    continue  # 黄仁勋前往台北电脑展: a longer span would hide a known name
                if form not in self.gaz.by_alias:
                    self.found.setdefault(form, eid)
                self.entity(eid).aliases.add(form)

    def _known_id(self, name: str) -> str | None:
        return (
            self.gaz.by_alias.get(name)
            or self.gaz.by_alias.get(to_simplified(name))
            or (self.found.get(name))
        )

    # --- mentions -----------------------------------------------------------------------

    def read(self) -> None:
        for sent in self.sentences:
            self.mentions.append(self._mentions(sent))

    def _mentions(self, sent: Sentence) -> list[Mention]:
        text = sent.text
        spans = self.gaz.match(text, self.counts)
        if self.found_re is not None:
            spans += [
                (m.start(), m.end(), self.found[m.group(0)]) for m in self.found_re.finditer(text)
            ]
        for start, end, name in find_watchdogs(text):
            eid = self.gaz.by_alias.get(name)
            if eid:
                spans.append((start, end, eid))
        arm = "投" in text  # 投资/投資: an investment arm's name may be the verb (_ARM_WORD)
        spans = [  # "(NASDAQ: NVDA)": the exchange of a ticker is no party of the sentence
            self._verb_not_name(text, *span) if arm else span
            for span in drop_overlaps(spans)
            if not _TICKER.match(text, span[1])
        ]
        named = [Mention(s, e, eid, self.kind(eid)) for s, e, eid in spans]
        for m in named:  # the spelling this article uses (輝達, "Nvidia Corp.") is a name too
            draft = self.entity(m.eid)
            draft.aliases.add(text[m.start : m.end])
            if draft.kind is EntityKind.FUND and sent.lang == "zh":  # 青禾资本: also "Qinghe"
                draft.aliases.update(romanized(text[m.start : m.end], EntityKind.FUND))
        out = named + self._descriptions(sent, named)
        out += person_references(self, sent, out)
        out += company_pronoun(self, sent, out)
        if sent.lang == "zh":
            for pos in zh_pronouns(text):
                eid = self._pronoun(sent, sorted(out, key=lambda m: m.start), pos)
                if eid:
                    out.append(Mention(pos, pos + 1, eid, self.kind(eid), "pronoun"))
        out.sort(key=lambda m: m.start)
        attach(text, out, sent.lang)
        for m in out:
            self.counts[m.eid] = self.counts.get(m.eid, 0) + 1
        remember_people(self, out)
        return out

    def _verb_not_name(self, text: str, start: int, end: int, eid: str) -> tuple[int, int, str]:
        """An investment arm named "<firm>投资" read where 投资 is the verb or the noun of the
        sentence ("腾讯投资了X", "获阿里巴巴战略投资"): the firm without the word, when known."""
        m = _ARM_WORD.search(text, start, end)
        if m is None or m.end() != end or m.start() == start:
            return start, end, eid
        if not (_ASPECT.match(text, end) or _GETS.search(text, max(0, start - 3), start)):
            return start, end, eid
        firm = self._known_id(text[start : m.start()])
        return (start, m.start(), self.entity(firm).id) if firm else (start, end, eid)

    def _descriptions(self, sent: Sentence, named: list[Mention]) -> list[Mention]:
        """Descriptions that refer back: "the French firm", "这家公司", "le régulateur"."""
        text = sent.text
        out: list[Mention] = []
        for desc in find_descriptions(text, sent.lang):
            if any(
                m.start >= desc.end and re.fullmatch(r"\s*,?\s*", text[desc.end : m.start])
                for m in named
            ):
                continue  # "la société française Lumen Labs", "the startup, Vega AI,"
            if any(m.start <= desc.start < m.end for m in named):
                continue
            if re.match(r"\s*,?\s*(?:[A-Z]|[A-Za-z]*[A-Z])", text[desc.end : desc.end + 4]):
                continue  # followed by a name we do not know: not a reference back
            maker = self._maker(text[desc.start : desc.end])
            if maker:  # "the ChatGPT maker", "the Claude developer": the product's owner
                out.append(Mention(desc.start, desc.end, maker, self.kind(maker), "description"))
                continue
            governed = governing_preposition(text, desc.start, sent.lang) is not None
            eid = self._antecedent(
                sent,
                named,
                desc.start,
                lambda k, kn, d=desc: compatible(d, k, kn),
                governed,
                desc.head == "latter",
            )
            if eid and not governed and desc.head != "latter":  # "A宣布收购这家公司": not A
                eid = object_antecedent(self, sent, named, desc, eid)
            if eid is None and desc.place:  # "le géant de Redmond": one known firm is there
                eid = self._only_known(lambda k, kn, d=desc: compatible(d, k, kn))
            if sent.lang == "fr" and desc.head != "latter" and not self._said_here(named, eid):
                # "la société", "la jeune pousse" told of in a later sentence: the article's topic
                eid = self._topic(lambda k, kn, d=desc: compatible(d, k, kn)) or eid
            if eid:
                out.append(Mention(desc.start, desc.end, eid, self.kind(eid), "description"))
        return out

    @staticmethod
    def _said_here(named: list[Mention], eid: str | None) -> bool:
        return any(m.eid == eid for m in named)

    def _topic(self, ok: Any) -> str | None:
        """The compatible firm met so far that the whole article names most (its title once
        more), strictly more often than any other and at least twice."""
        ranked = sorted(
            (
                (self._named_times(eid), eid)
                for eid, d in self.entities.items()
                if ok(d.kind, d.known)
            ),
            reverse=True,
        )
        if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    def _named_times(self, eid: str) -> int:
        if eid not in self.salience:
            names = sorted(
                (a for a in self.entity(eid).aliases if len(a) >= 3), key=len, reverse=True
            )
            if not self.text:
                self.text = "\n".join(s.text for s in self.sentences)
            text = self.text
            rx = "|".join(re.escape(a) for a in names)
            hits = len(re.findall(rf"(?<!\w)(?:{rx})(?!\w)", text)) if rx else 0
            self.salience[eid] = hits + (eid in self.title_ids)
        return self.salience[eid]

    def _only_known(self, ok: Any) -> str | None:
        hits = [k.id for k in self.gaz.entries.values() if ok(k.kind, k)]
        if len(hits) != 1:
            return None
        return self.entity(hits[0]).id

    def _maker(self, phrase: str) -> str | None:
        if not re.search(
            r"\b(?:maker|developer|creator|owner|company behind)\b|开发商|母公司", phrase
        ):
            return None
        for _, _, eid in self.gaz.match(phrase):
            known = self.entity(eid).known
            if known is not None and known.owner and known.owner in self.gaz.by_alias:
                return self.entity(self.gaz.by_alias[known.owner]).id
        return None

    def _antecedent(
        self,
        sent: Sentence,
        here: list[Mention],
        pos: int,
        ok: Any,
        governed: bool = False,
        latter: bool = False,
    ) -> str | None:
        for m in reversed([m for m in here if m.end <= pos]):
            if latter:
                return m.eid if ok(m.kind, self.entity(m.eid).known) else None
            gov = governing_preposition(sent.text, m.start, sent.lang)
            if governed and gov is None:
                continue  # "腾讯在这家公司中持股": the object is not the subject
            if gov in _EXAMPLES:
                continue  # "investors, including Sequoia, gave the company …": an example
            if in_customer_list(sent.text, m.start):
                continue  # "A的客户包括B和C，该公司…": B and C are named in passing
            if ok(m.kind, self.entity(m.eid).known):
                return m.eid
        for back in range(sent.index - 1, max(-1, sent.index - 6), -1):
            ranked = sorted(self.mentions[back], key=lambda m: (m.gov is not None, m.start))
            if latter:  # "ce dernier": the last one named
                ranked = self.mentions[back][::-1]
            for m in ranked:
                if ok(m.kind, self.entity(m.eid).known):
                    return m.eid
        for eid in self.title_ids:
            if ok(self.kind(eid), self.entity(eid).known):
                return eid
        return None

    def _pronoun(self, sent: Sentence, here: list[Mention], pos: int) -> str | None:
        """其: "its" of this sentence's subject ("软银…将其在OpenAI的持股"), but as an object
        ("向其投资", "成为其…提供商") the topic of the sentence before."""
        before = [m for m in here if m.gov is None and m.end <= pos]
        clause = max(sent.text.rfind(c, 0, pos) for c in "，,；;")
        # the clause's own subject ("…，后者是其最大股东": 后者), else the sentence's
        own = [m for m in before if m.start > clause]
        subject = (own or before)[0].eid if before else None
        if _FUNDER_ZH.search(sent.text[max(0, pos - 3) : pos]) and _ROUND_ZH.match(
            sent.text, pos + 1
        ):
            funded = [m for m in here if m.end <= pos and m.kind in COMPANY_KINDS]
            funded = [m for m in funded if m.eid != subject]
            if funded:
                return funded[-1].eid  # the firm named last before, not the funder
        if subject and not _OBJECT_ZH.search(sent.text[max(0, pos - 2) : pos]):
            return subject
        if own:  # an object 其 after the clause's subject: a firm of the clause before
            other = [m for m in here if m.end <= clause and m.kind in COMPANY_KINDS]
            if other and other[0].eid != subject:
                return other[0].eid
        for back in range(sent.index - 1, max(-1, sent.index - 3), -1):
            for m in sorted(self.mentions[back], key=lambda m: (m.gov is not None, m.start)):
                if m.kind in COMPANY_KINDS and m.eid != subject:
                    return m.eid
        return None

    def previous_subject(self, sent: Sentence, pronoun: bool = True) -> str | None:
        """For "it"/"elle" as an agent: the first ungoverned company of the previous sentence."""
        if pronoun and (sent.lang == "zh" or not has_latin_pronoun(sent.text)):
            return None  # zh pronouns (其) are mentions already
        for back in range(sent.index - 1, max(-1, sent.index - 3), -1):
            for m in self.mentions[back]:
                if m.kind in COMPANY_KINDS and m.gov is None:
                    return m.eid
        return None

    def main_company(self) -> str | None:
        """The most mentioned company of the article (the subject when the text leaves it out)."""
        ranked = sorted(
            (n, eid) for eid, n in self.counts.items() if self.kind(eid) in COMPANY_KINDS
        )
        return ranked[-1][1] if ranked else None

    def topic_company(self) -> str | None:
        """The company (not a fund) the article names most, more often than any other and at
        least twice; None when two tie."""
        ranked = sorted(
            ((n, eid) for eid, n in self.counts.items() if self.kind(eid) is EntityKind.COMPANY),
            reverse=True,
        )
        if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]
