"""Sentences and their language: zh/en/fr text, often mixed in one article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.gazetteer import DATA, load_yaml


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    lang: str


_CJK = re.compile(r"[\u3400-\u9fff]")
_FR = re.compile(
    r"\b(?:le|la|les|des|une|est|dans|avec|pour|qui|que|sur|été|société|entreprise|[dlnqs][’'])\b",
    re.I,
)
_EN = re.compile(r"\b(?:the|and|is|was|with|for|that|has|have|its|in|of|to)\b", re.I)


def detect_lang(text: str, default: str = "en") -> str:
    cjk = len(_CJK.findall(text))
    if cjk and cjk >= 0.15 * len(text.replace(" ", "")):
        return "zh"
    fr, en = len(_FR.findall(text)), len(_EN.findall(text))
    if fr > en:
        return "fr"
    if en:
        return "en"
    return default


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_yaml(DATA / "abbreviations.yaml")["abbreviations"])


_CANDIDATE = re.compile(r"[。！？；!?]+[”」’\"]?|\.(?=[”\"’)]?\s)|\n\s*\n|\n")


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
        piece = " ".join(piece.split())
        if len(piece) > 1:
            out.append(Sentence(len(out), piece, detect_lang(piece, default_lang)))
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
