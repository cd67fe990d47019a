"""Board seats and former roles (kg/extract/boards.py) on our own sentences, in zh, en and fr,
with hard negatives: past seats, seats given up, former titles."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article

BOARD = "BOARD_MEMBER_OF"

SEATS = [
    ("en", "Jane Roe sits on the board of Cohere.", ("Jane Roe", BOARD, "Cohere")),
    ("en", "Jim Beam joined Cohere's board in May.", ("Jim Beam", BOARD, "Cohere")),
    (
        "en",
        "John Poe rejoined the board of directors of Mistral AI last week.",
        ("John Poe", BOARD, "Mistral AI"),
    ),
    (
        "en",
        "Mistral AI now has a board composed of Jane Roe, John Poe and Arthur Mensch.",
        ("John Poe", BOARD, "Mistral AI"),
    ),
    (
        "fr",
        "Jean Dupont réintègre le conseil d’administration de Mistral AI.",
        ("Jean Dupont", BOARD, "Mistral AI"),
    ),
    (
        "fr",
        "Le conseil d’administration de Kyutai s’élargit avec l’arrivée de Jean Dupont et de "
        "Marie Lefort.",
        ("Marie Lefort", BOARD, "Kyutai"),
    ),
    ("zh", "王小明加入了智谱董事会。", ("王小明", BOARD, "Zhipu AI")),
    ("zh", "据年报，张伟在智谱出任执行董事。", ("张伟", BOARD, "Zhipu AI")),
    (
        "zh",
        "Kyutai的首席科学家兼董事会成员Marie Lefort称实验室进展顺利。",
        ("Marie Lefort", BOARD, "Kyutai"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "triple"), SEATS)
def test_a_board_seat_is_a_board_membership(lang: str, text: str, triple: tuple) -> None:
    assert triple in triples(extract_article(article(text, lang)))


NOT_NOW = [
    ("en", "Jane Roe sat on the board of Cohere until 2020."),
    ("en", "Jane Roe left the board of Cohere in March."),
    ("fr", "Jean Dupont a quitté le conseil d’administration de Mistral AI."),
    ("zh", "王小明离开了智谱董事会。"),
    ("en", "Former Cohere CEO Jane Roe said the deal was good."),
    ("en", "Jane Roe, the former chief executive of Cohere, spoke on Monday."),
    ("en", "Jane Roe, an ex-CEO of Cohere, spoke on Monday."),
    ("fr", "L’ancien PDG de Cohere, Jean Dupont, a pris la parole lundi."),
    ("fr", "Jean Dupont, ex-directeur général de Kyutai, a pris la parole."),
    ("zh", "智谱前首席执行官张伟表示，公司将继续投入。"),
    ("zh", "智谱原董事长张伟表示，公司将继续投入。"),
    # a department between the firm and the title: the former mark before the firm still rules
    ("zh", "前智谱产品副总裁张伟表示，公司将继续投入。"),
    ("zh", "月之暗面任命前百川智能财务总监李明为首席财务官。"),
    ("zh", "原智譜研發部門總監李明表示，模型仍需改進。"),
    # a departure reported with the title: the role is no longer held
    ("fr", "Kyutai a confirmé le départ de son directeur technique, Jean Dupont, en juin."),
    ("fr", "Cohere a annoncé la démission de sa directrice financière, Marie Roux."),
    ("fr", "Le limogeage du PDG de Kyutai, Jean Dupont, a surpris les salariés."),
    ("fr", "Jean Dupont, directeur général démissionnaire de Kyutai, a pris la parole."),
    ("en", "Cohere announced the departure of its CFO, Jane Roe, on Friday."),
    ("en", "Cohere confirmed the resignation of its chief technology officer, Jane Roe."),
    ("en", "Ousted Cohere CEO Jane Roe said the board had acted too fast."),
]


def test_a_department_between_firm_and_title_keeps_a_current_role() -> None:
    found = triples(extract_article(article("智谱产品副总裁张伟表示，公司将继续投入。", "zh")))
    assert ("张伟", "WORKS_AT", "Zhipu AI") in found


@pytest.mark.parametrize(("lang", "text"), NOT_NOW)
def test_a_past_seat_or_a_former_title_states_no_role(lang: str, text: str) -> None:
    rels = {r for _, r, _ in triples(extract_article(article(text, lang)))}
    assert not rels & {"LEADS", BOARD, "WORKS_AT", "FOUNDED"}, rels


def test_a_current_title_next_to_a_former_one_is_kept() -> None:
    text = "Jane Roe, a former Google engineer, is now the CEO of Cohere."
    found = triples(extract_article(article(text, "en")))
    assert ("Jane Roe", "LEADS", "Cohere") in found
    assert not any(t[2] == "Google" for t in found)


def test_joining_a_board_is_not_a_job() -> None:
    found = triples(extract_article(article("Jim Beam joined Cohere's board in May.", "en")))
    assert ("Jim Beam", "WORKS_AT", "Cohere") not in found


def test_plural_boards_seat_the_person_on_each_board_listed() -> None:
    facts = triples(
        extract_article(article("Jane Roe serves on the boards of Cohere and Mistral AI.", "en"))
    )
    assert ("Jane Roe", BOARD, "Cohere") in facts
    assert ("Jane Roe", BOARD, "Mistral AI") in facts
    past = "Jane Roe sat on the boards of Cohere and Mistral AI."
    assert not any(r == BOARD for _, r, _ in triples(extract_article(article(past, "en"))))


def test_a_departure_does_not_hide_the_new_job_or_another_current_title() -> None:
    left = "Kyutai a annoncé le départ de son directeur financier, Jean Dupont, qui rejoint Cohere."
    found = triples(extract_article(article(left, "fr")))
    assert ("Jean Dupont", "WORKS_AT", "Kyutai") not in found
    assert ("Jean Dupont", "WORKS_AT", "Cohere") in found
    stays = "Kyutai a présenté son directeur financier, Jean Dupont, lundi."
    assert ("Jean Dupont", "WORKS_AT", "Kyutai") in triples(extract_article(article(stays, "fr")))
