"""A small zh/en/fr language guess: CJK ratio first, then French against English function words."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

import yaml

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ']+", re.IGNORECASE)
_FR_ACCENTS = re.compile(r"[àâçéèêëîïôùûœ]", re.IGNORECASE)
MIN_SHARE = 0.1  # a language must carry this share of the text to be listed in `langs`


@cache
def lexicon() -> dict:
    """The readers' word lists (kg/readers/data/lexicon.yaml)."""
    text = resources.files("kg.readers").joinpath("data/lexicon.yaml").read_text("utf-8")
    data: dict = yaml.safe_load(text)
    return data


SAMPLE = 2000  # characters looked at: enough to tell, and bounded for megabyte-long records


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in lexicon()["stopwords"].items()}


def detect(text: str) -> str | None:
    """'zh', 'en', 'fr' or None when there is too little text to tell."""
    text = text[:SAMPLE]
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return None
    cjk = len(_CJK.findall(text))
    if cjk >= 2 and cjk / letters > 0.15:
        return "zh"
    words = _WORD.findall(text.replace("’", "'").lower())
    if not words:
        return None
    stop = _stopwords()
    en = sum(w in stop["en"] for w in words)
    fr = sum(w in stop["fr"] or w.startswith(("l'", "d'", "qu'")) for w in words)
    fr += len(_FR_ACCENTS.findall(text)) // 4
    if en == 0 and fr == 0:
        return "en" if letters >= 3 else None
    return "fr" if fr > en else "en"


def languages(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Main language (most characters) and every language with a real share, main first."""
    weight: Counter[str] = Counter()
    for para in paragraphs:
        lang = detect(para)
        if lang:
            # A Chinese character carries about as much as a short Latin word.
            weight[lang] += len(para) * (3 if lang == "zh" else 1)
    if not weight:
        return None, []
    total = sum(weight.values())
    ranked = [lang for lang, w in weight.most_common() if w / total >= MIN_SHARE]
    return ranked[0], ranked


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
