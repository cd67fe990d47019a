"""Names found by the structure around them, on our own sentences: lists named by what they are
("investisseurs incluant …", "… are among the backers"), firms taken over in the passive, Latin
names around a title in Chinese text, and national competition authorities by description."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.coref import find_watchdogs
from kg.extract.discover import discover
from kg.schema import Article, ArticleFormat, EntityKind

COMPANY, PERSON = EntityKind.COMPANY, EntityKind.PERSON


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # two lists in one sentence, each after its own cue (the first must not swallow the second)
        (
            "La levée réunit des partenaires industriels dont Varnel, Oktavia et Brume-Lys, et "
            "des investisseurs de premier plan incluant Harlow Fund, Tomas Reyl et Quintessa.",
            ["Varnel", "Oktavia", "Brume-Lys", "Harlow Fund", "Tomas Reyl", "Quintessa"],
        ),
        (
            "Plusieurs soutiens de la première heure remettent au pot cette fois, parmi "
            "lesquels Ombrelle, Vantique et Corlay.",
            ["Ombrelle", "Vantique", "Corlay"],
        ),
        (
            "Norvane, Ardell Group and Kesto are among the backers of the new round.",
            ["Norvane", "Ardell Group", "Kesto"],
        ),
        (
            "Trelis, Moravo and Pell are the other firms that have invested in the startup.",
            ["Trelis", "Moravo", "Pell"],
        ),
        ("Ombrelle et Vantique font partie des investisseurs de la société.", ["Ombrelle"]),
        ("Existing backers include Sarvell, Quorra and Idris Kaya.", ["Sarvell", "Quorra"]),
    ],
)
def test_a_list_named_by_what_it_is(text: str, names: list[str]) -> None:
    found = discover(text)
    assert [n for n in names if n not in found] == []


def test_a_person_in_a_list_of_investors_is_a_person() -> None:
    found = discover("Les investisseurs incluant Harlow Fund et Tomas Reyl suivent.")
    assert found.get("Tomas Reyl") is PERSON
    assert found.get("Harlow Fund") is not PERSON


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a list of markets, not of backers; a lone cue with no capitalised names
        ("Brazil, Mexico and Chile are among the fastest growing markets.", "Chile"),
        ("Les investisseurs, dont la plupart sont européens, restent prudents.", "Les"),
        ("Ils figurent parmi les plus actifs du secteur.", "Ils"),
    ],
)
def test_no_list_without_its_cue(text: str, absent: str) -> None:
    assert absent not in discover(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Corvane was acquired by a larger rival in 2019.", "Corvane"),
        ("Trois ans plus tard, Vendelis a été absorbé par un concurrent.", "Vendelis"),
        ("Il dirigeait le groupe de conseils en ingénierie Arvento entre 2010 et 2014.", "Arvento"),
    ],
)
def test_a_firm_taken_over_or_described(text: str, name: str) -> None:
    assert discover(text).get(name) is COMPANY


def test_latin_names_around_a_title_in_chinese_text() -> None:
    found = discover("Norwell Research 分析师 Ada Lin 指出，上市公司的融资需求正在上升。")
    assert found.get("Norwell Research") is COMPANY
    assert found.get("Ada Lin") is PERSON


def test_no_firm_from_a_latin_word_the_chinese_text_uses() -> None:
    assert "AI" not in discover("多位AI分析师认为，行业仍在早期。")


@pytest.mark.parametrize(
    ("text", "regulator"),
    [
        ("The deal was notified to the Italian competition agency last year.", "AGCM"),
        ("India’s antitrust regulator cleared the purchase.", "Competition Commission of India"),
        ("The Spanish competition authority opened a review.", "CNMC"),
        ("L’autorité italienne de la concurrence a été saisie.", "AGCM"),
    ],
)
def test_a_national_competition_authority_by_description(text: str, regulator: str) -> None:
    assert regulator in [name for _, _, name in find_watchdogs(text)]


def test_a_capitalised_modifier_before_a_firm_noun_is_no_name() -> None:
    found = discover("The group agreed to buy Danish AI startup Vellum for $40 million.")
    assert "Danish AI" not in found
    assert found.get("Vellum") is COMPANY


def test_a_known_name_in_other_capitals_is_the_known_entity() -> None:
    article = Article(
        id="https://example.org/en/1",
        file="/tmp/en/one.txt",
        format=ArticleFormat.TEXT,
        text="Nexa Robotics raised $20 million.\nExisting investors include LightSpeed Ventures.",
        lang="en",
        published="2025-03-14",
    )
    names = {e.name for e in extract_article(article).entities}
    assert "Lightspeed Venture Partners" in names
    assert "LightSpeed Ventures" not in names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Quorvane-backed robotics startup Tessik is hiring.", ["Quorvane", "Tessik"]),
        ("The lab, backed by Harlow Peak and Vinter, is hiring.", ["Harlow Peak", "Vinter"]),
        ("La pépite, soutenue par Odile Varenne et Brume, recrute.", ["Odile Varenne", "Brume"]),
        ("Tessik Corp (NASDAQ: TSSK) said sales rose.", ["Tessik"]),
        ("Shares of Orvane (Euronext Paris: ORV) fell.", ["Orvane"]),
    ],
)
def test_a_backer_or_a_listed_firm_by_its_cue(text: str, names: list[str]) -> None:
    found = discover(text)
    assert [n for n in names if n not in found] == []


@pytest.mark.parametrize(
    "text",
    ["State-owned banks and family-owned firms joined.", "Government-backed loans rose."],
)
def test_no_backer_from_a_kind_of_owner(text: str) -> None:
    assert discover(text) == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“Demand is strong,” said J.R. Okafor, chief executive of Vantor.", "J.R. Okafor"),
        ("Chancellor Odile Brenner welcomed the plant.", "Odile Brenner"),
        ("EU Commissioner Tomas Varga said the review would end soon.", "Tomas Varga"),
        ("董事长周明远亲自出席了签约仪式。", "周明远"),
    ],
)
def test_people_with_initials_public_titles_or_a_following_adverb(text: str, name: str) -> None:
    assert discover(text).get(name) is PERSON


def test_no_person_from_a_country_abbreviation() -> None:
    assert "U.S. Commerce" not in discover("The rules, said U.S. Commerce officials, are final.")
