"""Sentences and their language (kg/lang.py): zh/en/fr text, often mixed in one article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.lang import detect


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    lang: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "abbreviations.yaml")["abbreviations"])


_CANDIDATE = re.compile(r"[。！？；!?]+[”」’\"]?|\.(?=[”\"’)]?\s)|\n\s*\n|\n")
# A list item's marker is no part of its sentence: "- ", "* ", "• ", "- [ ] ", "1. ", "2) ",
# "(3) ", "1、", "二、" (a lone "1." is split off as a piece of its own and goes whole).
_BULLET = re.compile(
    r"^(?:[-*+•·▪●‣◦]\s+(?:\[[ xX]\]\s+)?|\(?\d{1,3}[.)](?:\s+|$)"
    r"|\d{1,3}、|[一二三四五六七八九十]{1,3}、)"
)


def split_sentences(text: str, default_lang: str = "en") -> list[Sentence]:
    """Split on 。！？； (zh), on . ! ? followed by space (en/fr, not after "Inc." "U.S." "M."),
    and on line breaks (headlines, list items)."""
    abbrevs = _abbreviations()
    pieces: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if m.group(0).startswith(".") and _is_abbreviation(text, m.start(), abbrevs):
            continue
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    out: list[Sentence] = []
    for piece in pieces:
        piece = _BULLET.sub("", " ".join(piece.split()), count=1)
        if len(piece) > 1:
            out.append(Sentence(len(out), piece, detect(piece, default_lang) or default_lang))
    return out


def _is_abbreviation(text: str, dot: int, abbrevs: frozenset[str]) -> bool:
    word = re.search(r"[\w.]*$", text[max(0, dot - 12) : dot])
    token = (word.group(0) if word else "") + "."
    nxt = text[dot + 1 : dot + 20].split()
    if not nxt or (nxt[0][0].islower() and not any(c.isupper() for c in nxt[0][1:])):
        return bool(nxt)  # "… in the U.S. market", but "… in May. xAI said" ends there
    if token in abbrevs or token.lower() in abbrevs or re.fullmatch(r"(?:[A-Z]\.)+", token):
        # "Nvidia Corp. The financing…" and "in the U.S. It…" still end there
        return nxt[0].strip('"“«(') not in _starters()
    return False


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "abbreviations.yaml")["sentence_starters"])
