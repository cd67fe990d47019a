"""Sentence splitting and language detection for zh, en and fr text."""

from __future__ import annotations

import pytest

from kg.extract.text import detect_lang, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Salesforce Inc. and Nvidia Corp. backed it. The round closed.",
            ["Salesforce Inc. and Nvidia Corp. backed it.", "The round closed."],
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
    ("text", "lang"),
    [
        ("微软向Mistral AI投资1500万欧元。", "zh"),
        ("Microsoft has invested in the French startup.", "en"),
        ("Microsoft a investi dans la start-up française.", "fr"),
        ("L’entreprise est concurrente d’OpenAI.", "fr"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang
