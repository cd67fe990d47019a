"""Money amounts and dates in Chinese, English and French news text, normalised.

    >>> parse_amount("融资4.15亿美元").amount
    415000000.0
    >>> parse_date("le 11 juin 2024").value
    '2024-06-11'

Words, symbols and month names live in `data/normalize.yaml`; the regexes are built from it once,
at import, because the extractor calls these functions on every sentence.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from kg.errors import InputError

__all__ = ["Money", "PartialDate", "Precision", "find_amounts", "find_dates", "parse_amount",
           "parse_date"]  # fmt: skip

_DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent.parent / "data" / "normalize.yaml").read_text(encoding="utf-8")
)


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


Precision = Literal["year", "month", "day"]


class PartialDate(BaseModel):
    """A date as precise as the text says: "2024", "2024-06" or "2024-06-11"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    precision: Precision
    text: str
    start: int
    end: int
    relative: bool = False


def _alt(words: Any) -> str:
    """Regex matching any of the literal `words`, longest first ("HK$" beats "$"). Built as a
    trie so that a position where no word starts costs one character test: the regexes run
    on every sentence."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# --- amounts -------------------------------------------------------------------------------

_CUR = _DATA["currencies"]
_SCALES = _DATA["scales"]
_QUAL = _DATA["qualifiers"]
_LATIN_SCALE: dict[str, float] = {k.lower(): float(v) for k, v in _SCALES["latin"].items()}
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
_CJK_DIGITS = "零〇一二两兩三四五六七八九十百千"
# Only from the start of a numeral run, and possessive: a long run must not cost O(n^2).
# "数十亿" / "几百万" / "上千万" are vague ("tens of billions"): no amount.
_CJK_NUM = f"(?<![{_CJK_DIGITS}数數几幾上])[{_CJK_DIGITS}]++"
_NUM_WORDS: dict[str, float] = {k.lower(): float(v) for k, v in _DATA["number_words"].items()}
# "a billion dollars", "un milliard d'euros": a number word only counts before a scale word;
# the first look-ahead is a cheap test for "<word> ...ill" that spares most words the rest.
_WORD_NUM = (
    r"(?<![A-Za-z])(?=[A-Za-z]{1,6}(?: a)?[ \u00a0\u202f][A-Za-z]{0,3}ill)"
    rf"(?i:{_alt(_NUM_WORDS)})(?=[ \u00a0\u202f](?i:{_alt(_LATIN_SCALE)})(?![A-Za-z]))"
)
_SCALE = (
    rf"(?i:{_alt(_LATIN_SCALE)})(?![A-Za-z])|(?:{_alt(_LETTER_SCALE)})(?![A-Za-z])"
    rf"|(?P<{{g}}_inf>[多余])?(?:{_alt(_CJK_SCALE)})"
)
_CONN = r"(?:de|of)\s|d['’]\s?"
# A symbol followed by a number starts the next amount ("... 4 $20"), it does not end this one.
_SUFFIX = rf"(?i:{_alt(_SUFFIX_CUR)})(?![A-Za-z])(?![ \u00a0\u202f]?\d)"
_RANGE_TO = r"(?:至|到|~|～|-|–|to|and|à|et)"
_AMOUNT_RE = re.compile(
    rf"(?P<pre>(?<![A-Za-z])(?P<p_cur>{_alt(_PREFIX_CUR)}){_SP}(?P<p_num>{_BARE_NUM})"
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
_NEEDS_SCALE_RE = re.compile(rf"(?i:{_alt(_CUR['needs_scale'])})\Z")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_QUAL_BEFORE_RE = re.compile(rf"(?<![A-Za-z])(?P<q>(?i:{_alt(_QUAL_BEFORE)}))[ \u00a0\u202f]*\Z")
_QUAL_AFTER_RE = re.compile(rf"(?:{_alt(_QUAL['after'])})")
# What may sit between an amount and its parenthesised conversion: "（约合", " (", "(about ".
_CONV_OPEN_RE = re.compile(
    rf"[ \u00a0]*[(（][ \u00a0]*(?:(?i:{_alt(_QUAL_BEFORE)}|折合|相当于|即|soit|or|~|≈)"
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
        return float(_DATA["french_billion"])  # "1 billion de dollars" is 10^12 in French
    return _LATIN_SCALE[low]


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
    cjk_num = num[0] in _CJK_DIGITS
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


# --- dates ---------------------------------------------------------------------------------

_Resolved = tuple[str, Precision]  # ("2024-06", "month")
_D = _DATA["dates"]
_MONTHS: dict[str, int] = {k.lower(): v for lang in _D["months"].values() for k, v in lang.items()}
_WEEKDAYS: dict[str, int] = {
    k.lower(): v for k, v in (_D["weekdays"]["en"] | _D["weekdays"]["fr"]).items()
}
_ZH_WEEKDAYS: dict[str, int] = dict(_D["weekdays"]["zh"])
_RELATIVE: dict[str, tuple[str, int]] = {k.lower(): (v[0], v[1]) for k, v in _D["relative"].items()}
_REL_LATIN = [w for w in _RELATIVE if w[0].isascii()]
_REL_CJK = [w for w in _RELATIVE if not w[0].isascii()]

# English month and weekday names only count capitalised ("may", "march" are verbs).
_MONTH_EN = rf"(?:{_alt(_D['months']['en'])})\.?(?![A-Za-z])"
_MONTH = rf"(?:{_MONTH_EN}|(?i:{_alt(_D['months']['fr'])})(?![A-Za-zéû]))"
_WD_NAME = rf"(?:{_alt(_D['weekdays']['en'])}|(?i:{_alt(_D['weekdays']['fr'])}))"
_YEAR = r"(?:19|20)\d\d"
_Y = rf"{_YEAR}(?![\d年])"
_DAY = r"(?:1er|[0-3]?\d)(?!\d)(?:st|nd|rd|th)?"
_TO_DAY = r"(?:[-–][0-3]?\d(?!\d))?"  # "June 11-12, 2024", "11-12 juin 2024": the first day
_PREP = r"(?i:in|since|by|during|until|early|late|mid-|en|depuis|début|fin|mi-)\s?"

# Alternatives grouped by how they start (digit, Latin word, CJK character): a guard in front
# of each group rejects most positions with one character test. Inside a group the first
# alternative that fits wins, so the more precise forms come first; matches never overlap.
_DIGIT_ALTS = {
    "iso": rf"(?P<iso_y>{_YEAR})[-/.](?P<iso_m>[01]?\d)[-/.](?P<iso_d>[0-3]?\d)(?!\d)",
    "isom": rf"(?P<isom_y>{_YEAR})-(?P<isom_m>0[1-9]|1[0-2])(?![\d-])",
    "zhd": r"(?P<zhd_y>\d{4})\s?年\s?(?P<zhd_m>\d{1,2})\s?月\s?(?P<zhd_d>\d{1,2})\s?[日号]",
    "zhm": r"(?P<zhm_y>\d{4})\s?年\s?(?P<zhm_m>\d{1,2})\s?月",
    "zhy": r"(?P<zhy_y>\d{4})\s?年(?!代)",
    "zhmd": r"(?P<zhmd_m>\d{1,2})\s?月\s?(?P<zhmd_d>\d{1,2})\s?[日号]",
    "zhmo": r"(?<!年)(?P<zhmo_m>\d{1,2})月(?!\d)",
    "dmy": rf"(?P<dmy_d>{_DAY}){_TO_DAY}\s(?:of\s)?(?P<dmy_m>{_MONTH}),?\s(?P<dmy_y>{_Y})",
    "ymd": rf"(?P<ymd_y>{_Y}),\s(?P<ymd_m>{_MONTH_EN})\s(?P<ymd_d>{_DAY})",
    "dm": rf"(?P<dm_d>{_DAY})\s(?P<dm_m>{_MONTH})",
}
_WORD_ALTS = {
    "mdy": rf"(?P<mdy_m>{_MONTH_EN})\s(?P<mdy_d>{_DAY}){_TO_DAY},?\s(?P<mdy_y>{_Y})",
    "my": rf"(?P<my_m>{_MONTH}),?\s(?P<my_y>{_Y})",
    "md": rf"(?P<md_m>{_MONTH_EN})\s(?P<md_d>{_DAY})(?![\d:.,]\d|\s(?i:{_alt(_LATIN_SCALE)}))",
    "mo": rf"{_PREP}(?P<mo_s>(?P<mo_m>{_MONTH}))"
    rf"(?!,?\s?\d+(?![\d.,]*\s?(?i:{_alt(_LATIN_SCALE)})))",
    "yr": rf"{_PREP}(?P<yr_s>(?P<yr_y>{_Y}))",
    "rel": rf"(?P<rel_w>(?i:{_alt(_REL_LATIN)}))(?![A-Za-z])",
    # A weekday in front of a full date ("Tuesday, June 11, 2024") leaves the date to the date.
    "wd": rf"(?P<wd_last>(?i:last)\s)?(?P<wd_w>{_WD_NAME})(?P<wd_fr> dernier)?(?![A-Za-z])"
    rf"(?!,?\s(?:{_MONTH}|{_DAY}\s))",
}
_CJK_ALTS = {
    # "去年12月", "今年6月11日": the year is relative, the month and day are not.
    "zrym": r"(?P<zrym_w>今年|去年|明年|前年)\s?(?P<zrym_m>\d{1,2})\s?月"
    r"(?:\s?(?P<zrym_d>\d{1,2})\s?[日号])?",
    "zrel": rf"(?<![{_CJK_DIGITS}\d])(?P<zrel_w>{_alt(_REL_CJK)})",  # not "十一年前"
    "zhwd": r"(?P<zhwd_pre>上|本|这)?(?:周|星期|礼拜)(?P<zhwd_d>[一二三四五六日天])",
}
_CJK_FIRST = "".join(sorted({w[0] for w in _REL_CJK} | set("上本这周星礼")))


def _group(alts: dict[str, str]) -> str:
    return "|".join(f"(?P<{k}>{v})" for k, v in alts.items())


_DATE_RE = re.compile(
    rf"(?<![\d.])(?=\d)(?:{_group(_DIGIT_ALTS)})"
    rf"|(?<![A-Za-zÀ-ÿ])(?=[A-Za-zÀ-ÿ])(?:{_group(_WORD_ALTS)})"
    rf"|(?=[{_CJK_FIRST}])(?:{_group(_CJK_ALTS)})"
)


@lru_cache(maxsize=256)
def _reference(reference: str | date | None) -> date | None:
    if isinstance(reference, datetime):
        return reference.date()  # a datetime would leak "T00:00:00" into day values
    if reference is None or isinstance(reference, date):
        return reference
    try:
        return date.fromisoformat(reference.strip()[:10])
    except ValueError:
        raise InputError(f"reference date {reference!r}: not an ISO date (YYYY-MM-DD)") from None


def _ymd(y: int, m: int, d: int | None = None) -> _Resolved | None:
    """(value, precision) for a valid date, None for "2024-02-30" and friends."""
    try:
        if d is None:
            date(y, m, 1)
            return f"{y:04d}-{m:02d}", "month"
        return date(y, m, d).isoformat(), "day"
    except ValueError:
        return None


def _day(raw: str) -> int:
    return int(raw.rstrip("erstndh"))  # "1er", "11th", "2nd"


def _month_of(raw: str) -> int:
    return int(raw) if raw.isdigit() else _MONTHS[raw.rstrip(".").lower()]


def _shift_month(ref: date, offset: int) -> tuple[int, int]:
    total = ref.year * 12 + ref.month - 1 + offset
    return total // 12, total % 12 + 1


def _no_year(ref: date, m: int, d: int | None) -> _Resolved | None:
    """A month (and day) without a year: the latest such date not after the reference."""
    year = ref.year if (m, d or 1) <= (ref.month, ref.day) else ref.year - 1
    return _ymd(year, m, d)


def _relative(word: str, ref: date) -> _Resolved | None:
    unit, offset = _RELATIVE[word.lower()]
    if unit == "day":
        return (ref + timedelta(days=offset)).isoformat(), "day"
    if unit == "month":
        return _ymd(*_shift_month(ref, offset))
    year = date(ref.year + offset, 1, 1).year  # ValueError outside years 1..9999
    return f"{year:04d}", "year"


def _weekday(wd: int, ref: date, strictly_before: bool) -> _Resolved:
    """The latest such weekday on or before the reference ("on Tuesday"), or strictly before
    it ("last Tuesday", "mardi dernier")."""
    back = (ref.weekday() - wd) % 7 or (7 if strictly_before else 0)
    return (ref - timedelta(days=back)).isoformat(), "day"


def _zh_weekday(pre: str | None, wd: int, ref: date) -> _Resolved:
    if not pre:
        return _weekday(wd, ref, False)
    monday = ref - timedelta(days=ref.weekday() + (7 if pre == "上" else 0))
    return (monday + timedelta(days=wd)).isoformat(), "day"


def _resolve(m: re.Match[str], k: str, ref: date) -> _Resolved | None:
    """(value, precision) of a match of kind `k`; only relative kinds use `ref`."""
    g = m.group
    if k in ("iso", "zhd", "mdy", "dmy", "ymd"):
        return _ymd(int(g(f"{k}_y")), _month_of(g(f"{k}_m")), _day(g(f"{k}_d")))
    if k in ("isom", "zhm", "my"):
        return _ymd(int(g(f"{k}_y")), _month_of(g(f"{k}_m")))
    if k in ("zhy", "yr"):
        return g(f"{k}_y"), "year"
    if k in ("zhmd", "md", "dm"):
        return _no_year(ref, _month_of(g(f"{k}_m")), _day(g(f"{k}_d")))
    if k in ("zhmo", "mo"):
        return _no_year(ref, _month_of(g(f"{k}_m")), None)
    if k == "zrym":
        year = ref.year + _RELATIVE[g("zrym_w")][1]
        return _ymd(year, int(g("zrym_m")), int(g("zrym_d")) if g("zrym_d") else None)
    if k in ("rel", "zrel"):
        return _relative(g(f"{k}_w"), ref)
    if k == "wd":
        last = bool(g("wd_last") or g("wd_fr"))
        return _weekday(_WEEKDAYS[g("wd_w").lower()], ref, last)
    return _zh_weekday(g("zhwd_pre"), _ZH_WEEKDAYS[g("zhwd_d")], ref)


_RELATIVE_KINDS = frozenset({"zhmd", "md", "dm", "zhmo", "mo", "rel", "zrel", "zrym", "wd", "zhwd"})


def _date(m: re.Match[str], ref: date | None) -> PartialDate | None:
    kind = m.lastgroup or ""
    relative = kind in _RELATIVE_KINDS
    if relative and ref is None:
        return None
    try:
        resolved = _resolve(m, kind, ref or date.min)
    except (OverflowError, ValueError):  # relative to a reference near year 1 or 9999
        return None
    if resolved is None:
        return None
    g = f"{kind}_s" if f"{kind}_s" in _DATE_RE.groupindex else 0
    return PartialDate(value=resolved[0], precision=resolved[1], text=m.group(g),
                       start=m.start(g), end=m.end(g), relative=relative)  # fmt: skip


def find_dates(text: str, reference: str | date | None = None) -> list[PartialDate]:
    """Every date in `text`, in order. Relative ones ("yesterday", "去年", "le mois dernier",
    "en juin") are resolved against `reference` (ISO date) and skipped without one."""
    return list(_dates(text, _reference(reference)))


@lru_cache(maxsize=4096)
def _dates(text: str, ref: date | None) -> tuple[PartialDate, ...]:
    return tuple(d for m in _DATE_RE.finditer(text) if (d := _date(m, ref)))


def parse_date(text: str, reference: str | date | None = None) -> PartialDate | None:
    """The first date in `text`, or None."""
    found = find_dates(text, reference)
    return found[0] if found else None
