"""Money amounts in Chinese, English and French text: "4.15亿美元", "€385m", "50 to 100 million
dollars", "1 500 millions d'euros", with qualifiers and bracketed conversions."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from kg.extract.normalize.words import CJK_DIGITS, DATA, LATIN_SCALE, alt


class Money(BaseModel):
    """One amount as written: `amount` in units (4.15亿 -> 415000000.0), `currency` ISO 4217."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: float
    currency: str
    text: str
    qualifier: str | None = None  # up_to, about, over, under
    start: int
    end: int
    converted: Money | None = None  # "(约合1600万美元)" right after the amount


_CUR = DATA["currencies"]
_SCALES = DATA["scales"]
_QUAL = DATA["qualifiers"]
_LETTER_SCALE: dict[str, float] = {k: float(v) for k, v in _SCALES["letters"].items()}
_CJK_SCALE: dict[str, float] = {k: float(v) for k, v in _SCALES["cjk"].items()}
_SUFFIX_CUR: dict[str, str] = {k.lower(): v for k, v in _CUR["suffix"].items()}
_PREFIX_CUR: dict[str, str] = dict(_CUR["prefix"])
_QUAL_BEFORE: dict[str, str] = {k.lower(): v for k, v in _QUAL["before"].items()}

_SP = r"[ \u00a0\u202f]?"
# Thousands groups ("2,334", "1 500") or a plain number with a decimal point or comma ("1,5").
# The look-behind keeps "GPT-4" style tokens and the tail of longer numbers out.
_BARE_NUM = r"(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![0-9])(?:\.\d+)?|\d++(?:[.,]\d++)?)"
_NUM = rf"(?<![0-9A-Za-z.,])(?<![A-Za-z]-){_BARE_NUM}"  # not "GPT-4", not the tail of "1.5.2"
# Only from the start of a numeral run, and possessive: a long run must not cost O(n^2).
# "数十亿" / "几百万" / "上千万" are vague ("tens of billions"): no amount.
_CJK_NUM = f"(?<![{CJK_DIGITS}数數几幾上])[{CJK_DIGITS}]++"
_NUM_WORDS: dict[str, float] = {k.lower(): float(v) for k, v in DATA["number_words"].items()}
# "a billion dollars", "un milliard d'euros": a number word only counts before a scale word;
# the first look-ahead is a cheap test for "<word> ...ill" that spares most words the rest.
_WORD_NUM = (
    r"(?<![A-Za-z])(?=[A-Za-z]{1,6}(?: a)?[ \u00a0\u202f][A-Za-z]{0,3}ill)"
    rf"(?i:{alt(_NUM_WORDS)})(?=[ \u00a0\u202f](?i:{alt(LATIN_SCALE)})(?![A-Za-z]))"
)
_SCALE = (
    rf"(?i:{alt(LATIN_SCALE)})(?![A-Za-z])|(?:{alt(_LETTER_SCALE)})(?![A-Za-z])"
    rf"|(?P<{{g}}_inf>[多余])?(?:{alt(_CJK_SCALE)})"
)
_CONN = r"(?:de|of)\s|d['’]\s?"
# A symbol followed by a number starts the next amount ("... 4 $20"), it does not end this one.
_SUFFIX = rf"(?i:{alt(_SUFFIX_CUR)})(?![A-Za-z])(?![ \u00a0\u202f]?\d)"
_RANGE_TO = r"(?:至|到|~|～|-|–|to|and|à|et)"
_AMOUNT_RE = re.compile(
    rf"(?P<pre>(?<![A-Za-z])(?P<p_cur>{alt(_PREFIX_CUR)}){_SP}(?P<p_num>{_BARE_NUM})"
    rf"(?:[ \u00a0\u202f-]?(?P<p_scale>{_SCALE.format(g='p')}))?(?P<p_yuan>元)?)"
    rf"|(?P<suf>(?P<s_num>{_NUM}|{_CJK_NUM}|{_WORD_NUM})(?:{_SP}(?P<s_scale>{_SCALE.format(g='s')}))?"
    rf"(?:{_SP}(?P<s_conn>{_CONN})?(?P<s_cur>{_SUFFIX})"
    # The low end of a range takes its currency (and scale, if it has none) from the high end:
    # "7,500亿至8,300亿美元", "50 to 100 million dollars".
    rf"|(?={_SP}{_RANGE_TO}{_SP}(?:{_NUM}|{_CJK_NUM})(?:{_SP}(?P<r2_scale>{_SCALE.format(g='r2')}))?"
    rf"{_SP}(?P<r2_conn>{_CONN})?(?P<r2_cur>{_SUFFIX}))))"
)


