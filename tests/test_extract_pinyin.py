"""Chinese personal names spelt as English-language news spells them."""

from __future__ import annotations

import pytest

from kg.extract.pinyin import romanize_name, romanized
from kg.schema import EntityKind


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("王晓明", "Wang Xiaoming"),
        ("李默", "Li Mo"),
        ("黃仁勳", "Huang Renxun"),  # traditional characters fold first
        ("欧阳明", "Ouyang Ming"),  # a two-character surname
        ("单志广", "Shan Zhiguang"),  # a surname read otherwise than the common word
        ("曾毅", "Zeng Yi"),
        ("吕方", "Lu Fang"),
    ],
)
def test_romanize_name(name: str, latin: str) -> None:
    assert romanize_name(name) == latin


@pytest.mark.parametrize("name", ["王", "王晓明明天见", "Jane Roe", "王X"])
def test_not_a_chinese_name_of_two_to_four_characters(name: str) -> None:
    assert romanize_name(name) is None


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("青禾资本", ["Qinghe", "Qinghe Capital"]),
        ("远帆创投", ["Yuanfan", "Yuanfan Ventures"]),
        ("渤海远帆基金", ["Bohai Yuanfan", "Bohai Yuanfan Fund"]),  # two characters a word
        ("青禾資本", ["Qinghe", "Qinghe Capital"]),  # traditional characters
    ],
)
def test_a_chinese_fund_name_in_english(name: str, spellings: list[str]) -> None:
    assert romanized(name, EntityKind.FUND) == spellings


def test_a_company_is_spelt_only_when_a_company_word_ends_it() -> None:
    assert romanized("青禾科技", EntityKind.COMPANY) == ["Qinghe", "Qinghe Technology"]
    assert romanized("青禾", EntityKind.COMPANY) == []
    assert romanized("科技", EntityKind.COMPANY) == []  # a company word alone
    assert romanized("资本", EntityKind.FUND) == []  # a suffix alone


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        # generic words in English, the proper part in pinyin
        ("江西绿色发展基金", ["Jiangxi Green Development", "Jiangxi Green Development Fund"]),
        # a leading place is also left out: English news often drops it
        (
            "杭州青禾投资",
            ["Hangzhou Qinghe", "Hangzhou Qinghe Investment", "Qinghe", "Qinghe Investment"],
        ),
        ("南山母基金", ["Nanshan", "Nanshan FOF"]),  # a fund of funds
        ("XYZ远帆资本", ["XYZ", "XYZ Capital"]),  # a Latin head: the English name already
    ],
)
def test_a_chinese_organisation_name_in_english(name: str, spellings: list[str]) -> None:
    assert romanized(name, EntityKind.FUND) == spellings


def test_a_place_and_generic_words_alone_are_not_spelt_without_the_place() -> None:
    # "Green Development" alone would name nothing
    assert "Green Development" not in romanized("江西绿色发展基金", EntityKind.FUND)
