"""Partial dates: the one place where `kg` reads, checks and compares dates.

A date is as precise as its source: "2024" (year), "2024-06" (month) or "2024-06-11" (day; a
datetime "2024-06-11T10:00:00+00:00" counts as a day). Readers turn metadata dates into that
text (`read_date`), the extractor finds dates in running text (`kg.extract.normalize`, built on
`find_dates`), and the graph filters, the explorer and the graph-database loader
read the text back with `span`, `in_range` and `as_date`.

    >>> span("2024-06")
    ('2024-06-01', '2024-06-30')
    >>> in_range("2024", since="2024-06-01", until=None)
    True
    >>> as_date("2024-06")
    (datetime.date(2024, 6, 1), 'month')
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.dates.values import (
    PartialDate,
    Precision,
    as_date,
    check_bound,
    in_range,
    precision_of,
    span,
)

__all__ = ["PartialDate", "Precision", "as_date", "check_bound", "find_dates", "in_range",
           "parse_date", "precision_of", "read_date", "span"]  # fmt: skip

if TYPE_CHECKING:
    from kg.dates.meta import read_date
    from kg.dates.text import find_dates, parse_date

# Reading dates in text loads the month-name vocabulary (YAML, ~0.1 s); a command that only
# compares stored dates (`kg query`, the graph loader) should not pay for it.
_LAZY = {"read_date": "kg.dates.meta", "find_dates": "kg.dates.text", "parse_date": "kg.dates.text"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg.dates' has no attribute {name!r}")