def _hints(words: Any) -> tuple[str, ...]:
    """The fewest lower-case substrings one of which every currency word contains: "元" covers
    "美元" and "欧元", "$" covers "US$"."""
    low = sorted({w.lower() for w in words}, key=len)
    return tuple(w for i, w in enumerate(low) if not any(h in w for h in low[:i]))


# Most sentences name no currency at all; a few substring tests in C rule them out cheaply.
_CURRENCY_HINTS = _hints(list(_PREFIX_CUR) + list(_SUFFIX_CUR))
_NEEDS_SCALE_RE = re.compile(rf"(?i:{alt(_CUR['needs_scale'])})\Z")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_QUAL_BEFORE_RE = re.compile(rf"(?<![A-Za-z])(?P<q>(?i:{alt(_QUAL_BEFORE)}))[ \u00a0\u202f]*\Z")
_QUAL_AFTER_RE = re.compile(rf"(?:{alt(_QUAL['after'])})")
# What may sit between an amount and its parenthesised conversion: "（约合", " (", "(about ".
_CONV_OPEN_RE = re.compile(
    rf"[ \u00a0]*[(（][ \u00a0]*(?:(?i:{alt(_QUAL_BEFORE)}|折合|相当于|即|soit|or|~|≈)"
    rf"[ \u00a0]*)?\Z"
)
_CONV_CLOSE_RE = re.compile(r"[ \u00a0]*[)）]")
# ... or after a comma and a word that says so: "1500万欧元，约合1600万美元", "€1.7bn, or $2bn".
_CONV_COMMA_RE = re.compile(
    r"[ \u00a0]*[,，][ \u00a0]*(?i:约合|折合|約合|相当于|相當於|合|or|soit|roughly|about)"
    r"(?:[ \u00a0]*(?i:about|around|roughly|environ|约|約))?[ \u00a0]*\Z"
)
_CJK_VALUES = {c: float(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0.0, "两": 2.0}
_TRADITIONAL = str.maketrans({"億": "亿", "萬": "万", "兩": "两"})
_CJK_SMALL = {"十": 10.0, "百": 100.0, "千": 1000.0}
_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|.")
_SPACES_RE = re.compile(r"[ \u00a0\u202f]")
_COMMA_GROUPS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")


def _latin_number(raw: str) -> float:
    """'2,334' -> 2334, '1,5' -> 1.5, '1 500' -> 1500, '1,500.5' -> 1500.5."""
    s = _SPACES_RE.sub("", raw)
    if "," in s and ("." in s or _COMMA_GROUPS_RE.fullmatch(s)):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


def _cjk_value(s: str) -> float:
    """Value of a number in 十百千万亿, digits or both: '十亿' -> 1e9, '1.5万亿' -> 1.5e12."""
    result = section = number = 0.0
    for tok in _TOKEN_RE.findall(s.translate(_TRADITIONAL)):
        if tok[0].isdigit():
            number = float(tok)
        elif tok in _CJK_VALUES:
            number = _CJK_VALUES[tok]
        elif tok in _CJK_SMALL:
            section += (number or 1.0) * _CJK_SMALL[tok]
            number = 0.0
        elif tok == "万":
            section = ((section + number) or 1.0) * 1e4
            number = 0.0
        elif tok == "亿":
            result = ((result + section + number) or 1.0) * 1e8
            section = number = 0.0
    return result + section + number


def _scale_value(scale: str, connector: str | None) -> float:
    if scale in _LETTER_SCALE:
        return _LETTER_SCALE[scale]
    low = scale.lower()
    if low.startswith("billion") and connector and connector[0] == "d":
        return float(DATA["french_billion"])  # "1 billion de dollars" is 10^12 in French
    return LATIN_SCALE[low]


def _parts(m: re.Match[str]) -> tuple[str, str, str, str, str | None] | None:
    """(number, scale, infix, currency, connector) of a match, whichever form it took."""
    g = m.group
    if g("pre"):
        return g("p_num"), g("p_scale") or "", g("p_inf") or "", _PREFIX_CUR[g("p_cur")], None
    num, scale, inf = g("s_num"), g("s_scale") or "", g("s_inf") or ""
    if g("s_cur"):
        return num, scale, inf, _SUFFIX_CUR[g("s_cur").lower()], g("s_conn")
    if not scale:  # the low end of a range
        if _YEAR_LIKE.fullmatch(num):
            return None  # "from 2023 to 500 million euros": a year, not the low end
        scale = (g("r2_scale") or "")[len(g("r2_inf") or "") :]
    return num, scale, inf, _SUFFIX_CUR[g("r2_cur").lower()], g("r2_conn")


def _amount_of(m: re.Match[str]) -> tuple[float, str] | None:
    """(amount, currency) of one regex match, or None when it is not really money."""
    parts = _parts(m)
    if parts is None:
        return None
    num, scale, inf, cur, conn = parts
    cjk_num = num[0] in CJK_DIGITS
    cjk_scale = scale[len(inf) :] if scale[len(inf) :] in _CJK_SCALE else ""
    if cjk_num and not cjk_scale and cur == "CNY" and m.group().endswith("元"):
        return None  # "一元" is usually maths ("二元"), not one yuan
    if not scale and _NEEDS_SCALE_RE.search(m.group()):
        return None
    if cjk_num or cjk_scale:
        value = _cjk_value(num.replace(",", "") + cjk_scale)
    else:
        value = _NUM_WORDS.get(num.lower()) or _latin_number(num)
        if scale:
            value *= _scale_value(scale, conn)
    if not (value > 0 and math.isfinite(value)):
        return None
    return round(value, 2), cur  # 4.15 * 1e8 is 415000000.00000006 in binary floating point


def _qualifier(text: str, m: re.Match[str]) -> str | None:
    before = _QUAL_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())
    if before:
        return _QUAL_BEFORE[before.group("q").lower()]
    inf = m.group("p_inf") or m.group("s_inf")
    if inf:
        return str(_QUAL["infix"][inf])
    after = _QUAL_AFTER_RE.match(text, m.end())
    return str(_QUAL["after"][after.group()]) if after else None


