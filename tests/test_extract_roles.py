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
        "Capgemini est une entreprise française. Depuis mars, le groupe dirigé par Pierre "
        "Marchand a repris une start-up lyonnaise.",
        ("Pierre Marchand", "LEADS", "Capgemini"),
    ),
    (
        "fr",
        "La directrice générale de Kyutai, Alice Keller, a expliqué que le laboratoire avait "
        "des fonds.",
        ("Alice Keller", "LEADS", "Kyutai"),
    ),
    (
        "en",
        "Cohere will hire in Paris, Nina Thorne, Cohere’s chief executive officer, said.",
        ("Nina Thorne", "LEADS", "Cohere"),
    ),
    (
        "en",
        "“It is a good day,” said Cohere co-founder, President, and CEO Mark Ivers.",
        ("Mark Ivers", "LEADS", "Cohere"),
    ),
    ("zh", "周一，百度首席执行官李明对媒体回应。", ("李明", "LEADS", "Baidu")),
    ("zh", "百度执行董事王震宇认为，数据更重要。", ("王震宇", "BOARD_MEMBER_OF", "Baidu")),
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
    text = "苹果挑中了百度。某某创投执行董事王震宇认为，百度更透明。"
    assert not any(t[0] == "王震宇" and t[2] == "Apple" for t in found(text, "zh"))
    text = "Cohere builds models. Chief executive Jane Roe said the chips are ready."
    assert ("Jane Roe", "LEADS", "Cohere") in found(text, "en")


def test_a_singular_title_covers_only_its_person() -> None:
    facts = found("Cohere CEO Jane Roe and John Poe, a banker, spoke on Monday.", "en")
    assert ("Jane Roe", "LEADS", "Cohere") in facts
    assert not any(t[0] == "John Poe" for t in facts)


def test_a_title_after_another_persons_organisation_is_not_of_that_organisation() -> None:
    facts = found("Cohere CEO Jane Roe met Chairman Mark Lane on Monday.", "en")
    assert ("Jane Roe", "LEADS", "Cohere") in facts
    assert not any(t[0] == "Mark Lane" for t in facts)


def test_a_french_verb_after_a_name_does_not_make_it_a_company() -> None:
    result = extract_article(
        article("Le patron de Kyutai, Alain Keller, a déclaré que le labo allait bien.", "fr")
    )
    kinds = {e.name: e.kind.value for e in result.entities}
    assert kinds.get("Alain Keller") == "Person"


def test_names_inside_an_apposition_of_a_board_list_are_not_members() -> None:
    text = (
        "Cohere a présenté ses administrateurs. Le conseil d’administration se renforce avec "
        "l’arrivée de Léa Brun, ex-dirigeante de la Fondation Anne et Paul Durand, "
        "et de Hugo Lambert, ancien président de Renault."
    )
    facts = found(text, "fr")
    assert ("Léa Brun", "BOARD_MEMBER_OF", "Cohere") in facts
    assert ("Hugo Lambert", "BOARD_MEMBER_OF", "Cohere") in facts
    assert not any(t[0] in ("Paul Durand", "Anne Durand") for t in facts)


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


def test_a_firm_led_by_a_group_of_people_is_led_by_each_listed() -> None:
    text = "Kyutai is led by former Helsing executives including Torsten Reil and Niklas Köhler."
    result = extract_article(article(text, "en"))
    leads = {s for s, r, o in triples(result) if r == "LEADS" and o == "Kyutai"}
    assert leads == {"Torsten Reil", "Niklas Köhler"}, triples(result)


def test_was_led_by_is_a_past_leadership_not_a_role_held() -> None:
    text = "Kyutai opened a lab. The company was led by Jane Roe until 2024."
    result = extract_article(article(text, "en"))
    assert not [r for r in result.relations if r.relation.value == "LEADS"], triples(result)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Microsoft hired Joelle Pineau last year.", True),
        ("Kyutai hired Joelle Pineau's team to build models.", False),
    ],
)
def test_a_firm_that_hired_a_person_employs_them(text: str, held: bool) -> None:
    result = extract_article(article(text, "en"))
    works = {(s, o) for s, r, o in triples(result) if r == "WORKS_AT"}
    assert bool(works) is held, triples(result)


