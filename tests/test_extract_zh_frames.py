"""Chinese investment, partnership and rivalry words (triggers in kg/extract/data/patterns.yaml)
on our own sentences: "A参投了X", "A向X投入5亿美元", "获得A的战略加持", 竞品, 平替, "挑战X的地位";
hard negatives: planned, denied and rumoured investments, resources that are no money, a
partnership that ended, customers named in passing. Simplified and traditional."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article


def found(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, "zh")))


STATED = [
    ("小米参投了百川智能。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("小米領投了百川智能。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("小米向百川智能投入3亿元人民币。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("小米對百川智能注入資金。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("百川智能获得小米的战略加持。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("百川智能獲得小米、聯想集團等巨頭的資金支持。", ("Lenovo", "INVESTS_IN", "Baichuan")),
    ("百川智能的竞品包括智谱。", ("Baichuan", "COMPETES_WITH", "Zhipu AI")),
    ("寒武纪正挑战英伟达在国内市场的主导地位。", ("Cambricon", "COMPETES_WITH", "NVIDIA")),
    ("寒武紀的晶片被視為輝達的平替。", ("Cambricon", "COMPETES_WITH", "NVIDIA")),
    ("小米以5亿美元认购百川智能新发行的股份。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("百川智能的投资人阵容包括小米、联想集团。", ("Lenovo", "INVESTS_IN", "Baichuan")),
    ("百川智能引入小米作为战略投资者。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("百川智能的资金主要来自小米和联想集团。", ("Lenovo", "INVESTS_IN", "Baichuan")),
    ("百川智能的投資來自小米。", ("Xiaomi", "INVESTS_IN", "Baichuan")),
    ("小米吞并了百川智能。", ("Xiaomi", "ACQUIRES", "Baichuan")),
    ("小米将百川智能收入囊中。", ("Xiaomi", "ACQUIRES", "Baichuan")),
    ("小米與百川智能強強聯合。", ("Xiaomi", "PARTNERS_WITH", "Baichuan")),
    ("小米与百川智能结成战略联盟。", ("Xiaomi", "PARTNERS_WITH", "Baichuan")),
    ("百川智能被视为智谱最大的竞争者。", ("Baichuan", "COMPETES_WITH", "Zhipu AI")),
    ("百川智能的算力主要来自阿里云。", ("Baichuan", "DEPENDS_ON", "Alibaba")),
    ("百川智能的GPU幾乎都來自英偉達。", ("Baichuan", "DEPENDS_ON", "NVIDIA")),
    ("英伟达为百川智能供应芯片。", ("Baichuan", "DEPENDS_ON", "NVIDIA")),
    ("百川智能在阿里云上训练模型。", ("Baichuan", "DEPENDS_ON", "Alibaba")),
    ("百川智能调用OpenAI的API开发应用。", ("Baichuan", "DEPENDS_ON", "OpenAI")),
]


def _sym(t: tuple[str, str, str]) -> set[tuple[str, str, str]]:
    return {t, (t[2], t[1], t[0])} if t[1] in ("COMPETES_WITH", "PARTNERS_WITH") else {t}


@pytest.mark.parametrize(("text", "triple"), STATED)
def test_a_chinese_frame_is_read(text: str, triple: tuple[str, str, str]) -> None:
    assert _sym(triple) & found(text)


NOT_STATED = [
    "小米拟向百川智能投入3亿元。",
    "小米否认参投了百川智能。",
    "小米向百川智能投入大量工程师。",
    "百川智能获得小米的技术加持。",
    "百川智能的客户包括小米和联想。",
    "百川智能与小米的合作已终止。",
    "百川智能與小米的合作已於去年終止。",
    "寒武纪正挑战自我。",
    "百川智能在北京上市。",
    "百川智能的创意来自小米。",
]


def test_the_source_of_an_investment_is_the_investor_not_the_investee() -> None:
    facts = found("百川智能的投资来自小米。")
    assert ("Baichuan", "INVESTS_IN", "Xiaomi") not in facts


def test_a_resource_of_no_kind_states_no_dependency() -> None:
    facts = found("百川智能的创意来自小米。")
    assert not any(t[1] == "DEPENDS_ON" for t in facts)


@pytest.mark.parametrize("text", NOT_STATED)
def test_a_chinese_negative_states_nothing(text: str) -> None:
    stated = {
        t for t in found(text) if t[1] in ("INVESTS_IN", "PARTNERS_WITH", "FUNDS", "DEPENDS_ON")
    }
    assert not stated


@pytest.mark.parametrize("text", ["百川智能筹集了5亿美元。", "百川智能募集資金10億元。"])
def test_money_raised_with_chouji_or_muji_is_a_round(text: str) -> None:
    assert any(t[0] == "Baichuan" and t[1] == "RAISED" for t in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "百川智能计划筹集5亿美元。",
        "百川智能公布一项5亿美元的筹资计划。",
        "百川智能筹集资金仍是一个难题。",
    ],
)
def test_a_planned_or_talked_about_raise_is_no_round(text: str) -> None:
    assert not any(t[1] == "RAISED" for t in found(text))
