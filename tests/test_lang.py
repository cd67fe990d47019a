"""The one language detector (kg/lang.py): sentences for the extractor, paragraphs and whole
articles for the readers."""

from __future__ import annotations

import pytest

from kg.lang import detect, languages


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("微软向Mistral AI投资1500万欧元。", "zh"),
        ("這家新創公司完成了新一輪融資。", "zh"),
        ("Microsoft has invested in the French startup.", "en"),
        ("Microsoft a investi dans la start-up française.", "fr"),
        ("L’entreprise est concurrente d’OpenAI.", "fr"),
        ("Elle avait déjà levé des fonds auprès de Partech.", "fr"),
        ("Régulation européenne: décision très attendue", "fr"),  # no function word: accents
        ("OpenAI and Anthropic: the race for AI talent", "en"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_a_name_alone_takes_the_default_else_english_else_nothing() -> None:
    assert detect("Mistral AI", "fr") == "fr"
    assert detect("Mistral AI") == "en"
    assert detect("AI") is None
    assert detect("2024 — 12", "zh") == "zh"
    assert detect("") is None


def test_one_cjk_character_in_latin_text_is_not_chinese() -> None:
    assert detect("The round valued Moonshot (月) at $3bn.") == "en"


def test_languages_ranks_by_weight_and_drops_small_shares() -> None:
    paragraphs = [
        "月之暗面完成新一轮融资，估值达到三十亿美元，投资方包括多家国内外知名机构。",
        "Moonshot AI raised a new round at a valuation of three billion dollars.",
        "La start-up chinoise a levé des fonds.",
    ]
    main, langs = languages(paragraphs)
    assert main == "zh"
    assert set(langs) == {"zh", "en", "fr"}
    assert languages(["The deal closed in May and the company was sold."] * 20 + ["Oui."]) == (
        "en",
        ["en"],
    )
    assert languages(["", "  "]) == (None, [])