def test_a_name_the_gazetteer_lacks_before_a_title_owns_it() -> None:
    facts = found(
        "Other backers include Salesforce, Spark Capital, and FTX founder Jim Beam.",
        "en",
    )
    assert not any(p == "Jim Beam" and o in ("Spark Capital", "Salesforce") for p, _, o in facts)


def test_a_plural_title_after_words_of_tenure_is_each_listed_persons() -> None:
    facts = found("Jane Roe replaces Intel interim co-CEOs Jim Beam and John Poe.", "en")
    assert ("Jim Beam", "LEADS", "Intel") in facts
    assert ("John Poe", "LEADS", "Intel") in facts


def test_a_second_title_coordinated_after_the_first_is_held_too() -> None:
    facts = found(
        "Jane Roe is a managing partner of Sequoia Capital and chairman of chip firm Cerebras.",
        "en",
    )
    assert ("Jane Roe", "LEADS", "Sequoia Capital") in facts
    assert ("Jane Roe", "LEADS", "Cerebras") in facts
    former = found("Jane Roe is the CEO of Cohere and former chairman of Cerebras.", "en")
    assert ("Jane Roe", "LEADS", "Cerebras") not in former


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # officers listed after one firm: the second title is the same firm's
        (
            "腾讯董事长马化腾、副董事长刘炽平出席了签约仪式。",
            ("Martin Lau", "BOARD_MEMBER_OF", "Tencent"),
        ),
        # two titles joined by 兼: each at its own firm
        ("字节跳动副总裁兼火山引擎总裁谭待表示，需求强劲。", ("谭待", "WORKS_AT", "ByteDance")),
        ("字节跳动副总裁兼火山引擎总裁谭待表示，需求强劲。", ("谭待", "LEADS", "Volcano Engine")),
        # founded, with the year between the person and the verb; led "by" a person
        ("李彦宏于2000年创立百度，总部位于北京。", ("Robin Li", "FOUNDED", "Baidu")),
        ("百度目前由李彦宏执掌，业务覆盖搜索与云。", ("Robin Li", "LEADS", "Baidu")),
    ],
)
def test_zh_titles_over_lists_and_joins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text, "zh")


@pytest.mark.parametrize(
    "text",
    [
        # a person with no title of his own in the list holds nothing
        "他与马化腾、副董事长刘炽平会面。",
        # 由P领导的团队: a relative clause, the firm is not said to be led by P
        "该模型由百度李彦宏领导的团队开发。",
    ],
)
def test_zh_titles_hard_negatives(text: str) -> None:
    got = found(text, "zh")
    assert not {f for f in got if f[0] == "Martin Lau"}
    assert ("Robin Li", "LEADS", "Baidu") not in got


def test_holding_a_post_in_french() -> None:
    got = found("Jean Roussel occupe le poste de directeur financier de Capgemini.", "fr")
    assert ("Jean Roussel", "WORKS_AT", "Capgemini") in got
    assert not found("Jean Roussel occupait le poste de directeur financier de Capgemini.", "fr")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Latin title in a Chinese copula, any case; 作为 as a copula
        ("李彦宏是百度的CEO。", ("Robin Li", "LEADS", "Baidu")),
        ("李彦宏作为百度的CEO出席了会议。", ("Robin Li", "LEADS", "Baidu")),
        # the English abbreviation in parentheses between the title and the name
        ("英伟达首席执行官（CEO）黄仁勋表示，需求强劲。", ("Jensen Huang", "LEADS", "NVIDIA")),
        # titles listed with 、 each state their relation
        ("百度创始人、董事长李彦宏表示，需求强劲。", ("Robin Li", "FOUNDED", "Baidu")),
        ("百度创始人、董事长李彦宏表示，需求强劲。", ("Robin Li", "LEADS", "Baidu")),
    ],
)
def test_zh_title_forms(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text, "zh")


