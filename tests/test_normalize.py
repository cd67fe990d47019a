"""Amount and date normalisers: every expected value below was worked out by hand
(万 = 10^4, 亿 = 10^8, milliard = 10^9), not copied from the program's output."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from kg.errors import InputError
from kg.extract.normalize import find_amounts, find_dates, parse_amount, parse_date

AMOUNTS = [
    # text, amount, currency, qualifier
    ("4.15亿美元", 415_000_000, "USD", None),
    ("20亿美元", 2_000_000_000, "USD", None),
    ("130亿美元", 13_000_000_000, "USD", None),
    ("300亿美元", 30_000_000_000, "USD", None),
    ("2,334亿港元", 233_400_000_000, "HKD", None),
    ("225亿美元", 22_500_000_000, "USD", None),
    ("十亿美元", 1_000_000_000, "USD", None),
    ("三十五亿美元", 3_500_000_000, "USD", None),
    ("五千万欧元", 50_000_000, "EUR", None),
    ("5000万元人民币", 50_000_000, "CNY", None),
    ("5000万元", 50_000_000, "CNY", None),
    ("人民币5000万元", 50_000_000, "CNY", None),
    ("1亿日元", 100_000_000, "JPY", None),
    ("3億円", 300_000_000, "JPY", None),
    ("the takeover $5bn deal", 5_000_000_000, "USD", None),
    ("1.5万亿元", 1_500_000_000_000, "CNY", None),
    ("$6.6 billion", 6_600_000_000, "USD", None),
    ("$13bn", 13_000_000_000, "USD", None),
    ("$1.3B", 1_300_000_000, "USD", None),
    ("US$1.3 billion", 1_300_000_000, "USD", None),
    ("USD500m", 500_000_000, "USD", None),
    ("RMB500 million", 500_000_000, "CNY", None),
    ("a $2.5-billion deal", 2_500_000_000, "USD", None),
    ("GPT-4 $20 a month", 20, "USD", None),
    ("tier 2 $15 per seat", 15, "USD", None),
    ("HK$2 billion", 2_000_000_000, "HKD", None),
    ("USD 500 million", 500_000_000, "USD", None),
    ("€385m", 385_000_000, "EUR", None),
    ("€1.7bn", 1_700_000_000, "EUR", None),
    ("£1bn", 1_000_000_000, "GBP", None),
    ("$415 million", 415_000_000, "USD", None),
    ("$1,500 million", 1_500_000_000, "USD", None),
    ("1.7 billion euros", 1_700_000_000, "EUR", None),
    ("500 million USD", 500_000_000, "USD", None),
    ("15 millions d'euros", 15_000_000, "EUR", None),
    ("1,5 milliard d'euros", 1_500_000_000, "EUR", None),
    ("1,7 milliard €", 1_700_000_000, "EUR", None),
    ("600 millions de dollars", 600_000_000, "USD", None),
    ("13,8 milliards de dollars", 13_800_000_000, "USD", None),
    ("2 milliards d’euros", 2_000_000_000, "EUR", None),
    ("1 500 millions d'euros", 1_500_000_000, "EUR", None),
    ("385 M€", 385_000_000, "EUR", None),
    ("1,2 Md€", 1_200_000_000, "EUR", None),
    ("2 Mds$", 2_000_000_000, "USD", None),
    ("1 billion de dollars", 1_000_000_000_000, "USD", None),
    ("roughly $13 billion", 13_000_000_000, "USD", "about"),
    ("up to $40 billion", 40_000_000_000, "USD", "up_to"),
    ("more than $1 billion", 1_000_000_000, "USD", "over"),
    ("jusqu'à 2 milliards d'euros", 2_000_000_000, "EUR", "up_to"),
    ("plus de 600 millions de dollars", 600_000_000, "USD", "over"),
    ("最多20亿美元", 2_000_000_000, "USD", "up_to"),
    ("约20亿美元", 2_000_000_000, "USD", "about"),
    ("逾20亿美元", 2_000_000_000, "USD", "over"),
    ("超过20亿美元", 2_000_000_000, "USD", "over"),
    ("近20亿美元", 2_000_000_000, "USD", "about"),
    ("20多亿美元", 2_000_000_000, "USD", "over"),
    ("1亿美元以上", 100_000_000, "USD", "over"),
    ("最少500亿美元", 50_000_000_000, "USD", "over"),
    ("注資 12.5 億美元", 1_250_000_000, "USD", None),
    ("約3億港幣", 300_000_000, "HKD", "about"),
    ("两千万美元", 20_000_000, "USD", None),
    ("百亿美元", 10_000_000_000, "USD", None),
    ("近百亿美元", 10_000_000_000, "USD", "about"),
    ("3 billion won", 3_000_000_000, "KRW", None),
    ("a billion dollars", 1_000_000_000, "USD", None),
    ("half a billion dollars", 500_000_000, "USD", None),
    ("un milliard d'euros", 1_000_000_000, "EUR", None),
    ("près de deux milliards de dollars", 2_000_000_000, "USD", "about"),
    ("500 k€", 500_000, "EUR", None),
]


@pytest.mark.parametrize(("text", "amount", "currency", "qualifier"), AMOUNTS)
def test_amount(text: str, amount: int, currency: str, qualifier: str | None) -> None:
    money = parse_amount(text)
    assert money is not None, text
    assert money.amount == pytest.approx(amount, rel=1e-12)
    assert money.currency == currency
    assert money.qualifier == qualifier


@pytest.mark.parametrize(
    ("sentence", "wording"),
    [
        ("智谱完成4.15亿美元融资。", "4.15亿美元"),
        ("Mistral raised €385m from investors.", "€385m"),
        ("Une levée de 1,5 milliard d'euros.", "1,5 milliard d'euros"),
        ("It could reach roughly $13 billion.", "$13 billion"),
    ],
)
def test_amount_span_is_the_wording(sentence: str, wording: str) -> None:
    money = parse_amount(sentence)
    assert money is not None
    assert money.text == wording
    assert sentence[money.start : money.end] == wording


@pytest.mark.parametrize(
    ("text", "first", "converted"),
    [
        ("2300万欧元（约合2500万美元）", (23_000_000, "EUR"), (25_000_000, "USD")),
        ("1.3 billion euros ($1.5 billion)", (1_300_000_000, "EUR"), (1_500_000_000, "USD")),
        ("300亿美元（约2,334亿港元）", (30_000_000_000, "USD"), (233_400_000_000, "HKD")),
        ("€385m (about $415 million)", (385_000_000, "EUR"), (415_000_000, "USD")),
        ("1500万欧元，约合1600万美元", (15_000_000, "EUR"), (16_000_000, "USD")),
        ("€1.7bn, or $2bn, in cash", (1_700_000_000, "EUR"), (2_000_000_000, "USD")),
        ("2 Md€ (soit 2,2 Md$)", (2_000_000_000, "EUR"), (2_200_000_000, "USD")),
    ],
)
def test_conversion_is_attached_not_listed(
    text: str, first: tuple[int, str], converted: tuple[int, str]
) -> None:
    found = find_amounts(text)
    assert len(found) == 1
    assert (found[0].amount, found[0].currency) == first
    conv = found[0].converted
    assert conv is not None
    assert (conv.amount, conv.currency) == converted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("估值7,500亿至8,300亿美元", [(750_000_000_000, "USD"), (830_000_000_000, "USD")]),
        ("between 50 and 100 million dollars", [(50_000_000, "USD"), (100_000_000, "USD")]),
        ("US$40 million to US$90 million", [(40_000_000, "USD"), (90_000_000, "USD")]),
        ("de 1 à 2 milliards d'euros", [(1_000_000_000, "EUR"), (2_000_000_000, "EUR")]),
        # A year is not the low end of a range.
        ("from 2023 to 500 million euros", [(500_000_000, "EUR")]),
    ],
)
def test_range_gives_both_ends(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(m.amount, m.currency) for m in find_amounts(text)] == expected


def test_two_amounts_in_one_sentence_stay_separate() -> None:
    # Same currency after a comma is a list, not a conversion.
    found = find_amounts("It raised $2 billion, or $500 million more than planned.")
    assert [(m.amount, m.converted) for m in found] == [(2e9, None), (5e8, None)]
    assert found[0].end <= found[1].start


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4",
        "Series B",
        "in 2024",
        "20 employees",
        "13 employés",
        "3.5 Sonnet",
        "版本2.0",
        "11%",
        "a 7 billion parameter model",
        "二元分类",
        "元宇宙",
        "Llama 3.1 405B",
        "the team that in 2023 won the cup",
        "a 500 pounds load",
        "10 livres de poche",
        "a million users",
        "数十亿美元",
        "幾十億美元",
        "上千万元",
        "a billion-dollar deal",
        "une levée de 2 milliards",
        "",
    ],
)
def test_not_an_amount(text: str) -> None:
    assert find_amounts(text) == []


REF = "2024-06-11"  # a Tuesday

DATES = [
    # text, reference, value, precision, relative
    ("June 11, 2024", None, "2024-06-11", "day", False),
    ("11 June 2024", None, "2024-06-11", "day", False),
    ("2024-06-11", None, "2024-06-11", "day", False),
    ("2024-06", None, "2024-06", "month", False),
    ("Feb. 26, 2024", None, "2024-02-26", "day", False),
    ("Tuesday, June 11, 2024", None, "2024-06-11", "day", False),
    ("(2024, June 11)", None, "2024-06-11", "day", False),
    ("June 11-12, 2024", None, "2024-06-11", "day", False),
    ("les 11-12 juin 2024", None, "2024-06-11", "day", False),
    ("in February 2024", None, "2024-02", "month", False),
    ("in 2024", None, "2024", "year", False),
    ("2024年6月11日", None, "2024-06-11", "day", False),
    ("2024年6月", None, "2024-06", "month", False),
    ("2025年", None, "2025", "year", False),
    ("le 11 juin 2024", None, "2024-06-11", "day", False),
    ("le 1er juin 2024", None, "2024-06-01", "day", False),
    ("en juin 2025", None, "2025-06", "month", False),
    ("février 2026", None, "2026-02", "month", False),
    ("yesterday", REF, "2024-06-10", "day", True),
    ("last month", REF, "2024-05", "month", True),
    ("last year", REF, "2023", "year", True),
    ("this year", REF, "2024", "year", True),
    ("on Tuesday", REF, "2024-06-11", "day", True),
    ("on Monday", REF, "2024-06-10", "day", True),
    ("on Wednesday", REF, "2024-06-05", "day", True),
    ("last Tuesday", REF, "2024-06-04", "day", True),
    ("本月", REF, "2024-06", "month", True),
    ("上月", REF, "2024-05", "month", True),
    ("去年", REF, "2023", "year", True),
    ("今年", REF, "2024", "year", True),
    ("周三", REF, "2024-06-05", "day", True),
    ("星期三", REF, "2024-06-05", "day", True),
    ("上周三", REF, "2024-06-05", "day", True),
    ("上周二", REF, "2024-06-04", "day", True),
    ("6月5日", REF, "2024-06-05", "day", True),
    ("hier", REF, "2024-06-10", "day", True),
    ("demain", REF, "2024-06-12", "day", True),
    ("一年前", REF, "2023", "year", True),
    ("a year ago", REF, "2023", "year", True),
    ("le mois dernier", REF, "2024-05", "month", True),
    ("l'année dernière", REF, "2023", "year", True),
    ("mardi dernier", REF, "2024-06-04", "day", True),
    ("en juin", REF, "2024-06", "month", True),
    ("en juillet", REF, "2023-07", "month", True),
    ("in May", REF, "2024-05", "month", True),
    ("depuis septembre 4 milliards", REF, "2023-09", "month", True),
    ("2023 年 9 月", None, "2023-09", "month", False),
    ("上個月", REF, "2024-05", "month", True),
    ("去年12月", REF, "2023-12", "month", True),
    ("今年3月5日", REF, "2024-03-05", "day", True),
    ("last month", date(2024, 1, 15), "2023-12", "month", True),
    ("yesterday", datetime(2024, 1, 1, 9, 30), "2023-12-31", "day", True),
    ("yesterday", "2024-03-01T08:00:00Z", "2024-02-29", "day", True),
]


@pytest.mark.parametrize(("text", "reference", "value", "precision", "relative"), DATES)
def test_date(
    text: str, reference: str | date | None, value: str, precision: str, relative: bool
) -> None:
    found = parse_date(text, reference)
    assert found is not None, text
    assert (found.value, found.precision, found.relative) == (value, precision, relative)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    ["yesterday", "last month", "去年", "周三", "hier", "en juin", "6月5日", "on Tuesday"],
)
def test_relative_dates_need_a_reference(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "11/06/2024",
        "2024-02-30",
        "十一年前",
        "3个月",
        "we may see",
        "a 2024 report",
        "GPT-4",
        "2020年代",
    ],
)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, REF) == []


def test_dates_in_a_mixed_sentence_come_in_order() -> None:
    text = "Announced on June 11, 2024 (2024年6月11日), after talks last year."
    found = find_dates(text, REF)
    assert [d.value for d in found] == ["2024-06-11", "2024-06-11", "2023"]
    assert [d.relative for d in found] == [False, False, True]


def test_bad_reference_is_an_input_error() -> None:
    with pytest.raises(InputError, match="'June'"):
        find_dates("yesterday", "June")


def test_results_are_frozen_and_calls_independent() -> None:
    # Results are cached per sentence, so neither the models nor the cache may be altered.
    first = find_amounts("It raised $2 billion.")
    first.clear()
    again = find_amounts("It raised $2 billion.")
    assert [m.amount for m in again] == [2e9]
    with pytest.raises(ValidationError):
        again[0].amount = 1.0  # type: ignore[misc]
    day = find_dates("yesterday", REF)
    assert [d.value for d in day] == ["2024-06-10"]
    assert [d.value for d in find_dates("yesterday", "2024-01-01")] == ["2023-12-31"]


def test_module_examples_hold() -> None:
    import doctest

    import kg.extract.normalize as normalize

    result = doctest.testmod(normalize)
    assert result.attempted >= 2 and result.failed == 0
