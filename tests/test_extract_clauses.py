"""Clause roles (kg/extract/clauses.py) as the deal frames read them: relative clauses,
described subjects, passive and nominal rounds, "its" owners, objects after descriptions and
appositions, the complements of deal nouns, and the round phrasings that use them. Our own
sentences in zh, en and fr, with hard negatives (plans, denials, goods, divestments)."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples
from tests.test_extract_structure import funders


def raised(text: str, lang: str) -> set[tuple[str, str]]:
    return {
        (a, b) for a, rel, b in triples(extract_article(article(text, lang))) if rel == "RAISED"
    }


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # relative clause: the raiser is the name before "which"/"qui", governed or not
        (
            "en",
            "Accel invested in Helsing, which raised $200 million in a Series C last year.",
            {("Helsing", "Helsing Series C funding round")},
        ),
        (
            "fr",
            "Partech a misé sur Dust, qui a levé 16 millions d’euros en série A l’an dernier.",
            {("Dust", "Dust Series A funding round")},
        ),
        # passive: "raised by X", "levés par X"
        (
            "en",
            "The $2 billion raised by Kyutai in its Series B will pay for research.",
            {("Kyutai", "Kyutai Series B funding round")},
        ),
        (
            "fr",
            "Les 600 millions d’euros levés par Poolside lors de sa série B serviront à recruter.",
            {("Poolside", "Poolside Series B funding round")},
        ),
        # the round named for its raiser: "a round for X", "X’s Series C round", "X的A轮融资"
        (
            "en",
            "Sequoia Capital led a $300 million Series C round for Poolside.",
            {("Poolside", "Poolside Series C funding round")},
        ),
        (
            "en",
            "Poolside’s $300 million Series C round was led by Sequoia Capital.",
            {("Poolside", "Poolside Series C funding round")},
        ),
        (
            "zh",
            "智谱完成了B轮融资，由腾讯领投。",
            {("Zhipu AI", "Zhipu AI Series B funding round")},
        ),
    ],
)
def test_the_raiser_is_read_from_the_clause_structure(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert raised(text, lang) == expected


def test_the_lead_of_a_round_for_another_firm_is_not_its_raiser() -> None:
    text = "Sequoia Capital has led a $300 million round for Poolside, which closed on Friday."
    assert raised(text, "en") == {("Poolside", "Poolside $300 million funding round")}
    assert funders(text, "en") == {"Sequoia Capital"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "对智谱来说，融资仍是一个难题。"),  # funding talked about, no round
        ("en", "Poolside is in talks to raise $500 million in a Series B round."),  # planned
        ("fr", "Dust envisage de lever 20 millions d’euros en série B."),  # planned
        ("en", "Helsing denied it had raised a Series D round."),  # denied
        ("zh", "智谱否认完成了新一轮融资。"),  # denied
    ],
)
def test_no_round_is_raised_without_a_completed_round(lang: str, text: str) -> None:
    assert raised(text, lang) == set()


def acquired(text: str, lang: str) -> set[tuple[str, str]]:
    return {
        (a, b) for a, rel, b in triples(extract_article(article(text, lang))) if rel == "ACQUIRES"
    }


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a firm described by what it makes is still a firm, not goods bought
        (
            "en",
            "Qualcomm has bought the chip start-up Rivos for $400 million.",
            {("Qualcomm", "Rivos")},
        ),
        ("zh", "高通收购了美国芯片公司Rivos。", {("Qualcomm", "Rivos")}),
        # "its" before the noun is the sentence's first firm
        (
            "en",
            "The deal is Amazon's largest bet since its acquisition of Whole Foods Market.",
            {("Amazon", "Whole Foods Market")},
        ),
        # a nominal passive: "X's acquisition by Y"
        (
            "en",
            "Regulators looked at Arm's acquisition by Nvidia for a year.",
            {("NVIDIA", "Arm")},
        ),
        # objects coordinated after descriptions, names nobody listed
        (
            "fr",
            "Thales a mis la main sur l’allemande Helsing et la suédoise Brisk pour 90 millions "
            "d’euros.",
            {("Thales", "Helsing"), ("Thales", "Brisk")},
        ),
        (
            "en",
            "Salesforce acquired the Lyon start-up Quartzic and the Berlin firm Noval last year.",
            {("Salesforce", "Quartzic"), ("Salesforce", "Noval")},
        ),
    ],
)
def test_the_acquired_firms_are_read_from_the_object_structure(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert acquired(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Salesforce bought Nvidia chips for its data centres."),
        ("fr", "Thales achète des puces à Nvidia pour ses serveurs."),
        ("zh", "软银从英伟达购买芯片。"),
        ("en", "Salesforce sold its Berlin unit Noval to Thales."),
        ("fr", "Thales a abandonné le rachat de Vantor."),
        ("zh", "软银否认收购Graphcore。"),
        ("en", "Salesforce bought ads on Google for its launch."),  # not the verb's object
        ("fr", "Thales achète de la publicité sur Google."),
    ],
)
def test_goods_divestments_and_dropped_deals_are_no_acquisition(lang: str, text: str) -> None:
    assert acquired(text, lang) == set()


ROUND_PHRASES = [
    # a lead named with "dirigée notamment par"; the description after the list is the raiser
    (
        "fr",
        "Lors d’une série B dirigée notamment par Accel et Temasek, la start-up parisienne Dust "
        "a levé 40 millions d’euros.",
        {"Accel", "Temasek"},
    ),
    # "the money comes from A, B and C", "les fonds proviennent de A, B et C"
    (
        "fr",
        "Dust a bouclé une série A de 16 millions d’euros. Les fonds proviennent de Partech, "
        "Elaia et Index Ventures.",
        {"Partech", "Elaia", "Index Ventures"},
    ),
    (
        "en",
        "Helsing closed a $200 million Series C. The money came from Accel, Temasek and "
        "General Catalyst.",
        {"Accel", "Temasek", "General Catalyst"},
    ),
    # "joined by", "rejoint par": more participants of the round
    (
        "en",
        "Accel led Poolside’s $300 million Series B round and was joined by Sequoia Capital "
        "and Index Ventures.",
        {"Accel", "Sequoia Capital", "Index Ventures"},
    ),
    (
        "fr",
        "La série B de Dust a été menée par Partech, rejoint par Elaia et Bpifrance.",
        {"Partech", "Elaia", "Bpifrance"},
    ),
    # existing investors named as a list subject
    (
        "fr",
        "Dust a levé 16 millions d’euros en série A. Les investisseurs historiques Partech et "
        "Elaia ont remis au pot.",
        {"Partech", "Elaia"},
    ),
    # zh: 加注 after an existing backer list; names nobody listed between 、 are stepped over
    (
        "zh",
        "智谱完成B轮融资，高瓴领投，启明创投、某某资本、IDG资本参与，腾讯等原有股东再次加注。",
        {"Hillhouse", "Qiming Venture Partners", "IDG Capital", "Tencent"},
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ROUND_PHRASES)
def test_round_participants_named_in_other_phrasings(
    lang: str, text: str, expected: set[str]
) -> None:
    assert expected <= funders(text, lang)


def test_a_described_raiser_after_a_list_of_leads_is_the_raiser() -> None:
    text = (
        "Lors d’une série B dirigée notamment par Accel et Temasek, la start-up parisienne Dust "
        "a levé 40 millions d’euros."
    )
    assert {a for a, _ in raised(text, "fr")} <= {"Dust"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # no round in the sentence or the one before: a plain "comes from" is no funding
        ("en", "Accel's partner came from Temasek and joined by train."),
        ("fr", "Le PDG de Dust provient de Partech et d’Elaia."),
        # a team joined by hires is no round
        ("en", "Poolside's research team was joined by engineers from Accel."),
    ],
)
def test_the_new_round_phrasings_need_a_round(lang: str, text: str) -> None:
    assert funders(text, lang) == set()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "Bruxelles s’interroge sur l’investissement du groupe Amazon dans Helsing.",
            ("Amazon", "Helsing"),
        ),
        ("en", "The investment by Nvidia in Poolside was $500 million.", ("NVIDIA", "Poolside")),
        ("zh", "英伟达对Poolside的投资达5亿美元。", ("NVIDIA", "Poolside")),
    ],
)
def test_the_agent_of_a_deal_noun_is_its_of_or_by_complement(
    lang: str, text: str, expected: tuple[str, str]
) -> None:
    found = {
        (a, b) for a, r, b in triples(extract_article(article(text, lang))) if r == "INVESTS_IN"
    }
    assert found == {expected}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Salesforce is in talks to acquire Helsing for $2 billion."),
        ("fr", "Thales envisage de racheter Helsing pour 2 milliards d’euros."),
        ("zh", "软银拟收购Graphcore。"),
        ("en", "Nvidia plans to invest $1 billion in Poolside."),
        ("zh", "腾讯计划投资智谱。"),
    ],
)
def test_a_deal_only_planned_right_before_its_verb_is_no_deal(lang: str, text: str) -> None:
    rels = {r for _, r, _ in triples(extract_article(article(text, lang)))}
    assert not rels & {"ACQUIRES", "INVESTS_IN", "FUNDS"}, rels


def test_a_hedge_elsewhere_in_the_sentence_leaves_the_deal_stated() -> None:
    text = "SoftBank acquired Graphcore last year, as it seeks to grow in chips."
    assert acquired(text, "en") == {("SoftBank", "Graphcore")}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Microsoft has been pouring cash into Helsing.", ("Microsoft", "Helsing")),
        ("en", "Nvidia bought into Poolside last year.", ("NVIDIA", "Poolside")),
        ("en", "Amazon keeps pumping money into Kyutai.", ("Amazon", "Kyutai")),
    ],
)
def test_investment_verbs_of_putting_money_in(
    lang: str, text: str, expected: tuple[str, str]
) -> None:
    found = {
        (a, b) for a, r, b in triples(extract_article(article(text, lang))) if r == "INVESTS_IN"
    }
    assert found == {expected}
    assert acquired(text, lang) == set()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Jane Roe took over as chief executive of Helsing in May."),
        ("en", "Salesforce bought back shares from Accel."),
    ],
)
def test_taking_over_a_role_or_buying_back_is_no_acquisition(lang: str, text: str) -> None:
    assert acquired(text, lang) == set()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "According to Reuters, the deal is Amazon's largest since its acquisition of "
            "Whole Foods Market.",
            {("Amazon", "Whole Foods Market")},
        ),
        (
            "fr",
            "Selon Reuters, il s’agit du plus gros pari de Thales depuis son rachat de Helsing.",
            {("Thales", "Helsing")},
        ),
    ],
)
def test_its_owner_is_the_possessor_not_the_news_source(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert acquired(text, lang) == expected


def test_each_passive_round_names_its_own_raiser() -> None:
    text = (
        "It beats the $900 million Series D closed by Helsing in May, as well as the "
        "$500 million Series B raised by Poolside last year."
    )
    assert raised(text, "en") == {
        ("Helsing", "Helsing Series D funding round"),
        ("Poolside", "Poolside Series B funding round"),
    }


def test_coordinated_rounds_of_one_raiser_are_two_rounds() -> None:
    text = (
        "Kyutai’s $50 million Series A round and its $90 million Series B round were "
        "oversubscribed."
    )
    assert raised(text, "en") == {
        ("Kyutai", "Kyutai Series A funding round"),
        ("Kyutai", "Kyutai Series B funding round"),
    }


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Helsing closed a Series C round; its investor group includes Accel and "
            "Temasek.",
            {"Accel", "Temasek"},
        ),
        (
            "en",
            "Helsing closed its Series C round. Financing from big investors, including Accel, "
            "valued it at $5 billion.",
            {"Accel"},
        ),
    ],
)
def test_investor_lineups_and_financing_from(lang: str, text: str, expected: set[str]) -> None:
    assert funders(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Salesforce’s second attempt to buy Helsing has collapsed."),
        ("fr", "La tentative de rachat de Helsing par Thales a échoué."),
        ("zh", "软银试图收购Graphcore。"),
    ],
)
def test_an_attempted_acquisition_is_no_acquisition(lang: str, text: str) -> None:
    assert acquired(text, lang) == set()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Helsing raised $600 million. Accel, an existing investor, also put in more money.",
            ("Accel", "Helsing"),
        ),
        (
            "fr",
            "Dust a levé 20 millions d’euros. Partech, actionnaire historique, a remis au pot.",
            ("Partech", "Dust"),
        ),
        ("zh", "智谱完成新一轮融资。腾讯作为现有股东继续加码。", ("Tencent", "Zhipu AI")),
    ],
)
def test_an_existing_investor_named_as_such_backs_the_company_in_topic(
    lang: str, text: str, expected: tuple[str, str]
) -> None:
    result = extract_article(article(text, lang))
    names = {e.id: e.name for e in result.entities}
    parties = {
        p["id"] for e in result.entities if e.kind.value == "Deal" for p in e.properties["parties"]
    }
    backers = {
        (names[r.source], names[r.target])
        for r in result.relations
        if r.relation.value in ("INVESTS_IN", "FUNDS")
    }
    investee = {names[p] for p in parties} | {t for _, t in backers}
    assert expected[0] in {s for s, _ in backers}
    assert expected[1] in investee


def test_an_existing_investor_of_another_firm_is_read_by_its_own_phrase() -> None:
    text = "Accel, an existing investor in Poolside, did not join Helsing's round."
    rels = {(a, r, b) for a, r, b in triples(extract_article(article(text, "en")))}
    assert ("Accel", "INVESTS_IN", "Poolside") in rels
    assert not {(a, b) for a, r, b in rels if r == "FUNDS"}


def test_possessive_rounds_before_a_round_in_a_year() -> None:
    text = (
        "Accel previously joined Kyutai’s $50 million Series A round in 2023 and its "
        "$90 million Series B round in 2024."
    )
    assert raised(text, "en") == {
        ("Kyutai", "Kyutai Series A funding round"),
        ("Kyutai", "Kyutai Series B funding round"),
    }


@pytest.mark.parametrize(
    ("lang", "text", "raiser"),
    [
        ("en", "Poolside nabs $500 million in Series B funding.", "Poolside"),
        ("en", "Helsing hauled in $600 million in a round led by Accel.", "Helsing"),
        ("fr", "Dust décroche 16 millions d’euros en série A.", "Dust"),
        ("fr", "Kyutai a récolté 90 millions d’euros lors d’un tour de table.", "Kyutai"),
    ],
)
def test_headline_verbs_of_raising(lang: str, text: str, raiser: str) -> None:
    assert {a for a, _ in raised(text, lang)} == {raiser}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Poolside nabbed a new chief executive from Helsing."),  # no round
        ("fr", "Dust décroche un contrat avec Thales."),  # a contract, no round
    ],
)
def test_headline_verbs_without_a_round_raise_nothing(lang: str, text: str) -> None:
    assert raised(text, lang) == set()


def test_a_relative_clause_whose_name_we_do_not_know_takes_no_other_subject() -> None:
    text = "Kyutai competes with Helsing and Brightloop Freight, which was acquired by SoftBank."
    result = extract_article(article(text, "en"))
    assert ("SoftBank", "ACQUIRES", "Kyutai") not in triples(result), triples(result)
    assert ("SoftBank", "ACQUIRES", "Helsing") not in triples(result), triples(result)


def test_the_possessor_of_a_deal_noun_is_its_agent_whatever_governs_it() -> None:
    text = "Kyutai said Brussels would look into Nvidia's purchase of Run:ai."
    result = extract_article(article(text, "en"))
    assert ("NVIDIA", "ACQUIRES", "Run:ai") in triples(result), triples(result)
    assert ("Kyutai", "ACQUIRES", "Run:ai") not in triples(result), triples(result)


def test_a_name_inside_a_closed_relative_clause_is_not_the_subject() -> None:
    text = "Meta, which once tried to hire Jeanne Roe, invested $2 billion in Kyutai."
    result = extract_article(article(text, "en"))
    investors = {s for s, r, o in triples(result) if r == "INVESTS_IN" and o == "Kyutai"}
    assert investors == {"Meta"}, triples(result)


def test_an_unknown_name_opening_the_clause_is_not_replaced_by_the_last_subject() -> None:
    text = "Kyutai raised money in May. Brightloop completed its acquisition of Helsing in March."
    result = extract_article(article(text, "en"))
    assert ("Kyutai", "ACQUIRES", "Helsing") not in triples(result), triples(result)


def test_it_still_stands_for_the_last_subject() -> None:
    text = "Kyutai bought Helsing. It then bought Aleph Alpha."
    result = extract_article(article(text, "en"))
    assert ("Kyutai", "ACQUIRES", "Aleph Alpha") in triples(result), triples(result)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Kyutai took $30 million from Nvidia in May.", ("NVIDIA", "INVESTS_IN", "Kyutai")),
        ("Kyutai received funding from Nvidia last year.", ("NVIDIA", "INVESTS_IN", "Kyutai")),
    ],
)
def test_money_taken_from_a_firm_is_its_investment(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(extract_article(article(text, "en")))


def test_a_rank_taken_from_a_firm_is_no_investment() -> None:
    text = "Nvidia took over the top spot from Apple as the most valuable company."
    result = extract_article(article(text, "en"))
    assert not [r for r in result.relations if r.relation.value == "INVESTS_IN"], triples(result)


def test_its_before_a_deal_noun_is_the_nearest_subject_not_a_predicate() -> None:
    text = (
        "Kyutai raised money. It is the third lab that Helsing has bought this year, after its "
        "2019 takeover of Aleph Alpha."
    )
    result = extract_article(article(text, "en"))
    assert ("Helsing", "ACQUIRES", "Aleph Alpha") in triples(result), triples(result)
    assert ("Kyutai", "ACQUIRES", "Aleph Alpha") not in triples(result), triples(result)
