"""Deal frames of families.py over English structure: round participants named in a "with"
clause, after "joined", closing their clause, in a round "that included"; money committed or
funnelled; a round label belongs to its own clause. Each with hard negatives."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples

ROUND = "Kyutai raised $300 million in a Series B round. "


def _funders(text: str) -> set[str]:
    result = extract_article(article(text, "en"))
    return {s for s, r, _ in triples(result) if r in ("FUNDS", "INVESTS_IN")}


@pytest.mark.parametrize(
    ("text", "funders"),
    [
        (
            "The round was led by Sequoia Capital, with Accel and Index Ventures also "
            "participating.",
            {"Sequoia Capital", "Accel", "Index Ventures"},
        ),
        (
            "Andreessen Horowitz co-led the round with Sequoia Capital.",
            {"Andreessen Horowitz", "Sequoia Capital"},
        ),
        (
            "Intel joined Oracle and Temasek in the $900m round.",
            {"Intel", "Oracle", "Temasek"},
        ),
        ("Nvidia and Samsung also invested.", {"NVIDIA", "Samsung"}),
        ("Nvidia and Samsung were among the investors in the round.", {"NVIDIA", "Samsung"}),
        (
            "The round, which was led by Thrive Capital, also included Nvidia and SoftBank.",
            {"Thrive Capital", "NVIDIA", "SoftBank"},
        ),
    ],
)
def test_round_participants_named_by_structure(text: str, funders: set[str]) -> None:
    assert _funders(ROUND + text) == funders


@pytest.mark.parametrize(
    "text",
    [
        # no round told: joining a firm, investing elsewhere, a plain "with"
        "Intel joined Oracle and Temasek in a lawsuit.",
        "Nvidia and Samsung also sued, with Apple and Google participating as witnesses.",
        "Nvidia and Samsung were among the companies in the room.",
    ],
)
def test_the_same_words_without_a_round_fund_nothing(text: str) -> None:
    assert _funders("Kyutai released a model. " + text) == set()


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Samsung has committed $800 million to Kyutai.", ("Samsung", "INVESTS_IN", "Kyutai")),
        ("Oracle has funneled $2 billion into Cohere.", ("Oracle", "INVESTS_IN", "Cohere")),
    ],
)
def test_money_committed_or_funnelled_into_a_firm_is_an_investment(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in triples(extract_article(article(text, "en")))


def test_money_committed_to_a_goal_is_no_investment() -> None:
    text = "Samsung has committed $800 million to its own data centres, Kyutai said."
    result = extract_article(article(text, "en"))
    assert not [r for r in result.relations if r.relation.value == "INVESTS_IN"], triples(result)


def test_a_round_label_belongs_to_its_own_clause() -> None:
    text = (
        "Kyutai raised $2 billion. It topped the $900 million Series F closed by Cohere, "
        "as well as the $500 million raised by Kyutai in March."
    )
    result = extract_article(article(text, "en"))
    names = {e.name for e in result.entities if e.kind.value == "Deal"}
    assert not any("Kyutai Series F" in n for n in names), names
    assert any("Cohere Series F" in n for n in names), names


def _en(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, "en")))


@pytest.mark.parametrize(
    "text",
    [
        "The regulator cleared Oracle's acquisition of 9.9 per cent in Cohere.",
        "Oracle agreed to acquire a 7.5 percent stake in Cohere.",
        "Oracle will acquire a minority non-controlling shareholding of 8% in Cohere.",
        "Oracle bought 5% of Cohere last year.",
    ],
)
def test_a_share_bought_is_an_investment_not_an_acquisition(text: str) -> None:
    facts = _en(text)
    assert ("Oracle", "INVESTS_IN", "Cohere") in facts
    assert ("Oracle", "ACQUIRES", "Cohere") not in facts


@pytest.mark.parametrize(
    "text",
    [
        "Oracle will merge with Cohere.",
        "The merger of U.S. software group Oracle and AI firm Cohere closed on Monday.",
        "Cohere will operate as an Oracle subsidiary.",
        "Cohere will become a unit of Oracle after the deal.",
        "Cohere, now wholly owned by Oracle, released a model.",
    ],
)
def test_mergers_and_new_owners_are_acquisitions(text: str) -> None:
    assert ("Oracle", "ACQUIRES", "Cohere") in _en(text)


@pytest.mark.parametrize(
    "text",
    [
        "Talks on a merger between Oracle and Cohere collapsed.",
        "Oracle and Cohere have discussed a possible merger.",
        "Cohere, partly owned by Oracle, released a model.",
        "Oracle buys the most GPUs and Nvidia buys more Arm licences than anyone.",
    ],
)
def test_failed_or_possible_mergers_partial_owners_and_quantities_are_not(text: str) -> None:
    assert not any(r == "ACQUIRES" for _, r, _ in _en(text))


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "Nvidia led Cohere's $500 million Series D.",
            {("Cohere", "RAISED"), ("NVIDIA", "FUNDS")},
        ),
        ("Cohere announced a $500 million Series D funding round.", {("Cohere", "RAISED")}),
        (
            "The $500 million round, led by Nvidia, values Cohere at $5 billion.",
            {("Cohere", "RAISED"), ("NVIDIA", "FUNDS")},
        ),
        (
            "Cohere raised $500 million on Tuesday. Nvidia was the lead investor.",
            {("Cohere", "RAISED"), ("NVIDIA", "FUNDS")},
        ),
        (
            "Cohere raised $500 million on Tuesday. Nvidia led the financing.",
            {("Cohere", "RAISED"), ("NVIDIA", "FUNDS")},
        ),
        (
            "Cohere raised $500 million on Tuesday. Nvidia also joined the round, along with "
            "Oracle.",
            {("Cohere", "RAISED"), ("NVIDIA", "FUNDS"), ("Oracle", "FUNDS")},
        ),
    ],
)
def test_rounds_told_by_their_owner_leader_or_valuation(
    text: str, facts: set[tuple[str, str]]
) -> None:
    assert {(s, r) for s, r, _ in _en(text) if r in ("RAISED", "FUNDS")} == facts


def test_a_firm_counting_others_as_investors_is_their_investee() -> None:
    facts = _en("Cohere counts Nvidia and Oracle as investors.")
    assert {("NVIDIA", "INVESTS_IN", "Cohere"), ("Oracle", "INVESTS_IN", "Cohere")} <= facts
    assert not any(r == "RAISED" for _, r, _ in _en("Cohere announced a partnership with Oracle."))


# the company in topic, told twice before the round sentence
_TOPIC = {
    "en": "Kyutai builds open speech models. Kyutai has forty staff in Paris. ",
    "fr": "Kyutai conçoit des modèles vocaux ouverts. Kyutai emploie quarante personnes. ",
    "zh": "月之暗面发布了一款长文本模型。月之暗面的团队在北京。",
}


def _rounds(lang: str, text: str) -> set[tuple[str, str, str]]:
    result = extract_article(article(_TOPIC[lang] + text, lang))
    return {(s, r, o) for s, r, o in triples(result) if r in ("RAISED", "FUNDS", "INVESTS_IN")}


@pytest.mark.parametrize(
    ("lang", "text", "fund"),
    [
        ("en", "Accel raised $40 million for the startup in a Series B round.", "Accel"),
        ("en", "Backed by Accel, the startup raised $40 million in a Series B round.", "Accel"),
        ("fr", "Avec Elaia, la start-up a levé 40 millions d'euros en série B.", "Elaia"),
        ("zh", "红杉中国完成了对这家公司1亿美元的B轮融资。", "HongShan"),
    ],
)
def test_a_fund_named_as_a_round_owner_backs_the_company_in_topic(
    lang: str, text: str, fund: str
) -> None:
    company = "Moonshot AI" if lang == "zh" else "Kyutai"
    facts = _rounds(lang, text)  # the round is named after its owner: "Kyutai Series B …"
    assert any(s == company and r == "RAISED" and o.startswith(company) for s, r, o in facts)
    assert any(s == fund and r == "FUNDS" and o.startswith(company) for s, r, o in facts)
    assert not any(s == fund and r == "RAISED" for s, r, _ in facts)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a fund raising its own vehicle: no round of the company in topic
        ("en", "Accel has raised a new $4 billion fund to back young startups."),
        ("fr", "Elaia a levé un nouveau fonds de 200 millions d'euros."),
        # planned or rumoured: no round at all
        ("en", "Accel plans to raise $40 million for the startup in a Series B round."),
    ],
)
def test_a_fund_raising_its_own_fund_or_a_planned_raise_backs_no_one(lang: str, text: str) -> None:
    assert not any(r == "FUNDS" for _, r, _ in _rounds(lang, text))


def test_without_a_company_in_topic_the_fund_round_is_left_alone() -> None:
    result = extract_article(article("Accel raised $40 million in a Series B round.", "en"))
    assert not any(r.relation.value == "FUNDS" for r in result.relations)


# a person joining a firm works there; the firm named after "from" ("joins from X",
# "en provenance de X") is the one the person left
@pytest.mark.parametrize(
    ("text", "lang", "works_at"),
    [
        ("Jane Roe joined Cohere from Google in March.", "en", {"Cohere"}),
        ("Jane Roe joins from Cohere, where she ran the cloud unit.", "en", set()),
        ("Jane Roe, who joined the lab last year from Cohere, spoke on Monday.", "en", set()),
        ("Jane Roe rejoint Mistral AI en provenance de Google.", "fr", {"Mistral AI"}),
        ("Jane Roe a rejoint Mistral AI en mars.", "fr", {"Mistral AI"}),
    ],
)
def test_the_firm_a_person_joins_from_is_not_where_they_work(
    text: str, lang: str, works_at: set[str]
) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert {o for s, r, o in facts if s == "Jane Roe" and r == "WORKS_AT"} == works_at


# --- a sum put into the round or deal told in the sentence before -----------------------------

INTO_THE_ROUND = [
    ("en", "Cohere raised $500 million. Nvidia invested $50 million in the round.", "Cohere"),
    ("en", "Cohere raised $500 million. Nvidia put $50 million into the deal.", "Cohere"),
    ("en", "Cohere raised $500 million. Nvidia contributed $50 million to the round.", "Cohere"),
    (
        "fr",
        "Mistral AI a levé 600 millions d'euros. Nvidia a investi 100 millions d'euros dans "
        "l'opération.",
        "Mistral AI",
    ),
    (
        "fr",
        "Mistral AI a levé 600 millions d'euros. Nvidia a investi 100 millions d'euros dans ce "
        "tour de table.",
        "Mistral AI",
    ),
    (
        "fr",
        "Mistral AI a levé 600 millions d'euros. Outre les fonds déjà présents Nvidia et "
        "Salesforce, cette levée accueille Bpifrance.",
        "Mistral AI",
    ),
    ("zh", "智谱完成10亿元融资。英伟达在这笔交易中投资了2亿元。", "Zhipu AI"),
    ("zh", "智谱完成10亿元融资。英伟达在本轮融资中投资了2亿元。", "Zhipu AI"),
    ("zh", "智谱完成10亿元融资。其中，英伟达投资2亿元。", "Zhipu AI"),
    ("zh", "智谱宣布完成10亿元融资。老股东英伟达、阿里巴巴继续加码。", "Zhipu AI"),
    # a second company's round told in between: the latest round is the one referred to
    (
        "en",
        "Cohere raised $500 million. Mistral AI raised €100 million last week. Nvidia invested "
        "$50 million in the round.",
        "Mistral AI",
    ),
]


@pytest.mark.parametrize(("lang", "text", "raiser"), INTO_THE_ROUND)
def test_money_put_into_the_round_told_before_funds_that_round(
    lang: str, text: str, raiser: str
) -> None:
    found = triples(extract_article(article(text, lang)))
    funded = {t for s, r, t in found if s == "NVIDIA" and r == "FUNDS"}
    assert len(funded) == 1 and next(iter(funded)).startswith(raiser), found
    assert not any(s == "NVIDIA" and r == "RAISED" for s, r, _ in found), found


NOT_INTO_THE_ROUND = [
    ("en", "Cohere raised $500 million. Nvidia plans to invest $50 million in the round."),
    ("en", "Cohere raised $500 million. Nvidia denied it had invested in the round."),
    ("en", "Cohere raised $500 million. Nvidia sold the shares it had put into the deal."),
    # the deal is too far back to be "the deal"
    (
        "en",
        "Cohere raised $500 million. The company is profitable. Its revenue grew. Nvidia "
        "invested $50 million in the deal.",
    ),
    ("fr", "Mistral AI a levé 600 millions d'euros. Nvidia pourrait investir dans l'opération."),
    ("fr", "Mistral AI a levé 600 millions d'euros. Nvidia n'a pas investi dans l'opération."),
    ("zh", "智谱完成10亿元融资。英伟达计划在本轮融资中投资2亿元。"),
    ("zh", "智谱完成10亿元融资。英伟达否认在本轮融资中投资。"),
    ("zh", "智谱完成10亿元融资。老股东英伟达已于去年减持。"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_INTO_THE_ROUND)
def test_a_planned_denied_or_sold_stake_in_the_round_funds_nothing(lang: str, text: str) -> None:
    found = triples(extract_article(article(text, lang)))
    assert not any(s == "NVIDIA" for s, _, _ in found), found


# --- participants named by their role in the round told before --------------------------------

ROUND_ROLES = [
    (
        "en",
        "Cohere raised $500 million. Nvidia and Salesforce joined as new investors.",
        {"NVIDIA", "Salesforce"},
    ),
    (
        "en",
        "Cohere raised $500 million. Nvidia led, with Salesforce and Oracle following on.",
        {"NVIDIA", "Salesforce", "Oracle"},
    ),
    ("en", "Cohere raised $500 million. Nvidia took a small stake as well.", {"NVIDIA"}),
    (
        "zh",
        "智谱完成10亿元融资。本轮融资的领投方为英伟达，跟投方包括阿里巴巴、腾讯。",
        {"NVIDIA", "Alibaba", "Tencent"},
    ),
    ("zh", "智谱完成10亿元融资。本轮融资由英伟达独家投资。", {"NVIDIA"}),
    ("fr", "Mistral AI a levé 600 millions d'euros. Nvidia est entré au capital.", {"NVIDIA"}),
    (
        "fr",
        "Mistral AI a levé 600 millions d'euros. Nvidia prend une participation minoritaire.",
        {"NVIDIA"},
    ),
]


@pytest.mark.parametrize(("lang", "text", "funders"), ROUND_ROLES)
def test_participants_named_by_their_role_fund_the_round_told_before(
    lang: str, text: str, funders: set[str]
) -> None:
    found = triples(extract_article(article(text, lang)))
    assert {s for s, r, _ in found if r == "FUNDS"} == funders, found


NO_ROUND_ROLE = [
    ("en", "Cohere released a model. Nvidia and Salesforce joined as new customers."),
    ("en", "Cohere raised $500 million. Jane Roe joined as chief technology officer."),
    ("en", "Cohere raised $500 million. Nvidia considered taking a stake."),
    ("en", "Cohere raised $500 million. Nvidia sold its stake."),
    ("zh", "智谱完成10亿元融资。英伟达没有投资。"),
    ("zh", "智谱发布新模型。英伟达投资。"),
    ("fr", "Mistral AI a levé 600 millions d'euros. Nvidia n'est pas entré au capital."),
    ("fr", "Mistral AI a levé 600 millions d'euros. Nvidia envisage de prendre une participation."),
]


@pytest.mark.parametrize(("lang", "text"), NO_ROUND_ROLE)
def test_customers_staff_and_planned_or_sold_stakes_fund_nothing(lang: str, text: str) -> None:
    found = triples(extract_article(article(text, lang)))
    assert not any(r in ("FUNDS", "INVESTS_IN") for _, r, _ in found), found


def test_a_firm_led_round_has_its_lead_and_a_person_led_firm_no_backer() -> None:
    """ "a Nvidia-led round": Nvidia leads it (and is an entity of the result); "Elon Musk-led
    xAI" is run by a person, who funds nothing (the relation pointed at an entity the result
    did not hold)."""
    result = extract_article(
        article("Vega AI raised $50 million in a Nvidia-led funding round.", "en")
    )
    ids = {e.id for e in result.entities}
    funds = [r for r in result.relations if r.relation.value == "FUNDS"]
    assert [r.source for r in funds] == ["company:nvidia"]
    assert all(r.source in ids and r.target in ids for r in result.relations)
    result = extract_article(article("Elon Musk-led xAI raised $6 billion in new funding.", "en"))
    ids = {e.id for e in result.entities}
    assert not [r for r in result.relations if r.relation.value == "FUNDS"]
    assert all(r.source in ids and r.target in ids for r in result.relations)
