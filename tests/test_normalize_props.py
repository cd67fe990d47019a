"""Properties of the normalisers on arbitrary text: they never raise, spans are in range, in
order and non-overlapping, and amounts are positive and finite."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.normalize import Money, PartialDate, find_amounts, find_dates

# Pieces that look like amounts and dates, glued with arbitrary text, reach the interesting
# branches far more often than uniformly random characters would.
PIECES = st.sampled_from(
    [
        "4.15",
        "2,334",
        "1 500",
        "1,5",
        "十",
        "五千",
        "亿",
        "万",
        "万亿",
        "多",
        "美元",
        "元",
        "人民币",
        "欧元",
        "港元",
        "$",
        "US$",
        "€",
        "£",
        "HK$",
        " billion",
        "bn",
        "m",
        " M€",
        " milliards",
        " d'euros",
        " de dollars",
        " euros",
        "（约合",
        "）",
        " (",
        ")",
        "about ",
        "up to ",
        "逾",
        "以上",
        "June",
        " 11",
        ", 2024",
        "2024年",
        "6月",
        "11日",
        "le ",
        "juin",
        " 2025",
        "yesterday",
        "去年",
        "上周",
        "周三",
        "Tuesday",
        "last ",
        "hier",
        "en ",
        "in ",
        "2024-06-11",
        "-",
        "/",
        " ",
        "0",
        "9",
        "99999999999999999999",
    ]
)
TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=24).map("".join),
)
REFERENCE = st.one_of(
    st.none(),
    st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-29"]),
    st.dates().map(lambda d: d.isoformat()),
)


def _check_spans(text: str, items: list[Money] | list[PartialDate]) -> None:
    last_end = 0
    for item in items:
        assert last_end <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        last_end = item.end


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_amounts_never_raise_and_are_well_formed(text: str) -> None:
    found = find_amounts(text)
    _check_spans(text, found)
    for money in found:
        for m in (money, money.converted):
            if m is not None:
                assert m.amount > 0 and math.isfinite(m.amount)
                assert len(m.currency) == 3 and m.currency.isupper()
        if money.converted is not None:
            assert money.end <= money.converted.start
            assert text[money.converted.start : money.converted.end] == money.converted.text


@settings(max_examples=300, deadline=None)
@given(TEXT, REFERENCE)
def test_dates_never_raise_and_are_well_formed(text: str, reference: str | None) -> None:
    found = find_dates(text, reference)
    _check_spans(text, found)
    for d in found:
        assert len(d.value) == {"year": 4, "month": 7, "day": 10}[d.precision]
        if reference is None:
            assert not d.relative
