"""Roles (kg/extract/roles.py) on our own sentences: titles with the organisation named before
them, "led by"/"dirigé par" after a description, zh titles before a name; hard negatives: a
title that belongs to another person's organisation, a French verb after a name, members of an
apposition inside a board list."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article


def found(text: str, lang: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, lang)))


STATED = [
    (
        "fr",
        "Thales est un groupe français. L’an passé, le groupe dirigé par Pierre Marchand a "
        "racheté Excellium.",
        ("Pierre Marchand", "LEADS", "Thales"),
    ),
    (
        "fr",
        "Le directeur général de Wayve, Alain Keller, a déclaré que la startup avait du capital.",
        ("Alain Keller", "LEADS", "Wayve"),
    ),
    (
        "en",
        "Graphcore keeps its team, Nigel Thorne, Graphcore’s chief executive officer, said.",
        ("Nigel Thorne", "LEADS", "Graphcore"),
    ),
    (
        "en",
        "“We look forward to it,” said CoreWeave co-founder, Chairman, and CEO Mark Ivers.",
        ("Mark Ivers", "LEADS", "CoreWeave"),
    ),
    ("zh", "7月13日，商汤首席执行官李明对记者回应。", ("李明", "LEADS", "SenseTime")),
    ("zh", "商汤执行董事王震宇认为，模型更重要。", ("王震宇", "BOARD_MEMBER_OF", "SenseTime")),
    # a plural title covers each person listed after it
    (
        "en",
        "Mistral AI co-founders Arthur Mensch and Timothée Lacroix spoke on Monday.",
        ("Timothée Lacroix", "FOUNDED", "Mistral AI"),
    ),
    (
        "fr",
        "Les cofondateurs de Mistral AI, Arthur Mensch et Timothée Lacroix, ont parlé.",
        ("Timothée Lacroix", "FOUNDED", "Mistral AI"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "triple"), STATED)
def test_a_title_names_the_persons_role(lang: str, text: str, triple: tuple) -> None:
    assert triple in found(text, lang)


def test_a_title_after_a_firm_we_do_not_know_is_not_the_previous_firms() -> None:
    text = "苹果选择了阿里巴巴。某某创投执行董事王震宇认为，阿里更透明。"
    assert not any(t[0] == "王震宇" and t[2] == "Apple" for t in found(text, "zh"))
    text = "Cohere builds models. Chief executive Jane Roe said the chips are ready."
    assert ("Jane Roe", "LEADS", "Cohere") in found(text, "en")


def test_a_singular_title_covers_only_its_person() -> None:
    facts = found("Cohere CEO Jane Roe and John Poe, a banker, spoke on Monday.", "en")
    assert ("Jane Roe", "LEADS", "Cohere") in facts
    assert not any(t[0] == "John Poe" for t in facts)


def test_a_title_after_another_persons_organisation_is_not_of_that_organisation() -> None:
    facts = found("OpenAI CEO Sam Altman met South Korean President Lee Jae Park on Monday.", "en")
    assert ("Sam Altman", "LEADS", "OpenAI") in facts
    assert not any(t[0] == "Lee Jae Park" for t in facts)


def test_a_french_verb_after_a_name_does_not_make_it_a_company() -> None:
    result = extract_article(
        article("Le patron de Wayve, Alain Keller, a déclaré que la startup allait bien.", "fr")
    )
    kinds = {e.name: e.kind.value for e in result.entities}
    assert kinds.get("Alain Keller") == "Person"


def test_names_inside_an_apposition_of_a_board_list_are_not_members() -> None:
    text = (
        "OpenAI a présenté ses administrateurs. Le conseil d’administration s’élargit avec "
        "l’arrivée de Sue Martin, ancienne directrice de la Fondation Bill et Melinda Gates, "
        "et de Nicole Roux, ancienne présidente de Sony."
    )
    facts = found(text, "fr")
    assert ("Sue Martin", "BOARD_MEMBER_OF", "OpenAI") in facts
    assert ("Nicole Roux", "BOARD_MEMBER_OF", "OpenAI") in facts
    assert not any(t[0] == "Melinda Gates" for t in facts)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Kyutai opened a lab. U.S. President Jane Roe visited it on Monday, praising Kyutai.",
        ),
        ("en", "Kyutai opened a lab. French President Jane Roe visited Kyutai on Monday."),
        ("en", "Kyutai opened a lab. Germany's top adviser Jane Roe praised Kyutai."),
    ],
)
def test_a_countrys_office_is_no_role_at_a_firm(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert not [r for r in result.relations if r.source.startswith("person:")], triples(result)


def test_a_firms_title_after_a_nationality_word_still_counts() -> None:
    text = "French President Jane Roe met Kyutai CEO John Poe."
    result = extract_article(article(text, "en"))
    assert triples(result) == {("John Poe", "LEADS", "Kyutai")}, triples(result)
