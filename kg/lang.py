"""The one language detector: zh, en or fr for a sentence, a paragraph or a whole article.

Chinese by its share of CJK characters among the letters; French against English by their
function words (`kg/lang.yaml`), French elisions (l', d', qu') and accents. Used by the readers
(an article's `lang` and `langs`, a digest section's language) and by the extractor (each
sentence's language, which picks the patterns run on it). `to_simplified` folds traditional
Chinese characters to simplified ones, so that one spelling of a name matches both.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.data import PACKAGE, load_yaml

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ']+", re.IGNORECASE)
_FR_ACCENTS = re.compile(r"[àâçéèêëîïôùûœ]", re.IGNORECASE)
SAMPLE = 2000  # characters looked at: enough to tell, and bounded for megabyte-long records
MIN_SHARE = 0.1  # a language must carry this share of the text to be listed in `languages`


@cache
def _words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    data = load_yaml(PACKAGE / "lang.yaml")
    stop = data["stopwords"]
    return frozenset(stop["en"]), frozenset(stop["fr"]), tuple(data["elisions"])


def detect(text: str, default: str | None = None) -> str | None:
    """'zh', 'en' or 'fr'; `default` when the text has no function word to tell by (then, with
    no default: 'en' for 3+ letters, else None)."""
    text = text[:SAMPLE]
    cjk = len(_CJK.findall(text))
    if cjk >= 2 and cjk / len(_LETTER.findall(text)) > 0.15:
        return "zh"
    en_words, fr_words, elisions = _words()
    en = fr = 0
    for w in _WORD.findall(text.replace("’", "'").lower()):
        if w in en_words:
            en += 1
        elif w in fr_words or w.startswith(elisions):
            fr += 1
    fr += len(_FR_ACCENTS.findall(text)) // 4
    if en == 0 and fr == 0:
        if default is not None:
            return default
        return "en" if len(_LETTER.findall(text)) >= 3 else None
    return "fr" if fr > en else "en"


@cache
def _t2s() -> tuple[re.Pattern[str], dict[int, str]]:
    """OpenCC's traditional-to-simplified mapping of single characters, as a `str.translate`
    table: OpenCC's own converter costs ~20 µs a sentence, the table ~1 µs, and a character
    mapping keeps every offset in place (names are matched on the folded text)."""
    import opencc  # noqa: PLC0415  (loaded on the first Chinese text only)

    chars = "".join(chr(c) for r in ((0x3400, 0xA000), (0xF900, 0xFB00)) for c in range(*r))
    converter = opencc.OpenCC("t2s")
    converted = converter.convert(chars)  # one call; phrases cannot span code-point neighbours
    if len(converted) != len(chars):
        converted = "".join(converter.convert(c)[:1] or c for c in chars)
    table = {ord(t): s for t, s in zip(chars, converted, strict=True) if s != t}
    return re.compile(f"[{_ranges(sorted(table))}]"), table


def _ranges(points: list[int]) -> str:
    """A character class body for sorted code points, runs written as ranges (compiles fast)."""
    out, start = [], 0
    for i in range(1, len(points) + 1):
        if i == len(points) or points[i] != points[i - 1] + 1:
            a, b = chr(points[start]), chr(points[i - 1])
            out.append(a if a == b else f"{a}-{b}")
            start = i
    return "".join(out)


def to_simplified(text: str) -> str:
    """`text` with traditional Chinese characters replaced by simplified ones, character for
    character (same length, same offsets); other text unchanged."""
    rx, table = _t2s()
    return text.translate(table) if rx.search(text) else text


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
