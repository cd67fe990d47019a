"""People the sentence does not name in full (kg/extract/discourse.py): a surname, a courtesy
title and a surname, an opening pronoun; and the sentences where no such reference holds."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article
from kg.extract.rules import read_article

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


# --- firms referred to by a pronoun opening the sentence (discourse.company_pronoun) ---------

FIRM_PRONOUNS = [
    (
        "en",
        "Cohere is based in Toronto. It has signed a partnership with Oracle.",
        ("Cohere", "PARTNERS_WITH", "Oracle"),
    ),
    (
        "en",
        "Cohere is based in Toronto. Last year, it signed a partnership with Oracle.",
        ("Cohere", "PARTNERS_WITH", "Oracle"),
    ),
    (
        "en",
        "Cohere is based in Toronto. It also competes with OpenAI.",
        ("Cohere", "COMPETES_WITH", "OpenAI"),
    ),
    (
        "en",
        "Jane Roe founded Cohere in 2019. It has since signed a partnership with Oracle.",
        ("Cohere", "PARTNERS_WITH", "Oracle"),
    ),
    (
        "en",
        "Cohere is based in Toronto. Its backers include Nvidia and Salesforce.",
        ("Salesforce", "INVESTS_IN", "Cohere"),
    ),
    (
        "en",
        "Cohere is based in Toronto. It is backed by Nvidia.",
        ("NVIDIA", "INVESTS_IN", "Cohere"),
    ),
    (
        "fr",
        "Mistral AI est basée à Paris. Elle a noué un partenariat avec Microsoft.",
        ("Microsoft", "PARTNERS_WITH", "Mistral AI"),
    ),
    (
        "fr",
        "Mistral AI est basée à Paris. En 2024, elle a noué un partenariat avec Microsoft.",
        ("Microsoft", "PARTNERS_WITH", "Mistral AI"),
    ),
    (
        "fr",
        "Mistral AI est basée à Paris. Elle concurrence OpenAI.",
        ("Mistral AI", "COMPETES_WITH", "OpenAI"),
    ),
    (
        "fr",
        "Mistral AI est basée à Paris. Ses investisseurs comprennent Nvidia et Salesforce.",
        ("NVIDIA", "INVESTS_IN", "Mistral AI"),
    ),
    # a description with a verb right after it ("la société a noué"): the verb is no adjective
    (
        "fr",
        "Mistral AI est basée à Paris. La société a noué un partenariat avec Microsoft.",
        ("Microsoft", "PARTNERS_WITH", "Mistral AI"),
    ),
    (
        "zh",
        "智谱总部位于北京。它已与阿里巴巴达成战略合作。",
        ("Alibaba", "PARTNERS_WITH", "Zhipu AI"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "triple"), FIRM_PRONOUNS)
def test_a_pronoun_opening_a_sentence_is_the_firm_before(
    lang: str, text: str, triple: tuple
) -> None:
    assert triple in triples(extract_article(article(text, lang)))


NO_FIRM_PRONOUN = [
    # an impersonal "it" / "il"
    (
        "en",
        "Cohere is based in Toronto. It is no secret that Oracle and Mistral AI are partners.",
        "Cohere",
    ),
    (
        "en",
        "Cohere is based in Toronto. It remains unclear whether Oracle partnered with Kyutai.",
        "Cohere",
    ),
    (
        "fr",
        "Mistral AI est basée à Paris. Il faut noter que Microsoft a noué un partenariat "
        "avec Kyutai.",
        "Mistral AI",
    ),
    # "elle" after a sentence opened by a person is the person, not her company
    (
        "fr",
        "Marie Lefort est la directrice générale de Photoroom. Elle a noué un partenariat avec "
        "Microsoft.",
        "Photoroom",
    ),
    # no firm named before: "it" is no one we know
    ("en", "The market for models is crowded. It has signed a deal with Oracle.", "Oracle"),
]


@pytest.mark.parametrize(("lang", "text", "firm"), NO_FIRM_PRONOUN)
def test_an_impersonal_or_personal_pronoun_is_not_the_firm(lang: str, text: str, firm: str) -> None:
    found = triples(extract_article(article(text, lang)))
    assert not any(firm in (t[0], t[2]) and t[1] == "PARTNERS_WITH" for t in found), found


def _description_of(text: str, lang: str = "en") -> set[str]:
    doc = read_article(article(text, lang))
    return {doc.entities[m.eid].name for ms in doc.mentions for m in ms if m.via == "description"}


def test_a_firm_given_as_an_example_is_not_the_company_described() -> None:
    # "including Index Ventures" names an example; "the company" is the firm told of before
    text = (
        "Kyutai builds speech models. A round with several funds, including Index Ventures, "
        "lifted the company to a $1 billion value."
    )
    assert _description_of(text) == {"Kyutai"}
    # the subject of the sentence itself still is
    assert _description_of("Graphcore said the company would hire.") == {"Graphcore"}


# --- a description that is its clause's object is not that clause's subject ------------------

OBJECT_DESCRIPTIONS = [
    ("zh", "智谱总部位于北京。阿里巴巴宣布收购这家公司。", ("Alibaba", "ACQUIRES", "Zhipu AI")),
    (
        "zh",
        "智谱总部位于北京。月之暗面是该公司的主要竞争对手。",
        ("Moonshot AI", "COMPETES_WITH", "Zhipu AI"),
    ),
    (
        "fr",
        "Mistral AI est basée à Paris. Microsoft a racheté la société pour 5 milliards.",
        ("Microsoft", "ACQUIRES", "Mistral AI"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "triple"), OBJECT_DESCRIPTIONS)
def test_a_description_as_object_is_the_firm_told_of_before(
    lang: str, text: str, triple: tuple
) -> None:
    assert triple in triples(extract_article(article(text, lang)))


def test_a_description_after_a_copula_or_a_speech_verb_is_the_subject() -> None:
    # "X is the developer …": the same firm; "Oracle said the company would …": Oracle
    assert _description_of("Kyutai builds models. Anthropic is the developer of Claude.") == {
        "Anthropic"
    }
    assert _description_of("Kyutai builds models. Oracle said the company would hire.") == {
        "Oracle"
    }
    # no firm told of before: the object description is no one, never the subject itself
    assert _description_of("Alibaba announced it would buy the company.") == set()


# --- "The Cohere CEO" with no name after it: the one person the sentence before named ----------


def test_a_firms_title_with_no_name_is_the_person_named_before() -> None:
    text = "Jane Roe criticised the plan. The Cohere CEO, who co-founded Kyutai, is suing."
    found = triples(extract_article(article(text, "en")))
    assert {("Jane Roe", "LEADS", "Cohere"), ("Jane Roe", "FOUNDED", "Kyutai")} <= found


@pytest.mark.parametrize(
    "text",
    [
        # two people before: whose title it is cannot be told
        "Jane Roe and John Poe criticised the plan. The Cohere CEO said it was wrong.",
        # the gazetteer has the person heading another firm
        "Sam Altman criticised the plan. The Nvidia CEO said it was wrong.",
    ],
)
def test_a_title_with_two_people_before_or_another_known_head_is_no_one(text: str) -> None:
    found = triples(extract_article(article(text, "en")))
    assert not any(r == "LEADS" for _, r, _ in found), found


def test_a_title_followed_by_a_name_is_that_name() -> None:
    text = "Jane Roe criticised the plan. The Cohere CEO Aidan Gomez said it was wrong."
    found = triples(extract_article(article(text, "en")))
    assert ("Aidan Gomez", "LEADS", "Cohere") in found and not any(
        s == "Jane Roe" for s, _, _ in found
    )
