"""Chinese firms introduced by a description or written as a registered name
(kg/extract/zh_names.py), and the short name of a Chinese fund (kg/extract/short_names.py);
our own sentences, with descriptions that introduce nobody."""

from __future__ import annotations

import pytest

from kg.extract.gazetteer import load_gazetteer
from kg.extract.short_names import short_forms
from kg.extract.zh_names import described, registered, zh_firms
from kg.lang import to_simplified
from kg.schema import EntityKind


def desc(text: str) -> list[str]:
    return described(text, to_simplified(text), load_gazetteer())


def reg(text: str) -> list[tuple[str, str]]:
    return registered(text, to_simplified(text), load_gazetteer())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("AI芯片设计公司曜石微电子近日获得5亿元投资。", "曜石微电子"),
        ("国内大模型独角兽星川智能宣布完成新一轮融资。", "星川智能"),
        ("估值百亿的澜舟云图今天表示将扩大团队。", "澜舟云图"),
        ("总部位于杭州的青禾精工日前完成B轮融资。", "青禾精工"),
        ("机器人初创公司灵犀动力（Lingxi Robotics）完成A轮融资。", "灵犀动力"),
        ("人形機器人新創公司遠帆智能也於同日宣布獲得投資。", "遠帆智能"),  # traditional
    ],
)
def test_a_name_after_its_description(text: str, name: str) -> None:
    assert desc(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "该公司近日宣布完成融资。",  # a determiner: the firm named before
        "这家初创公司今天表示将上市。",
        "两家公司宣布合作。",
        "多家芯片公司股价近日大跌。",  # a generic noun after the head
        "科技公司纷纷宣布降价。",  # an adverb
        "人工智能公司首席执行官张伟表示满意。",  # a title and a person
        "芯片巨头英伟达今日发布新品。",  # a known firm: the gazetteer's
        "这是一家AI公司成立以来最大的一笔融资。",
        "芯片企业在上海宣布扩产。",  # a clause word
    ],
)
def test_no_name_after_a_description_that_introduces_nobody(text: str) -> None:
    assert desc(text) == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("北京青岚数智科技有限公司完成B轮融资。", ("北京青岚数智科技有限公司", "青岚数智")),
        ("由上海曜石集成电路有限公司领投。", ("上海曜石集成电路有限公司", "曜石")),
        (
            "深圳市远帆智能科技有限公司（以下简称“远帆”）成立于2020年。",
            ("深圳市远帆智能科技有限公司", "远帆"),
        ),
    ],
)
def test_a_registered_name_and_its_short_name(text: str, pair: tuple[str, str]) -> None:
    assert reg(text) == [pair]


@pytest.mark.parametrize(
    "text",
    [
        "北京智能科技有限公司成立。",  # a short name made of generic words
        "公司注册资本为一千万元。",  # no legal form
    ],
)
def test_no_short_name_from_generic_words(text: str) -> None:
    assert reg(text) == []


def test_firms_found_in_an_article_carry_their_kind_and_short_names() -> None:
    found, pairs = zh_firms(
        "国内大模型独角兽星川智能宣布完成融资。北京青岚数智科技有限公司跟投。", load_gazetteer()
    )
    assert found == {"星川智能": EntityKind.COMPANY, "青岚数智": EntityKind.COMPANY}
    assert ("青岚数智", "北京青岚数智科技有限公司", None) in pairs


def test_a_name_with_no_english_spelling_is_left_to_the_gazetteer() -> None:
    found, _ = zh_firms("估值百亿的澜舟云图今天表示将扩大团队。", load_gazetteer())
    assert found == {}


@pytest.mark.parametrize(
    ("name", "short"),
    [("北辰创投", ["北辰"]), ("青禾资本", ["青禾"]), ("產業引導基金", []), ("天使基金", [])],
)
def test_a_chinese_funds_short_name(name: str, short: list[str]) -> None:
    assert short_forms(name) == short
