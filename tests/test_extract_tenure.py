"""Roles taken up or held without the usual title phrase (kg/extract/tenure.py), zh/en/fr, with
hard negatives (a former title in parentheses, a division with no firm, a taken-over company)."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article

STATED = [
    (
        "en",
        "Cohere keeps its Toronto office, and Nora Quist will take over as acting CEO.",
        ("Nora Quist", "LEADS", "Cohere"),
    ),
    (
        "en",
        "Jane Roe will take over as chief executive of Cohere in May.",
        ("Jane Roe", "LEADS", "Cohere"),
    ),
    ("en", "Jane Roe took the helm at Cohere last year.", ("Jane Roe", "LEADS", "Cohere")),
    ("en", "“It is early,” said Jane Roe (CEO of Cohere).", ("Jane Roe", "LEADS", "Cohere")),
    (
        "en",
        "Jane Roe, the former head of Cohere, took over as chair of Kyutai.",
        ("Jane Roe", "LEADS", "Kyutai"),
    ),
    (
        "fr",
        "Marie Lefort devient directrice générale de Kyutai.",
        ("Marie Lefort", "LEADS", "Kyutai"),
    ),
    (
        "fr",
        "Marie Lefort, à la tête de Kyutai depuis 2021, a annoncé un nouveau modèle.",
        ("Marie Lefort", "LEADS", "Kyutai"),
    ),
    (
        "fr",
        "Kyutai, avec à sa tête Marie Lefort, a annoncé un modèle.",
        ("Marie Lefort", "LEADS", "Kyutai"),
    ),
    (
        "fr",
        "Marie Lefort, ancienne directrice générale de Photoroom, prend la tête de Kyutai.",
        ("Marie Lefort", "LEADS", "Kyutai"),
    ),
    ("zh", "张伟接任智谱首席执行官。", ("张伟", "LEADS", "Zhipu AI")),
    ("zh", "张伟（智谱首席执行官）表示，公司将继续投入。", ("张伟", "LEADS", "Zhipu AI")),
]


@pytest.mark.parametrize(("lang", "text", "triple"), STATED)
def test_a_role_taken_up_or_held_is_stated(lang: str, text: str, triple: tuple) -> None:
    assert triple in triples(extract_article(article(text, lang)))


NOT_STATED = [
    ("en", "Jane Roe (former CEO of Cohere) spoke on Monday.", "Cohere"),
    (
        "fr",
        "Marie Lefort, ancienne directrice générale de Photoroom, prend la tête de Kyutai.",
        "Photoroom",
    ),
    ("zh", "张伟（智谱前首席执行官）表示，公司将继续投入。", "Zhipu AI"),
    ("en", "Cohere bought Kyutai. Jane Roe will step in as CTO of Applications.", "Kyutai"),
]


@pytest.mark.parametrize(("lang", "text", "org"), NOT_STATED)
def test_no_role_with_an_organisation_the_person_does_not_hold_it_at(
    lang: str, text: str, org: str
) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert not any(t[2] == org and t[1] in {"LEADS", "WORKS_AT"} for t in facts), facts