def _money(text: str, m: re.Match[str]) -> Money | None:
    parsed = _amount_of(m)
    if parsed is None:
        return None
    q = _qualifier(text, m)
    return Money(amount=parsed[0], currency=parsed[1], text=m.group(), qualifier=q,
                 start=m.start(), end=m.end())  # fmt: skip


def _is_conversion(text: str, cur: Money, nxt: Money) -> bool:
    gap = text[cur.end : nxt.start]
    if _CONV_OPEN_RE.match(gap):
        return _CONV_CLOSE_RE.match(text, nxt.end) is not None
    return _CONV_COMMA_RE.match(gap) is not None and nxt.currency != cur.currency


def find_amounts(text: str) -> list[Money]:
    """Every money amount in `text`, in order; a bracketed conversion right after an amount
    ("1500万欧元（约合1600万美元）") is attached as `converted`, not listed on its own."""
    return list(_amounts(text))


# Extraction rules ask about the same sentence several times; the models are frozen, so
# sharing the cached results is safe.
@lru_cache(maxsize=4096)
def _amounts(text: str) -> tuple[Money, ...]:
    low = text.lower()
    if not any(h in low for h in _CURRENCY_HINTS):
        return ()
    raw = [money for m in _AMOUNT_RE.finditer(text) if (money := _money(text, m))]
    out: list[Money] = []
    i = 0
    while i < len(raw):
        cur = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if nxt is not None and _is_conversion(text, cur, nxt):
            cur = cur.model_copy(update={"converted": nxt})
            i += 1
        out.append(cur)
        i += 1
    return tuple(out)


def parse_amount(text: str) -> Money | None:
    """The first amount in `text`, or None."""
    found = find_amounts(text)
    return found[0] if found else None
