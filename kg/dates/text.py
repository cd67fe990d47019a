"""Dates in Chinese, English and French running text, as precise as the text says:
"2024年6月11日", "June 2024", "le mois dernier" (resolved against a reference date), "去年12月"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from kg.data import DATA, load_yaml
from kg.dates.values import PartialDate, Precision
from kg.errors import InputError
from kg.extract.trie import trie_pattern as alt

# The month, weekday and relative-date words are the normaliser's (they share one data file).
_DATA: dict[str, Any] = load_yaml(DATA / "normalize.yaml")
_LATIN_SCALE = [k.lower() for k in _DATA["scales"]["latin"]]
_CJK_DIGITS = "零〇一二两兩三四五六七八九十百千"
_Resolved = tuple[str, Precision]  # ("2024-06", "month")
_D = _DATA["dates"]
_MONTHS: dict[str, int] = {
    k.lower().rstrip("."): v for lang in _D["months"].values() for k, v in lang.items()
}
_WEEKDAYS: dict[str, int] = {
    k.lower(): v for k, v in (_D["weekdays"]["en"] | _D["weekdays"]["fr"]).items()
}
_ZH_WEEKDAYS: dict[str, int] = dict(_D["weekdays"]["zh"])
_RELATIVE: dict[str, tuple[str, int]] = {k.lower(): (v[0], v[1]) for k, v in _D["relative"].items()}
_REL_LATIN = [w for w in _RELATIVE if w[0].isascii()]
_REL_CJK = [w for w in _RELATIVE if not w[0].isascii()]

# English month and weekday names only count capitalised ("may", "march" are verbs).
_MONTH_EN = rf"(?:{alt(_D['months']['en'])})\.?(?![A-Za-z])"
_MONTH = rf"(?:{_MONTH_EN}|(?i:{alt(_D['months']['fr'])})(?![A-Za-zéû]))"
WEEKDAY_NAMES = rf"(?:{alt(_D['weekdays']['en'])}|(?i:{alt(_D['weekdays']['fr'])}))"
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
    "md": rf"(?P<md_m>{_MONTH_EN})\s(?P<md_d>{_DAY})(?![\d:.,]\d|\s(?i:{alt(_LATIN_SCALE)}))",
    "mo": rf"{_PREP}(?P<mo_s>(?P<mo_m>{_MONTH}))"
    rf"(?!,?\s?\d+(?![\d.,]*\s?(?i:{alt(_LATIN_SCALE)})))",
    "yr": rf"{_PREP}(?P<yr_s>(?P<yr_y>{_Y}))",
    "rel": rf"(?P<rel_w>(?i:{alt(_REL_LATIN)}))(?![A-Za-z])",
    # A weekday in front of a full date ("Tuesday, June 11, 2024") leaves the date to the date.
    "wd": rf"(?P<wd_last>(?i:last)\s)?(?P<wd_w>{WEEKDAY_NAMES})(?P<wd_fr> dernier)?(?![A-Za-z])"
    rf"(?!,?\s(?:{_MONTH}|{_DAY}\s))",
}
_CJK_ALTS = {
    # "去年12月", "今年6月11日": the year is relative, the month and day are not.
    "zrym": r"(?P<zrym_w>今年|去年|明年|前年)\s?(?P<zrym_m>\d{1,2})\s?月"
    r"(?:\s?(?P<zrym_d>\d{1,2})\s?[日号])?",
    "zrel": rf"(?<![{_CJK_DIGITS}\d])(?P<zrel_w>{alt(_REL_CJK)})",  # not "十一年前"
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


def ymd(y: int, m: int, d: int | None = None) -> _Resolved | None:
    """(value, precision) for a valid date, None for "2024-02-30" and friends."""
    try:
        if d is None:
            date(y, m, 1)
            return f"{y:04d}-{m:02d}", "month"
        return date(y, m, d).isoformat(), "day"
    except ValueError:
        return None


def writes_month(text: str, month: int) -> bool:
    """Does `text` write this month, as a number ("02", "2月") or a month word ("Feb.",
    "février")? For checking what a parser read against what was written."""
    if re.search(rf"(?<!\d)0?{month}(?!\d)", text):
        return True
    words = re.findall(r"[A-Za-zÀ-ÿ]+\.?", text)
    return any(_MONTHS.get(w.lower().rstrip(".")) == month for w in words)


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
    return ymd(year, m, d)


def _relative(word: str, ref: date) -> _Resolved | None:
    unit, offset = _RELATIVE[word.lower()]
    if unit == "day":
        return (ref + timedelta(days=offset)).isoformat(), "day"
    if unit == "month":
        return ymd(*_shift_month(ref, offset))
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
        return ymd(int(g(f"{k}_y")), _month_of(g(f"{k}_m")), _day(g(f"{k}_d")))
    if k in ("isom", "zhm", "my"):
        return ymd(int(g(f"{k}_y")), _month_of(g(f"{k}_m")))
    if k in ("zhy", "yr"):
        return g(f"{k}_y"), "year"
    if k in ("zhmd", "md", "dm"):
        return _no_year(ref, _month_of(g(f"{k}_m")), _day(g(f"{k}_d")))
    if k in ("zhmo", "mo"):
        return _no_year(ref, _month_of(g(f"{k}_m")), None)
    if k == "zrym":
        year = ref.year + _RELATIVE[g("zrym_w")][1]
        return ymd(year, int(g("zrym_m")), int(g("zrym_d")) if g("zrym_d") else None)
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
