"""English phrasings of each relation family beyond the first constructions
(test_extract_constructions_en.py): rivalry verbs, partnership nouns, chips made for a
customer, money brought in, titles held through a relative clause, a partner at a fund, a
seat on a board, a successor. Our own sentences with household names; each group has hard
negatives (plans, refusals, former roles, launches of a product)."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples

ROLE = {"LEADS", "FOUNDED", "WORKS_AT", "BOARD_MEMBER_OF"}


def _facts(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, "en")))


def _pairs(text: str, relation: str) -> set[frozenset[str]]:
    return {frozenset((s, t)) for s, r, t in _facts(text) if r == relation}


def _roles(text: str) -> set[tuple[str, str]]:
    return {(s, t) for s, r, t in _facts(text) if r in ROLE}


@pytest.mark.parametrize(
    "text",
    [
        "AMD battles Nvidia for the data-centre market.",
        "AMD is challenging Nvidia in accelerators.",
        "AMD and Nvidia are locked in a race for customers.",
        "The rivalry between AMD and Nvidia is heating up.",
        "AMD is racing against Nvidia to ship faster parts.",
        "AMD hopes to catch up with Nvidia next year.",
        "AMD is gaining ground on Nvidia in servers.",
        "AMD is trying to keep pace with Nvidia.",
    ],
)
def test_rivalry_verbs(text: str) -> None:
    assert _pairs(text, "COMPETES_WITH") == {frozenset({"AMD", "NVIDIA"})}


@pytest.mark.parametrize(
    "text",
    [
        "AMD is locked in a legal battle over patents, the company said.",
        "AMD challenged the ruling in court.",
        "AMD buys testing equipment and praised Nvidia for its openness.",
    ],
)
def test_rivalry_hard_negatives(text: str) -> None:
    assert _pairs(text, "COMPETES_WITH") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft is teaming up with Mistral AI on sovereign cloud offerings.",
        "The deal between Microsoft and Mistral AI covers distribution in Europe.",
        "Microsoft signed a licensing deal with Mistral AI.",
        "Microsoft and Mistral AI set up a joint venture in Paris.",
    ],
)
def test_partnership_nouns(text: str) -> None:
    assert _pairs(text, "PARTNERS_WITH") == {frozenset({"Microsoft", "Mistral AI"})}


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft may be teaming up with Mistral AI, people familiar said.",
        "Microsoft declined to sign a licensing deal with Mistral AI.",
    ],
)
def test_partnership_hard_negatives(text: str) -> None:
    assert _pairs(text, "PARTNERS_WITH") == set()


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("TSMC manufactures chips for Apple.", ("Apple", "DEPENDS_ON", "TSMC")),
        ("Samsung fabricates processors for Google.", ("Google", "DEPENDS_ON", "Samsung")),
        (
            "OpenAI will spend $10 billion on Oracle cloud capacity.",
            ("OpenAI", "DEPENDS_ON", "Oracle"),
        ),
        (
            "OpenAI will deploy AMD accelerators in its data centres.",
            ("OpenAI", "DEPENDS_ON", "AMD"),
        ),
    ],
)
def test_supply_verbs(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text)


def test_a_maker_of_its_own_chips_depends_on_no_one() -> None:
    deps = {
        f
        for f in _facts("Apple manufactures its own chips, Tim Cook said.")
        if f[1] == "DEPENDS_ON"
    }
    assert deps == set()


@pytest.mark.parametrize(
    "text",
    [
        "Cohere brought in $500 million in its latest round.",
        "Cohere has received $500 million in funding.",
        "Cohere got $500 million in fresh capital last week.",
        "Cohere has raised $500 million in a funding round that values it at $5.5 billion.",
    ],
)
def test_money_brought_in_is_a_raise(text: str) -> None:
    assert any(s == "Cohere" and r == "RAISED" for s, r, _ in _facts(text))


@pytest.mark.parametrize(
    "text",
    [
        "Cohere hopes to raise $500 million in a new round.",
        "Cohere got a new office in Toronto, where funding is easier.",
    ],
)
def test_raise_hard_negatives(text: str) -> None:
    assert not any(r == "RAISED" for _, r, _ in _facts(text))


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia declined to invest in Cohere.",
        "Nvidia passed on investing in Cohere.",
        "Nvidia turned down a chance to invest in Cohere.",
        "Salesforce considered buying Informatica in 2023.",
    ],
)
def test_refusals_and_considered_deals_state_nothing(text: str) -> None:
    assert not {r for _, r, _ in _facts(text)} & {"INVESTS_IN", "ACQUIRES", "FUNDS"}


def test_declining_to_comment_keeps_the_investment() -> None:
    text = "Nvidia declined to comment on its investment in Cohere."
    assert ("NVIDIA", "INVESTS_IN", "Cohere") in _facts(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Lisa Su, who has run AMD since 2014, spoke on Tuesday.", ("Lisa Su", "AMD")),
        ("Lisa Su has been AMD's chief executive since 2014.", ("Lisa Su", "AMD")),
        (
            "Kevin Scott, who serves as Microsoft's CTO, spoke on Tuesday.",
            ("Kevin Scott", "Microsoft"),
        ),
        ("Aidan Gomez started Cohere in 2019 after leaving Google.", ("Aidan Gomez", "Cohere")),
        ("Aidan Gomez, one of Cohere's co-founders, spoke on Tuesday.", ("Aidan Gomez", "Cohere")),
        ("Sarah Guo, a partner at Greylock, spoke on Tuesday.", ("Sarah Guo", "Greylock")),
        ("Alfred Lin will take a seat on Cohere's board.", ("Alfred Lin", "Cohere")),
        (
            "Ali Ghodsi will replace Satya Nadella as chief executive of Databricks.",
            ("Ali Ghodsi", "Databricks"),
        ),
        (
            "Ali Ghodsi, who took the helm at Databricks in 2016, spoke.",
            ("Ali Ghodsi", "Databricks"),
        ),
        ("Kevin Scott, a Microsoft researcher, spoke on Tuesday.", ("Kevin Scott", "Microsoft")),
    ],
)
def test_roles_through_clauses(text: str, pair: tuple[str, str]) -> None:
    assert pair in _roles(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Lisa Su, who previously ran AMD, spoke on Tuesday.", ("Lisa Su", "AMD")),
        ("Sam Altman launched OpenAI's new model on Tuesday.", ("Sam Altman", "OpenAI")),
        ("Aidan Gomez started at Google in 2017.", ("Aidan Gomez", "Google")),
        (
            "Kevin Scott, a former Microsoft researcher, spoke on Tuesday.",
            ("Kevin Scott", "Microsoft"),
        ),
        ("Kevin Scott left Microsoft to start a company.", ("Kevin Scott", "Microsoft")),
        (
            "Ali Ghodsi will replace Satya Nadella as chief executive of Databricks.",
            ("Satya Nadella", "Databricks"),
        ),
    ],
)
def test_role_hard_negatives(text: str, pair: tuple[str, str]) -> None:
    assert pair not in _roles(text)


def test_a_firm_inside_a_description_between_commas_is_not_the_subject() -> None:
    facts = _facts("CoreWeave, the Nvidia-backed cloud provider, signed a contract with OpenAI.")
    assert ("NVIDIA", "INVESTS_IN", "CoreWeave") in facts
    assert not {f for f in facts if "OpenAI" in (f[0], f[2]) and "NVIDIA" in (f[0], f[2])}


def test_a_backed_firm_is_the_one_named_right_after() -> None:
    facts = _facts("SoftBank-backed chip designer Ampere Computing hired staff.")
    assert ("SoftBank", "INVESTS_IN", "Ampere Computing") in facts


@pytest.mark.parametrize(
    "text",
    [
        "Google, another Anthropic backer, has invested about $2 billion.",
        "The round was led by Google, an existing Anthropic investor.",
        "Google is an Anthropic shareholder.",
    ],
)
def test_a_backer_named_by_the_firm_it_backs(text: str) -> None:
    assert ("Google", "INVESTS_IN", "Anthropic") in _facts(text)


def test_a_customer_or_a_person_is_no_backer() -> None:
    assert not {
        f
        for f in _facts("Anthropic is a Google customer, not a Google investor.")
        if f[1] == "INVESTS_IN"
    }
    assert (
        _facts("Jane Roe, a Sequoia investor, spoke.")
        & {("Jane Roe", "INVESTS_IN", "Sequoia Capital")}
        == set()
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Anthropic is one of Google Cloud's biggest customers.",
            ("Anthropic", "DEPENDS_ON", "Google"),
        ),
        (
            "Microsoft remains CoreWeave's largest customer.",
            ("Microsoft", "DEPENDS_ON", "CoreWeave"),
        ),
        (
            "CoreWeave's biggest customer, until this year, was Microsoft.",
            ("Microsoft", "DEPENDS_ON", "CoreWeave"),
        ),
        ("Anthropic is a major customer of Google Cloud.", ("Anthropic", "DEPENDS_ON", "Google")),
        ("Nvidia counts OpenAI among its biggest customers.", ("OpenAI", "DEPENDS_ON", "NVIDIA")),
    ],
)
def test_a_major_customer_depends_on_its_seller(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia sells chips to many customers, including OpenAI.",
        "SoftBank said it would buy Ampere Computing, a chip designer, for $6.5 billion.",
        "OpenAI, a customer of many firms, met Nvidia.",
    ],
)
def test_customers_in_passing_and_firms_bought_state_no_dependency(text: str) -> None:
    assert not {f for f in _facts(text) if f[1] == "DEPENDS_ON"}


@pytest.mark.parametrize(
    "text",
    [
        "Groq raised $750 million in a round led by Disruptive. BlackRock and Cisco also joined.",
        "Groq raised $750 million. BlackRock and Cisco also invested, according to sources.",
    ],
)
def test_participants_closing_their_clause(text: str) -> None:
    funders = {s for s, r, _ in _facts(text) if r == "FUNDS"}
    assert {"BlackRock", "Cisco"} <= funders


def test_a_person_who_joined_funds_nothing() -> None:
    facts = _facts("Groq raised $750 million. Jonathan Ross joined.")
    assert not {f for f in facts if f[1] == "FUNDS"}


@pytest.mark.parametrize(
    ("text", "investors"),
    [
        ("Nvidia invested in Cohere alongside Salesforce.", {"NVIDIA", "Salesforce"}),
        (
            "Nvidia invested $50 million in Cohere alongside Salesforce and Oracle.",
            {"NVIDIA", "Salesforce", "Oracle"},
        ),
        ("Nvidia invested in Cohere. It released a model alongside Salesforce.", {"NVIDIA"}),
    ],
)
def test_co_investors_named_alongside(text: str, investors: set[str]) -> None:
    assert {s for s, r, t in _facts(text) if r == "INVESTS_IN" and t == "Cohere"} == investors


def test_memory_supplied_is_a_dependency() -> None:
    text = "Samsung supplies high-bandwidth memory to Nvidia, SK Hynix said."
    assert ("NVIDIA", "DEPENDS_ON", "Samsung") in _facts(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Microsoft has named Jay Parikh, a former Meta executive, to lead a new group.",
            ("Jay Parikh", "Microsoft"),
        ),
        (
            "Intel said Lip-Bu Tan, a former board member, would become its chief executive.",
            ("Lip-Bu Tan", "Intel"),
        ),
        (
            "Perplexity was founded in 2022 by Aravind Srinivas, a former OpenAI researcher, "
            "and Denis Yarats.",
            ("Denis Yarats", "Perplexity"),
        ),
    ],
)
def test_roles_named_past_an_apposition(text: str, pair: tuple[str, str]) -> None:
    assert pair in _roles(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Intel said Lip-Bu Tan would not become its chief executive.", ("Lip-Bu Tan", "Intel")),
        ("Intel hired Lip-Bu Tan to advise on the deal.", ("Lip-Bu Tan", "Intel")),
        (
            "Perplexity was founded by Aravind Srinivas, a former OpenAI researcher, and the "
            "company now employs Denis Yarats.",
            ("Denis Yarats", "Perplexity"),
        ),
    ],
)
def test_roles_past_an_apposition_hard_negatives(text: str, pair: tuple[str, str]) -> None:
    facts = {(s, t) for s, r, t in _facts(text) if r in ("LEADS", "FOUNDED")}
    assert pair not in facts


@pytest.mark.parametrize(
    "text",
    [
        "Mistral AI, a Microsoft partner, released a model.",
        "Mistral AI is one of Microsoft's partners.",
    ],
)
def test_whose_partner_the_noun_says(text: str) -> None:
    assert _pairs(text, "PARTNERS_WITH") == {frozenset({"Microsoft", "Mistral AI"})}


def test_a_partner_noun_naming_no_one_pairs_no_one() -> None:
    assert _pairs("Mistral AI hired a Microsoft partner, Jane Roe.", "PARTNERS_WITH") == set()


@pytest.mark.parametrize(
    ("text", "investors"),
    [
        (
            "Cohere is backed by Lightspeed and General Catalyst, as well as Nvidia and Oracle.",
            {"Lightspeed Venture Partners", "General Catalyst", "NVIDIA", "Oracle"},
        ),
        (
            "Cohere is backed by Lightspeed and General Catalyst. Nvidia and Oracle sell it chips.",
            {"Lightspeed Venture Partners", "General Catalyst"},
        ),
    ],
)
def test_a_list_goes_on_after_as_well_as(text: str, investors: set[str]) -> None:
    assert {s for s, r, t in _facts(text) if r == "INVESTS_IN" and t == "Cohere"} == investors


def test_participants_stating_their_sum_before_the_next_clause() -> None:
    text = (
        "Groq raised $750 million. Founders Fund invested $100 million, and Khosla Ventures "
        "put in a further $50 million."
    )
    assert {s for s, r, _ in _facts(text) if r == "FUNDS"} == {"Founders Fund", "Khosla Ventures"}


def test_a_sum_invested_with_no_round_told_funds_nothing() -> None:
    assert not {f for f in _facts("Meta invested $100 million last year.") if f[1] == "FUNDS"}


def test_valued_after_the_round_names_the_raiser() -> None:
    text = (
        "Anthropic is valued at $183 billion after the round, which was co-led by Iconiq and "
        "Fidelity."
    )
    facts = _facts(text)
    assert any(s == "Anthropic" and r == "RAISED" for s, r, _ in facts)
    assert {s for s, r, _ in facts if r == "FUNDS"} == {"ICONIQ", "Fidelity"}


def test_hiring_a_firms_chief_executive_is_an_acqui_hire() -> None:
    text = "Google hired Windsurf's chief executive and licensed its technology."
    assert ("Google", "ACQUIRES", "Windsurf") in _facts(text)


def test_named_past_an_apposition_as_a_title() -> None:
    text = "Meta named Shengjia Zhao, a co-creator of ChatGPT, as chief scientist of its new lab."
    assert ("Shengjia Zhao", "Meta") in _roles(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Under Lisa Su, AMD has become a rival to Nvidia.", ("Lisa Su", "AMD")),
        (
            "Kevin Scott, who oversees AI at Microsoft, spoke on Tuesday.",
            ("Kevin Scott", "Microsoft"),
        ),
        ("Kevin Scott, who works for Microsoft, spoke on Tuesday.", ("Kevin Scott", "Microsoft")),
    ],
)
def test_under_a_leader_and_who_works_at(text: str, pair: tuple[str, str]) -> None:
    assert pair in _roles(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Under pressure from Lisa Su, AMD grew.", ("Lisa Su", "AMD")),
        ("Kevin Scott, who worked at Microsoft, spoke on Tuesday.", ("Kevin Scott", "Microsoft")),
        ("After CEO Lisa Su spoke, AMD shares rose.", ("Lisa Su", "After")),
    ],
)
def test_under_and_who_at_hard_negatives(text: str, pair: tuple[str, str]) -> None:
    assert pair not in _roles(text)


def test_in_which_it_invested_is_not_the_last_firm_investing() -> None:
    text = (
        "Microsoft said it would build data centres. The company's partnership with OpenAI, in "
        "which it has invested $13 billion, gives it access to models."
    )
    assert ("OpenAI", "INVESTS_IN", "Microsoft") not in _facts(text)
    assert ("NVIDIA", "INVESTS_IN", "Cohere") in _facts(
        "Cohere, in which Nvidia has invested, grew."
    )
