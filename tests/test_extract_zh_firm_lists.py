"""Unlisted firms in Chinese enumerations beside known firms (kg/extract/zh_firm_lists.py), and
the pinyin spelling a discovered Chinese company carries (kg/extract/pinyin.py); our own
sentences, with lists that are not lists of firms."""

from __future__ import annotations

import pytest

from kg.extract.gazetteer import load_gazetteer
from kg.extract.pinyin import romanized
from kg.extract.zh_firm_lists import zh_listed_firms
from kg.schema import EntityKind

COMPANY, FUND = EntityKind.COMPANY, EntityKind.FUND


def firms(text: str) -> dict[str, EntityKind]:
    return zh_listed_firms(text, load_gazetteer())


def test_unknown_items_beside_a_known_firm_in_a_sentence_about_firms() -> None:
    found = firms("该公司此前与数家上市企业签署协议，其中包括华为、青禾精工、远帆实业等。")
    assert found == {"青禾精工": COMPANY, "远帆实业": COMPANY}


def test_two_known_firms_vouch_without_a_firm_noun() -> None:
    found = firms("本轮跟投方为腾讯、小米和青禾资本。")
    assert found.get("青禾资本") is FUND


def test_a_known_firms_arm_is_another_firm() -> None:
    assert firms("获得了小米、百度资产、青禾精工等企业的投资。").get("百度资产") is COMPANY


@pytest.mark.parametrize(
    "text",
    [
        "要求依据公平、合理、无歧视原则继续供应产品。",  # no known firm: no list of firms
        "出席者包括张伟、李华、王芳等嘉宾。",  # people
        "英伟达在收购完成后依据公平、合理原则供应华为、小米等客户。",  # words of a clause
        "公司产品覆盖智能手机、平板、笔记本等领域，客户包括华为。",
    ],
)
def test_no_firm_from_a_list_of_other_things(text: str) -> None:
    assert firms(text) == {}


def test_a_known_name_with_a_clause_word_is_that_name_not_a_new_firm() -> None:
    found = firms("不仅华为、小米正与多家企业洽谈。")
    assert "不仅华为" not in found
    assert "小米正" not in found


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("青禾精工", ["Qinghe", "Qinghe Precision"]),
        ("远帆实业", ["Yuanfan", "Yuanfan Industry"]),
        ("长河汽车电子", ["Changhe", "Changhe Automotive Electronics"]),  # 长 in a name: chang
        ("星河股份", ["Xinghe"]),  # 股份 (joint-stock) has no English word
    ],
)
def test_a_discovered_chinese_company_carries_its_pinyin(name: str, spellings: list[str]) -> None:
    assert romanized(name, COMPANY) == spellings


def test_a_company_name_without_a_company_word_gets_no_spelling() -> None:
    assert romanized("青禾光", COMPANY) == []
