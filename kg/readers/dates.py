"""Dates as written in news files -> ISO 8601 text (a date, or a datetime when a time is given)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

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


def to_iso(value: Any) -> str | None:
    """'2024-06-11T10:00:00Z', 'Tue, 11 Jun 2024 10:00:00 GMT', '(2024, June 11)', '11 juin 2024'
    -> ISO text; anything that is not a date -> None."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
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