def test_zh_copula_with_an_investor_word_is_no_role() -> None:
    assert not found("李彦宏作为百度的投资人出席了会议。", "zh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deputy is no head
        (
            "Selon Jean Roussel, directeur général adjoint de Capgemini, la demande explose.",
            ("Jean Roussel", "WORKS_AT", "Capgemini"),
        ),
        # a department between the title and the firm
        (
            "Selon Jean Roussel, responsable de l’IA chez Capgemini, la demande explose.",
            ("Jean Roussel", "WORKS_AT", "Capgemini"),
        ),
        (
            "Selon Jean Roussel, directeur de la communication de Capgemini, la demande explose.",
            ("Jean Roussel", "WORKS_AT", "Capgemini"),
        ),
        # a description of the firm between the preposition and its name
        (
            "Jean Roussel, président du groupe Capgemini, a commenté.",
            ("Jean Roussel", "LEADS", "Capgemini"),
        ),
        (
            "Jean Roussel siège au conseil d’administration du fabricant américain de puces "
            "Nvidia.",
            ("Jean Roussel", "BOARD_MEMBER_OF", "NVIDIA"),
        ),
        # "le patron de X P" without a comma; président-fondateur
        ("Le patron de Capgemini Aiman Ezzat a commenté.", ("Aiman Ezzat", "LEADS", "Capgemini")),
        (
            "Jean Roussel, président-fondateur de Capgemini, a commenté.",
            ("Jean Roussel", "FOUNDED", "Capgemini"),
        ),
    ],
)
def test_fr_title_forms(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text, "fr")


def test_fr_deputy_is_not_a_head_and_a_long_aside_is_no_department() -> None:
    got = found("Selon Jean Roussel, directeur général adjoint de Capgemini, tout va bien.", "fr")
    assert ("Jean Roussel", "LEADS", "Capgemini") not in got
    text = "Jean Roussel, responsable de la baisse des prix chez Capgemini, a été licencié."
    assert not found(text, "fr")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Jane Roe is Cohere's CEO.", ("Jane Roe", "LEADS", "Cohere")),
        ("Jane Roe will become Cohere's new CEO in May.", ("Jane Roe", "LEADS", "Cohere")),
        (
            "Jane Roe serves as Cohere's chief technology officer.",
            ("Jane Roe", "WORKS_AT", "Cohere"),
        ),
        ("Jane Roe has led Cohere since 2020.", ("Jane Roe", "LEADS", "Cohere")),
        ("Jane Roe, head of research at Cohere, spoke.", ("Jane Roe", "WORKS_AT", "Cohere")),
    ],
)
def test_possessive_copulas_tenure_verbs_and_departments(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in found(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe was Cohere's CEO until 2020.",
        "Jane Roe is Cohere's former CEO.",
        "Jane Roe is Cohere's biggest fan.",
        "Jane Roe, head of the lab, met Cohere.",
    ],
)
def test_past_titles_and_other_possessions_state_no_role(text: str) -> None:
    assert not any(p == "Jane Roe" and o == "Cohere" for p, _, o in found(text, "en"))


# the role frame: a title in apposition to the person, the firm tied to the title across a
# department ("in charge of … at X", "百度云计算部门首席技术官")
FRAMED = [
    (
        "en",
        "Jane Roe, vice president in charge of partnerships at Cohere, spoke on Monday.",
        ("Jane Roe", "WORKS_AT", "Cohere"),
    ),
    (
        "fr",
        "Selon Jane Roe, directrice en charge des partenariats chez Cohere, tout va bien.",
        ("Jane Roe", "WORKS_AT", "Cohere"),
    ),
    ("zh", "王震宇现任百度云计算部门首席技术官。", ("王震宇", "WORKS_AT", "Baidu")),
    ("zh", "李明现任百度搜索业务总裁。", ("李明", "LEADS", "Baidu")),
]


