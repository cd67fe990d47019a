"""Partial dates as text ("2024", "2024-06", "2024-06-11[T...]"): the model, precision, the
period a date covers and range tests (graph filters, explorer, graph-database loader)."""

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
BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


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
    if not BOUND.fullmatch(value) or _parts(value) is None:
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
