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
