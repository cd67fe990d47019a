"""Sentence splitting for zh, en and fr text (language detection: tests/test_lang.py)."""

from __future__ import annotations

import pytest

from kg.extract.text import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Oracle Corp. and Nvidia Corp. backed it. The round closed.",
            ["Oracle Corp. and Nvidia Corp. backed it.", "The round closed."],
        ),
        (
            "It sells in the U.S. market. Sales grew.",
            ["It sells in the U.S. market.", "Sales grew."],
        ),
        (
            "Founded in Feb. 2023, it grew. M. Dupont a parlé.",
            ["Founded in Feb. 2023, it grew.", "M. Dupont a parlé."],
        ),
        ("Oracle signed in May. xAI said yes.", ["Oracle signed in May.", "xAI said yes."]),
        (
            "软银投资了OpenAI。英伟达也参与！这是真的吗？",
            ["软银投资了OpenAI。", "英伟达也参与！", "这是真的吗？"],
        ),
        (
            "Headline without a dot\nBody sentence here.",
            ["Headline without a dot", "Body sentence here."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("- Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("* Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("+ Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("• Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("  ▪ Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("1. Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("12) Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("(3) Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
        ("1、远帆科技收购了青禾智能。", "远帆科技收购了青禾智能。"),
        ("二、远帆科技收购了青禾智能。", "远帆科技收购了青禾智能。"),
        ("- [ ] Orbital Freight acquired Nexa Labs.", "Orbital Freight acquired Nexa Labs."),
    ],
)
def test_a_list_item_is_its_sentence_without_the_bullet(line: str, sentence: str) -> None:
    text = f"Notes of the week:\n{line}\n{line}"
    assert [s.text for s in split_sentences(text)] == ["Notes of the week:", sentence, sentence]


@pytest.mark.parametrize(
    "text",
    [
        "-5% is what Orbital Freight lost.",  # a sign, not a bullet
        "2024. Orbital Freight grew.",  # a year ends its own sentence
        "*Nexa* acquired Orbital Freight.",  # emphasis
        "3D chips from Nexa Labs sold out.",
    ],
)
def test_what_only_looks_like_a_bullet_stays(text: str) -> None:
    assert " ".join(s.text for s in split_sentences(text)) == text
