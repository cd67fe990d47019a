"""Two names of one entity side by side: a name in another script or an acronym in parentheses."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.aliases import paired_names
from kg.schema import Article, ArticleFormat, EntityKind

PERSON, COMPANY = EntityKind.PERSON, EntityKind.COMPANY


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # a foreign person in Chinese, the title before the name left out
        (
            "该基金的合伙人玛丽·杜兰(Mary Durand)参加了发布会。",
            ("Mary Durand", "玛丽·杜兰", PERSON),
        ),
        # an acronym after its full form, function words skipped or not
        (
            "The Agency for Digital Health (ADH) approved the plan.",
            ("Agency for Digital Health", "ADH", COMPANY),
        ),
        (
            "Le contrat a été signé par l’OFT (Office français du textile) en mars.",
            ("Office français du textile", "OFT", COMPANY),
        ),
        # a Chinese name before its Latin one: folded onto a known entity only (kind None)
        ("青禾科技（Qinghe Tech）今日宣布完成融资。", ("Qinghe Tech", "青禾科技", None)),
        ("由科技巨头星海(Xinghai)领投。", ("Xinghai", "星海", None)),  # the description is cut
    ],
)
def test_a_pair(text: str, pair: tuple[str, str, EntityKind | None]) -> None:
    assert pair in paired_names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Artificial Intelligence (AI) changes everything.",  # a common acronym
        "公司发布了新一代图形处理器(GPU)。",
        "The Data Privacy Framework (DPF) applies.",  # no organisation's word: no new name
        "The company (Acme) said nothing.",  # initials do not spell it
        "该公司(Acme)回应称。",  # 公司 alone is no name
    ],
)
def test_no_new_name(text: str) -> None:
    assert not [p for p in paired_names(text) if p[2] is not None]


def _entities(text: str, lang: str) -> dict[str, set[str]]:
    art = Article(id="t", file="t.txt", format=ArticleFormat.TEXT, text=text, lang=lang)
    return {e.name: set(e.aliases) for e in extract_article(art).entities}


def test_a_known_firm_gains_its_other_name() -> None:
    found = _entities("英伟达(NVIDIA)与星海(Xinghai)达成合作。星海将采购芯片。", "zh")
    assert "NVIDIA" in found
    assert "Xinghai" not in found  # neither form known: no new firm from a Chinese pair


def test_an_acronym_names_the_organisation_it_abbreviates() -> None:
    found = _entities(
        "The Agency for Digital Health (ADH) opened a review. The ADH will report in May.", "en"
    )
    assert "ADH" in found.get("Agency for Digital Health", set())


def test_a_known_fund_named_in_chinese_also_carries_its_pinyin() -> None:
    found = _entities("本轮融资由春华资本领投，星海科技将扩大研发。", "zh")
    assert {"Chunhua", "Chunhua Capital"} <= found["Primavera Capital"]