@pytest.mark.parametrize(("lang", "text", "triple"), FRAMED)
def test_a_role_frame_ties_person_title_and_firm(lang: str, text: str, triple: tuple) -> None:
    assert triple in found(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("en", "Jane Roe served as chief executive of Cohere until May.", "Jane"),
        ("en", "Cohere opened an office. Jane Roe, its former chief executive, spoke.", "Jane"),
        ("en", "Jane Roe, an analyst in charge of software at Gartner, praised Cohere.", "Jane"),
        ("zh", "王海峰曾任百度首席技术官。", "王海峰"),
        ("zh", "李明是腾讯投资的百度的董事。", "李明"),  # Baidu's director, not Tencent's
    ],
)
def test_a_role_frame_skips_past_roles_quoted_analysts_and_other_firms(
    lang: str, text: str, person: str
) -> None:
    facts = found(text, lang)
    assert not any(
        t[0].startswith(person) and t[2] in ("Cohere", "Gartner", "Tencent") for t in facts
    )
    if lang == "zh" and "曾任" in text:
        assert not any(t[0] == person for t in facts)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe, previously chief technology officer of Cohere, spoke on Monday.",
        "Jane Roe, formerly chief technology officer of Cohere, spoke on Monday.",
    ],
)
def test_a_title_held_previously_states_no_role(text: str) -> None:
    assert not any(p == "Jane Roe" and o == "Cohere" for p, _, o in found(text, "en"))


def test_a_title_held_now_still_states_the_role() -> None:
    text = "Jane Roe, chief technology officer of Cohere, spoke on Monday."
    assert ("Jane Roe", "WORKS_AT", "Cohere") in found(text, "en")


# the head of a department works at the firm; the head of the firm leads it
@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Jane Roe, Cohere's head of research, spoke on Monday.", "WORKS_AT"),
        ("Jane Roe, head of public policy at Cohere, spoke on Monday.", "WORKS_AT"),
        ("Cohere head of engineering Jane Roe spoke on Monday.", "WORKS_AT"),
        ("Jane Roe will become Cohere's head of robotics in May.", "WORKS_AT"),
        ("Jane Roe, Cohere's head, spoke on Monday.", "LEADS"),
        ("Jane Roe is head of Cohere.", "LEADS"),
    ],
)
def test_a_department_head_works_at_the_firm(text: str, relation: str) -> None:
    got = {r for p, r, o in found(text, "en") if p == "Jane Roe" and o == "Cohere"}
    assert got == {relation}


@pytest.mark.parametrize(
    ("lang", "text", "fact"),
    [
        (
            "fr",
            "Le conseil d’administration de Kyutai a nommé Jean Dupont au poste de directeur "
            "général.",
            ("Jean Dupont", "LEADS", "Kyutai"),
        ),
        (
            "fr",
            "Le conseil de surveillance de Kyutai a nommé Marie Roux directrice financière.",
            ("Marie Roux", "WORKS_AT", "Kyutai"),
        ),
        (
            "en",
            "The board of Cohere appointed Jane Roe as chief financial officer.",
            ("Jane Roe", "WORKS_AT", "Cohere"),
        ),
        ("en", "Cohere’s board named Jane Roe chief executive.", ("Jane Roe", "LEADS", "Cohere")),
    ],
)
def test_a_board_that_appoints_speaks_for_its_firm(lang: str, text: str, fact: tuple) -> None:
    assert fact in found(text, lang)


def test_a_board_named_elsewhere_in_the_sentence_appoints_no_one() -> None:
    """Only the board standing right before the verb is its subject."""
    text = "Le conseil d’administration de Kyutai s’est réuni ; Cohere a nommé Jean Dupont."
    assert not any(t[2] == "Kyutai" for t in found(text, "fr"))
    bare = "Le conseil d’administration de Kyutai a nommé Jean Dupont."
    assert not any(t[0] == "Jean Dupont" for t in found(bare, "fr"))


