"""Dependency frames of kg/extract/dependency.py on our own sentences, zh/en/fr, with hard
negatives (negated supply, people rather than resources, a customer list named in passing)."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article

DEP = "DEPENDS_ON"

STATED = [
    (
        "en",
        "Samsung Electronics and SK Hynix signed deals to supply memory chips for OpenAI's data "
        "centers.",
        [("OpenAI", DEP, "Samsung"), ("OpenAI", DEP, "SK Hynix")],
    ),
    (
        "en",
        "Google invested in Anthropic and said it would be Anthropic’s “preferred” cloud provider.",
        [("Anthropic", DEP, "Google")],
    ),
    ("en", "Nvidia's chips power xAI's models in Memphis.", [("xAI", DEP, "NVIDIA")]),
    ("zh", "英伟达是现有投资者，且其芯片驱动OpenAI模型的发展。", [("OpenAI", DEP, "NVIDIA")]),
    ("fr", "Mistral AI dépend des GPU de NVIDIA.", [("Mistral AI", DEP, "NVIDIA")]),
    ("fr", "NVIDIA fournit des puces à Mistral AI depuis 2023.", [("Mistral AI", DEP, "NVIDIA")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STATED)
def test_a_supply_is_a_dependency_of_the_user(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert set(expected) <= facts, facts


NOT_STATED = [
    ("en", "Nvidia's chips no longer power xAI's models."),
    ("en", "Samsung does not supply memory chips for OpenAI's data centers."),
    ("en", "Cohere's engineers power the product used by Oracle."),
    ("zh", "英伟达的芯片不再驱动OpenAI的模型。"),
    ("fr", "Mistral AI ne dépend pas des GPU de NVIDIA."),
    ("fr", "NVIDIA ne fournit plus de puces à Mistral AI."),
    # a past supply
    ("zh", "腾讯的推理业务曾主要使用英伟达芯片。"),
    ("en", "Cohere used to rely on Nvidia chips."),
    # customers named in passing are not a dependency stated by the sentence
    ("en", "Cohere sells to banks; its customers include Oracle and SAP."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_STATED)
def test_negated_or_passing_wording_states_no_dependency(lang: str, text: str) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert not any(t[1] == DEP for t in facts), facts
