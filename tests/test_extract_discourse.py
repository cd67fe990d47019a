"""People the sentence does not name in full (kg/extract/discourse.py): a surname, a courtesy
title and a surname, an opening pronoun; and the sentences where no such reference holds."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article

REFERRED = [
    (
        "en",
        "Jane Roe was named CEO of Cohere. Roe is now also the chairman of Mistral AI.",
        ("Jane Roe", "LEADS", "Mistral AI"),
    ),
    (
        "en",
        "Jane Roe was named CEO of Cohere. She also sits on the board of Mistral AI.",
        ("Jane Roe", "BOARD_MEMBER_OF", "Mistral AI"),
    ),
    (
        "fr",
        "Kyutai accueille Marie Lefort, directrice générale de Photoroom. Mme Lefort est aussi "
        "présidente de Cohere.",
        ("Marie Lefort", "LEADS", "Cohere"),
    ),
    (
        "fr",
        "Marie Lefort est la directrice générale de Photoroom. Elle siège aussi au conseil "
        "d’administration de Kyutai.",
        ("Marie Lefort", "BOARD_MEMBER_OF", "Kyutai"),
    ),
    (
        "zh",
        "王小明是智谱的首席执行官。他也是月之暗面的董事。",
        ("王小明", "BOARD_MEMBER_OF", "Moonshot AI"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "triple"), REFERRED)
def test_a_person_named_before_is_referred_to(lang: str, text: str, triple: tuple) -> None:
    assert triple in triples(extract_article(article(text, lang)))


def test_a_surname_alone_is_not_a_new_person() -> None:
    text = "Kyutai accueille Marie Lefort. Mme Lefort est aussi présidente de Cohere."
    names = {e.name for e in extract_article(article(text, "fr")).entities}
    assert "Lefort" not in names and "Mme Lefort" not in names


NO_PERSON = [
    # "il"/"elle" after a sentence about a company is the company, not the person named later
    (
        "fr",
        "Mistral AI, dirigée par Arthur Mensch, a levé des fonds. Elle siège au conseil "
        "d’administration de Kyutai.",
    ),
    # an impersonal "il"
    (
        "fr",
        "Marie Lefort est la directrice générale de Photoroom. Il y a un siège au conseil "
        "d’administration de Kyutai.",
    ),
    # a sentence about companies only stands between the person and the pronoun
    (
        "en",
        "Jane Roe was named CEO of Cohere. Cohere and Mistral AI signed a deal. He sits on the "
        "board of Kyutai.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), NO_PERSON)
def test_a_pronoun_with_no_person_before_it_is_no_one(lang: str, text: str) -> None:
    found = triples(extract_article(article(text, lang)))
    assert not any(t[1] == "BOARD_MEMBER_OF" and t[2] == "Kyutai" for t in found), found


def test_a_bare_surname_is_the_person_not_a_new_company() -> None:
    text = (
        "Cohere hired CEO Alexis Wong last year. Now 31, Wong founded Kyutai at 22, and Wong's "
        "team is growing."
    )
    result = extract_article(article(text, "en"))
    assert not any(e.name == "Wong" for e in result.entities)
    assert ("Alexis Wong", "FOUNDED", "Kyutai") in triples(result)