# a bare title ("Chief executive P said") is the previous sentence's company, unless that
# sentence's subject was a list of companies: then whose chief is not said
@pytest.mark.parametrize(
    ("lang", "text", "fact"),
    [
        (
            "en",
            "Cohere raised money. Backers Index Ventures and Accel also took part. "
            "Chief executive Jane Roe said hiring would follow.",
            None,
        ),
        (
            "en",
            "Cohere raised money on Monday. Chief executive Jane Roe said hiring would follow.",
            ("Jane Roe", "LEADS", "Cohere"),
        ),
        (
            "fr",
            "Mistral AI a levé des fonds. Les fonds Eurazeo et Bpifrance ont aussi participé. "
            "La directrice générale Jeanne Roux a salué l’opération.",
            None,
        ),
    ],
)
def test_a_bare_title_after_a_listed_subject_names_no_firm(
    lang: str, text: str, fact: tuple[str, str, str] | None
) -> None:
    got = {f for f in found(text, lang) if f[0] in ("Jane Roe", "Jeanne Roux")}
    assert got == ({fact} if fact else set())


@pytest.mark.parametrize(
    ("lang", "text", "fact"),
    [
        (
            "fr",
            "Jean Dupont a fondé sa propre start-up, Kyutai.",
            ("Jean Dupont", "FOUNDED", "Kyutai"),
        ),
        (
            "fr",
            "Jean Dupont a fondé en 2023 la jeune pousse Kyutai.",
            ("Jean Dupont", "FOUNDED", "Kyutai"),
        ),
        (
            "en",
            "Jane Roe founded her own company, Cohere, in 2019.",
            ("Jane Roe", "FOUNDED", "Cohere"),
        ),
    ],
)
def test_a_description_between_founded_and_the_firm(lang: str, text: str, fact: tuple) -> None:
    assert fact in found(text, lang)


def test_a_firm_founded_and_described_is_not_the_one_named_later() -> None:
    text = "Jean Dupont a fondé la société qui a investi dans Kyutai."
    assert ("Jean Dupont", "FOUNDED", "Kyutai") not in found(text, "fr")


# --- a title in apposition that names no firm: the firm the sentence before was about --------

TOPIC_TITLES = [
    (
        "en",
        "Cohere raised $500 million on Monday. Aidan Gomez, the chief executive, said the money "
        "would fund research.",
        ("Aidan Gomez", "LEADS", "Cohere"),
    ),
    (
        "fr",
        "Mistral AI a levé 600 millions d'euros. Arthur Mensch, le directeur général, a déclaré "
        "que la somme servirait à recruter.",
        ("Arthur Mensch", "LEADS", "Mistral AI"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "triple"), TOPIC_TITLES)
def test_a_bare_title_in_apposition_is_held_at_the_firm_told_of(
    lang: str, text: str, triple: tuple
) -> None:
    assert triple in triples(extract_article(article(text, lang)))


NO_TOPIC_TITLE = [
    # a former title, an analyst, a firm named in the sentence, a known head of another firm
    "Cohere raised $500 million. Jane Roe, the former chief executive, said it was enough.",
    "Cohere raised $500 million. Jane Roe, an analyst, said it was enough.",
    "Cohere raised $500 million. At Oracle, Jane Roe, the chief executive, said it was enough.",
    "Cohere raised $500 million. Sam Altman, the chief executive, said it was a bubble.",
]


@pytest.mark.parametrize("text", NO_TOPIC_TITLE)
def test_former_analyst_or_elsewhere_titles_hold_nothing_at_the_firm_told_of(text: str) -> None:
    found = triples(extract_article(article(text, "en")))
    assert not any(r == "LEADS" and o == "Cohere" for _, r, o in found), found
