"""kg.dates: partial dates read, checked and compared in one place. Expected values by hand."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from kg.dates import as_date, check_bound, in_range, precision_of, read_date, span
from kg.errors import InputError


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2024", "year", "2024-01-01", "2024-12-31"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),  # leap year
        ("2023-02", "month", "2023-02-01", "2023-02-28"),
        ("2024-06-11", "day", "2024-06-11", "2024-06-11"),
        ("2024-06-11T10:00:00+00:00", "day", "2024-06-11", "2024-06-11"),
        (" 2024-06-11 10:00 ", "day", "2024-06-11", "2024-06-11"),
    ],
)
def test_partial_dates_cover_their_period(
    value: str, precision: str, first: str, last: str
) -> None:
    assert precision_of(value) == precision
    assert span(value) == (first, last)
    day, prec = as_date(value) or (None, None)
    assert (str(day), prec) == (first, precision)


@pytest.mark.parametrize(
    "value", ["June 2024", "2024-13", "2024-02-30", "24-06-11", "", None, 2024]
)
def test_not_partial_dates(value: object) -> None:
    assert precision_of(value) is None and span(value) is None and as_date(value) is None
    assert not in_range(value, None, None)


@pytest.mark.parametrize(
    ("value", "since", "until", "expected"),
    [
        ("2024-11", "2024-11-30", None, True),  # a month overlaps its last day
        ("2024-11", "2024-12", None, False),
        ("2024", None, "2024-01-01", True),
        ("2023", "2024", None, False),
        ("2025-03-01T23:59:00+00:00", None, "2025-03-01", True),
        ("2025-03-02", None, "2025-03-01", False),
    ],
)
def test_in_range(value: str, since: str | None, until: str | None, expected: bool) -> None:
    assert in_range(value, since, until) is expected


@pytest.mark.parametrize("bound", ["2024-13", "June", "2024-6", "2024-06-31"])
def test_bad_filter_bounds_are_one_line_errors(bound: str) -> None:
    with pytest.raises(InputError, match=r"^bad date .* \(want YYYY, YYYY-MM or YYYY-MM-DD\)$"):
        check_bound(bound)


def test_metadata_dates_keep_their_precision() -> None:
    assert read_date("2024-06-11T10:00:00Z") == "2024-06-11T10:00:00+00:00"
    assert read_date(dt.date(2024, 6, 11)) == "2024-06-11"
    assert read_date("June 2024") == "2024-06"
    assert read_date("not a date") is None


# The forms publishers write in metadata (front matter, HTML meta and JSON-LD, feeds), en/fr/zh.
META_FORMS = [
    ("Feb 27th, 2024", "2024-02-27", "day"),
    ("Tuesday, February 27, 2024", "2024-02-27", "day"),
    ("Updated Feb. 27, 2024 3:45 p.m. ET", "2024-02-27T15:45:00", "day"),
    ("Tue, 27 Feb 2024 10:00:00 CET", "2024-02-27T10:00:00+01:00", "day"),  # RFC 822, odd zone
    ("Tue, 27 Feb 2024 18:30:00 GMT+8", "2024-02-27T18:30:00+08:00", "day"),
    ("27 Feb 2024 10:00 +0530 (IST)", "2024-02-27T10:00:00+05:30", "day"),
    ("2024-02-27T10:00:00.000+0100", "2024-02-27T10:00:00+01:00", "day"),
    ("February 2024", "2024-02", "month"),
    ("le 1er mars 2024", "2024-03-01", "day"),
    ("mardi 27 février 2024 à 10h30", "2024-02-27T10:30:00", "day"),
    ("27 févr. 2024", "2024-02-27", "day"),
    ("27.02.2024", "2024-02-27", "day"),
    ("2024年2月27日", "2024-02-27", "day"),
    ("2024年2月27日 星期二 10:30", "2024-02-27T10:30:00", "day"),
    ("2024年2月", "2024-02", "month"),
]


@pytest.mark.parametrize(("text", "iso", "precision"), META_FORMS)
def test_metadata_date_forms(text: str, iso: str, precision: str) -> None:
    assert read_date(text) == iso
    assert precision_of(iso) == precision


@pytest.mark.parametrize(("text", "iso"), [
    ("27-Feb-2024", "2024-02-27"), ("2024年02月27日 10时30分", "2024-02-27T10:30:00"),
])  # fmt: skip
def test_forms_left_to_dateparser(text: str, iso: str) -> None:
    assert read_date(text) == iso


@pytest.mark.parametrize("text", ["Feb 27", "yesterday", "12 billion", "2月27日", "page 2 of 3",
                                  "Published by Priya Raman on the 27th"])  # fmt: skip
def test_metadata_non_dates_stay_out(text: str) -> None:
    assert read_date(text) is None  # no year written: no year invented (nor "today")


@pytest.mark.parametrize(("text", "iso"), [
    ("12:30 2024", "2024"),  # a time and a year: today's month and day were filled in
    ("3 ans 2024", "2024"),  # dateparser read "3" as the 3rd of today's month
    ("Q1 2024", "2024"),  # a quarter is no day: it was 2024-02-01
    ("2024 Q3", "2024"),
])  # fmt: skip
def test_metadata_dates_invent_no_month_or_day(text: str, iso: str | None) -> None:
    assert read_date(text) == iso


def test_comparing_stored_dates_does_not_load_the_text_vocabulary() -> None:
    # `kg query` and the graph loader only compare stored dates; the month names stay unread.
    code = (
        "import sys, kg.graphdb.rows, kg.dates as d; "
        "print('kg.dates.text' in sys.modules, 'kg.data' in sys.modules, "
        "d.as_date('2024-06')[1], d.parse_date('11 June 2024').value)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "month", "2024-06-11"]
