"""Partial dates: the one place where `kg` reads, checks and compares dates.

A date is as precise as its source: "2024" (year), "2024-06" (month) or "2024-06-11" (day; a
datetime "2024-06-11T10:00:00+00:00" counts as a day). Readers turn metadata dates into that
text (`read_date`), the extractor finds dates in running text (`kg.extract.normalize`, built on
the `PartialDate` model below), and the graph filters, the explorer and the graph-database loader
read the text back with `span`, `in_range` and `as_date`.

    >>> span("2024-06")
    ('2024-06-01', '2024-06-30')
    >>> in_range("2024", since="2024-06-01", until=None)
    True
    >>> as_date("2024-06")
    (datetime.date(2024, 6, 1), 'month')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from kg.errors import InputError

Precision = Literal["year", "month", "day"]


class PartialDate(BaseModel):
    """A date found in text, as precise as the text says: "2024", "2024-06" or "2024-06-11"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    precision: Precision
    text: str
    start: int
    end: int
    relative: bool = False


# "2024", "2024-06", "2024-06-11", each optionally followed by a time ("T10:00", " 10:00").
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", re.DOTALL)
_BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _parts(value: Any) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a partial ISO date, None for anything else or an impossible date."""
    if not isinstance(value, str):
        return None
    m = _PARTIAL.fullmatch(value.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def precision_of(value: Any) -> Precision | None:
    """'2024' -> 'year', '2024-06' -> 'month', '2024-06-11' (or a datetime) -> 'day'."""
    parts = _parts(value)
    if parts is None:
        return None
    return "day" if parts[2] else "month" if parts[1] else "year"


def as_date(value: Any) -> tuple[dt.date, Precision] | None:
    """The first day of the period and its precision: '2024-06' -> (2024-06-01, 'month')."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day = parts
    precision: Precision = "day" if day else "month" if month else "year"
    return dt.date(year, month or 1, day or 1), precision


def span(value: Any) -> tuple[str, str] | None:
    """First and last day the date covers: '2025' -> ('2025-01-01', '2025-12-31')."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day = parts
    if day:
        first = last = dt.date(year, month or 1, day)
    elif month:
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return first.isoformat(), last.isoformat()


def check_bound(value: str) -> str:
    """A filter bound as given ('2024', '2024-06', '2024-06-11'), or a one-line InputError."""
    if not _BOUND.fullmatch(value) or _parts(value) is None:
        raise InputError(f"bad date {value!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def in_range(value: Any, since: str | None, until: str | None) -> bool:
    """Does a partial date overlap [since, until]? A month overlaps its last day; anything that
    is not a date is out of every range."""
    covered = span(value)
    if covered is None:
        return False
    if since and covered[1] < _bound_span(since)[0]:
        return False
    return not (until and covered[0] > _bound_span(until)[1])


def _bound_span(bound: str) -> tuple[str, str]:
    covered = span(check_bound(bound))
    assert covered is not None  # check_bound accepted it
    return covered


# --- metadata dates (front matter, HTML meta, feeds, JSON fields) ----------------------------

_FORMATS = (
    "%Y, %B %d",
    "%Y, %b %d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y年%m月%d日",
    "%B %Y",
    "%Y-%m",
)
_FR_MONTHS = {
    "janvier": "January",
    "février": "February",
    "fevrier": "February",
    "mars": "March",
    "avril": "April",
    "mai": "May",
    "juin": "June",
    "juillet": "July",
    "août": "August",
    "aout": "August",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December",
    "decembre": "December",
}


def read_date(value: Any) -> str | None:
    """A metadata date as ISO text, as precise as written: '2024-06-11T10:00:00Z',
    'Tue, 11 Jun 2024 10:00:00 GMT', '(2024, June 11)', '11 juin 2024', 'June 2024';
    anything that is not a date -> None."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().strip("()").split())
    if not text or len(text) > 60:
        return None
    return _iso(text) or _rfc822(text) or _by_format(text)


def _iso(text: str) -> str | None:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
            return dt.date.fromisoformat(candidate).isoformat()
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", candidate):
            return dt.datetime.fromisoformat(candidate).isoformat()
    except ValueError:
        return None
    return None


def _rfc822(text: str) -> str | None:
    import email.utils

    if not re.match(r"([A-Za-z]{3},\s*)?\d{1,2} [A-Za-z]{3} \d{4} \d", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _by_format(text: str) -> str | None:
    words = [_FR_MONTHS.get(w.lower(), w) for w in text.replace("1er", "1").split(" ")]
    english = " ".join(words)
    for fmt in _FORMATS:
        try:
            parsed = dt.datetime.strptime(english, fmt)
        except ValueError:
            continue
        if fmt in ("%B %Y", "%Y-%m"):
            return parsed.strftime("%Y-%m")
        if "%H" in fmt:
            return parsed.isoformat()
        return parsed.date().isoformat()
    return None
