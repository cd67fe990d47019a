"""The words of the link frames and of discourse (`data/links.yaml`), compiled once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.data import DATA, Links, load_model
from kg.extract.screen import Screened


@dataclass(frozen=True)
class LinkWords:
    former: dict[str, re.Pattern[str]]  # lang -> "former "/"ancien "/"前" right before a title
    board: dict[str, re.Pattern[str]]  # lang -> the board phrase
    board_member: dict[str, re.Pattern[str]]  # lang -> the verb before it ("sits on the")
    board_past: re.Pattern[str]
    board_listed: re.Pattern[str]
    take_role: dict[str, re.Pattern[str]]  # "P will take over as" (before the title)
    helm_person_first: re.Pattern[str]  # "P, à la tête de X", "P执掌X"
    helm_org_first: re.Pattern[str]  # "X, avec à sa tête P"
    helm_org_screen: Screened  # the same, anywhere in a sentence
    serves_zh: re.Pattern[str]  # the gap of "P在X担任T"
    serves_verb_zh: re.Pattern[str]  # its verb, right after the organisation
    partner_list_intro: re.Pattern[str]
    partner_not: re.Pattern[str]
    pit: re.Pattern[str]
    person_pronouns: dict[str, re.Pattern[str]]
    company_pronouns: dict[str, re.Pattern[str]]  # "It", "Its", "Elle", "Sa": group `p`


def _any(words: list[str], flags: int = re.I) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words), flags)


def _by_lang(raw: Mapping[Any, str], flags: int = re.I) -> dict[str, re.Pattern[str]]:
    return {lang: re.compile(rx, 0 if lang == "zh" else flags) for lang, rx in raw.items()}


@lru_cache(maxsize=1)
def link_words() -> LinkWords:
    data = load_model(DATA / "links.yaml", Links)
    b = data.board
    return LinkWords(
        former={lang: _any(words, 0) for lang, words in data.former.items()},
        board=_by_lang({"en": b.en, "fr": b.fr, "zh": b.zh}),
        board_member=_by_lang({"en": b.member_en, "fr": b.member_fr, "zh": b.member_zh}),
        board_past=re.compile(b.past, re.I),
        board_listed=re.compile(b.listed, re.I),
        take_role=_by_lang(data.take_role),
        helm_person_first=re.compile(data.helm.person_first, re.I),
        helm_org_first=re.compile(data.helm.org_first, re.I),
        helm_org_screen=Screened(data.helm.org_first.lstrip("^")),
        serves_zh=re.compile(rf"^\s*(?:{data.serves_zh})\s*$"),
        serves_verb_zh=re.compile(rf"^\s*(?:{data.serves_verb_zh})\s*"),
        partner_list_intro=re.compile(data.partner_list_intro, re.I),
        partner_not=re.compile(data.partner_not, re.I),
        pit=re.compile(data.pit, re.I),
        person_pronouns=_by_lang(data.person_pronouns, 0),
        company_pronouns=_by_lang(data.company_pronouns, 0),
    )
