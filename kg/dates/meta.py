"""Metadata dates (front matter, HTML meta and JSON-LD, feeds, JSON fields) as ISO text, as
precise as written. Fast paths first (ISO 8601, RFC 822 with the zones feeds really write, the
forms `kg.dates.text` reads); dateparser only for the rest, imported on first need."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from datetime import timedelta
from functools import lru_cache
from typing import Any

from kg.dates.text import WEEKDAY_NAMES, find_dates, writes_month, ymd
from kg.dates.values import BOUND, precision_of

# Zones RFC 822 does not name but feeds write anyway; email.utils would read them as UTC.
_ZONES = {"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "CET": 60, "MET": 60,
          "WEST": 60, "CEST": 120, "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
          "IST": 330, "ICT": 420, "HKT": 480, "SGT": 480, "AWST": 480, "JST": 540, "KST": 540,
          "AEST": 600, "AEDT": 660, "NZST": 720, "EST": -300, "EDT": -240, "CST": -360,
          "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420}  # fmt: skip
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3,9}\.?,?\s*)?(?P<date>\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}\s+\d{1,2}:\d{2}"
    r"(?::\d{2})?)(?:\s*(?P<zone>[A-Za-z]{1,5})?\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?)?"
    r"(?:\s*\([^()]*\))?"
)
_ZH_WEEKDAY = "(?:星期|周|礼拜)[一二三四五六日天]"
_NUMERIC_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?!\d)")
_LEFTOVER = re.compile(r"[\s,.·|:/-]|(?i:at|on|le|à|published|updated|publié|mis à jour)(?!\w)"
                       r"|\b(?:[ECMP][SD]?T|UTC|GMT)\b")


def read_date(value: Any) -> str | None:
    """A metadata date as ISO text, as precise as written, or None when it is not a date:
    '2024-06-11T10:00:00Z' -> '2024-06-11T10:00:00+00:00', 'Tue, 27 Feb 2024 10:00 CET' ->
    '2024-02-27T10:00:00+01:00', 'Feb 27th, 2024' and 'le 1er mars 2024' -> days,
    'juin 2024' and '2024年6月' -> '2024-06'. Fast paths first; dateparser only for the rest."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    return _read_text(" ".join(value.split()))


@lru_cache(maxsize=4096)  # a corpus repeats its dates; dateparser costs 20-70 ms a call
def _read_text(text: str) -> str | None:
    if text[:1] == "(" and text[-1:] == ")":  # "(2024, June 11)", a citation's date
        text = text[1:-1].strip()
    if not text or len(text) > 80:
        return None
    return _meta_iso(text) or _meta_rfc822(text) or _meta_written(text) or _meta_fallback(text)


def _meta_iso(text: str) -> str | None:
    if not text[:4].isdigit():
        return None
    if precision_of(text) in ("year", "month") and BOUND.fullmatch(text):
        return text
    try:
        parsed = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] in "Zz" else text)
    except ValueError:
        return None
    if re.fullmatch(r"\d{4}-?\d{2}-?\d{2}", text):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _meta_rfc822(text: str) -> str | None:
    m = _RFC822.fullmatch(text)
    if not m:
        return None
    parts = email.utils.parsedate_tz(m["date"])
    if parts is None:
        return None
    try:
        naive = dt.datetime(*parts[:6])  # type: ignore[misc]
    except ValueError:
        return None
    zone, off = (m["zone"] or "").upper(), m["off"]
    if zone and zone not in _ZONES:
        return naive.isoformat()  # an unknown zone: the time as written, no offset invented
    minutes = _ZONES.get(zone, 0) + (_offset(off) if off else 0)
    if not zone and not off:
        return naive.isoformat()
    return naive.replace(tzinfo=dt.timezone(timedelta(minutes=minutes))).isoformat()


def _offset(text: str) -> int:
    """'+0530', '+05:30', '+8', '-03' -> minutes east of UTC."""
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return sign * (int(hours) * 60 + int(minutes))


def _meta_written(text: str) -> str | None:
    """Dates as people write them ('Feb 27th, 2024', 'mardi 27 février 2024', '2024年2月27日',
    '27.02.2024'), with nothing else in the text but a weekday, a time and small words."""
    numeric = _NUMERIC_DMY.search(text)
    found = [] if numeric else find_dates(text)
    if numeric:
        day, month = int(numeric[1]), int(numeric[2])
        if month > 12 >= day:  # "02/27/2024": month first
            day, month = month, day
        value, start, end = ymd(int(numeric[3]), month, day), numeric.start(), numeric.end()
    elif found and not found[0].relative:
        value, start, end = (found[0].value, found[0].precision), found[0].start, found[0].end
    else:
        return None
    if value is None:
        return None
    time = _TIME.search(text, end) or _TIME.search(text[:start])
    rest = _TIME.sub(" ", text[:start] + " " + text[end:])
    pm = re.search(r"(?i)\bp\.?m\b", rest)
    rest = re.sub(rf"{WEEKDAY_NAMES}|{_ZH_WEEKDAY}|[ap]\.?m\.?|[日号]", " ", rest)
    if re.sub(_LEFTOVER, "", rest):
        return None  # more than a date: not ours to guess
    hour = int(time[1]) + (12 if pm and int(time[1]) < 12 else 0) if time else 99
    if time and value[1] == "day" and hour < 24 and int(time[2]) < 60:
        return f"{value[0]}T{hour:02d}:{time[2]}:{time[3] or '00'}"
    return value[0]


def _meta_fallback(text: str) -> str | None:
    """dateparser for the forms the fast paths do not know; absolute dates only, and the
    precision it read (a month stays a month)."""
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        return None  # no year written: "Feb 27" is not February 2027
    from dateparser.date import DateDataParser  # ~0.2 s to import: only when needed

    parser = _dateparser(DateDataParser)
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    when = data.date_obj
    if when is None or not 1 <= when.year <= 9999:
        return None
    # Only what the text writes: dateparser fills a missing month or day from today ("12:30
    # 2024") and gives a quarter as its middle month's first day ("Q1 2024": 2024-02-01).
    month = data.period not in ("year", "quarter", "week") and writes_month(text, when.month)
    day = month and data.period != "month" and re.search(rf"(?<!\d)0?{when.day}(?!\d)", text)
    if not month:
        return f"{when.year:04d}"
    if not day:
        return f"{when.year:04d}-{when.month:02d}"
    if data.period == "day" or (when.hour, when.minute, when.second) == (0, 0, 0):
        return when.date().isoformat()
    return when.isoformat()


_PARSER: list[Any] = []


def _dateparser(factory: Any) -> Any:
    if not _PARSER:
        _PARSER.append(factory(languages=["en", "fr", "zh"], settings={
            "PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["year"],
            "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True}))  # fmt: skip
    return _PARSER[0]
