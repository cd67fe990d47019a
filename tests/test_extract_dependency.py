"""Dependency frames of kg/extract/dependency.py on our own sentences, zh/en/fr, with hard
negatives (negated supply, people rather than resources, a customer list named in passing)."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article

DEP = "DEPENDS_ON"

STATED = [
    (
        "en",
        "Intel and Samsung agreed last week to supply chips for Cohere's new campus.",
        [("Cohere", DEP, "Intel"), ("Cohere", DEP, "Samsung")],
    ),
    (
        "en",
        "Oracle backed Cohere and said it would become Cohere’s main cloud provider.",
        [("Cohere", DEP, "Oracle")],
    ),
    ("en", "Nvidia's chips power xAI's models in Memphis.", [("xAI", DEP, "NVIDIA")]),
    ("zh", "英伟达是现有投资者，且其芯片驱动OpenAI模型的发展。", [("OpenAI", DEP, "NVIDIA")]),
    ("fr", "Mistral AI dépend des GPU de NVIDIA.", [("Mistral AI", DEP, "NVIDIA")]),
    ("fr", "NVIDIA fournit des puces à Mistral AI depuis 2023.", [("Mistral AI", DEP, "NVIDIA")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STATED)
def test_a_supply_is_a_dependency_of_the_user(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert set(expected) <= facts, facts


NOT_STATED = [
    ("en", "Nvidia's chips no longer power xAI's models."),
    ("en", "Samsung does not supply chips for Cohere's new campus."),
    ("en", "Cohere's engineers power the product used by Oracle."),
    ("zh", "英伟达的芯片不再驱动OpenAI的模型。"),
    ("fr", "Mistral AI ne dépend pas des GPU de NVIDIA."),
    ("fr", "NVIDIA ne fournit plus de puces à Mistral AI."),
    # a past supply
    ("zh", "腾讯的推理业务曾主要使用英伟达芯片。"),
    ("en", "Cohere used to rely on Nvidia chips."),
    # customers named in passing are not a dependency stated by the sentence
    ("en", "Cohere sells to banks; its customers include Oracle and SAP."),
    # a plan or a hope is no dependency yet
    ("zh", "百川智能计划采用华为昇腾芯片训练新模型。"),
    ("zh", "月之暗面希望借助阿里云的算力扩展业务。"),
    ("zh", "MiniMax打算使用微软Azure部署模型。"),
    ("zh", "智譜AI擬採用華為昇騰晶片訓練下一代模型。"),
    ("en", "Cohere plans to use Oracle Cloud for training."),
    ("en", "Kyutai could use Google Cloud next year."),
]


def test_a_plan_next_to_a_current_dependency_keeps_the_current_one() -> None:
    text = "智谱AI依托阿里云训练模型，并计划采用华为昇腾芯片。"
    facts = triples(extract_article(article(text, "zh")))
    assert ("Zhipu AI", DEP, "Alibaba") in facts, facts
    assert ("Zhipu AI", DEP, "Huawei") not in facts, facts


@pytest.mark.parametrize(("lang", "text"), NOT_STATED)
def test_negated_or_passing_wording_states_no_dependency(lang: str, text: str) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert not any(t[1] == DEP for t in facts), facts


@pytest.mark.parametrize(
    ("lang", "text", "kind", "what"),
    [
        # the user's own cloud is not what the chipmaker supplies
        ("fr", "Mistral AI s’appuie sur NVIDIA pour son propre cloud.", "chips", "NVIDIA"),
        ("en", "Kyutai relies on Nvidia for its own cloud.", "chips", "Nvidia"),
        # what the user does with the supply is not the supply
        ("fr", "Kyutai dépend des GPU de NVIDIA pour entraîner ses modèles.", "gpu", "GPU"),
        ("en", "Kyutai relies on Microsoft Azure to serve its models.", "cloud", "Microsoft Azure"),
        # what the provider makes for the user is the supply
        ("en", "Nvidia relies on TSMC to manufacture its GPUs.", "gpu", "GPUs"),
    ],
)
def test_the_users_own_things_do_not_name_the_supply(
    lang: str, text: str, kind: str, what: str
) -> None:
    result = extract_article(article(text, lang))
    deps = [r for r in result.relations if r.relation.value == "DEPENDS_ON"]
    assert len(deps) == 1, triples(result)
    assert (deps[0].properties["dependency"], deps[0].properties["what"]) == (kind, what)


def test_a_later_sentence_naming_the_resource_says_what_the_dependency_is() -> None:
    text = (
        "Mistral AI s’appuie sur NVIDIA pour son propre cloud. "
        "Mistral AI dépend des GPU de NVIDIA pour entraîner ses modèles."
    )
    result = extract_article(article(text, "fr"))
    deps = [r for r in result.relations if r.relation.value == "DEPENDS_ON"]
    assert [(d.properties["dependency"], d.properties["what"]) for d in deps] == [("gpu", "GPU")]


def test_zh_a_model_built_on_a_chip_depends_on_its_maker() -> None:
    facts = triples(extract_article(article("DeepSeek的模型基于英伟达的H800芯片训练。", "zh")))
    assert ("DeepSeek", "DEPENDS_ON", "NVIDIA") in facts


def test_zh_a_firm_in_the_next_clause_is_no_provider() -> None:
    text = "智谱推出了基于自研模型的智能体，并与腾讯展开合作。"
    facts = triples(extract_article(article(text, "zh")))
    assert ("Zhipu AI", "DEPENDS_ON", "Tencent") not in facts


@pytest.mark.parametrize(
    ("text", "deps"),
    [
        # the object pronoun of "supply" is the firm named before
        (
            "Nvidia said it would invest $5 billion in Kyutai and supply it with chips.",
            {("Kyutai", "NVIDIA")},
        ),
        # a facility a firm runs for its users: each user depends on the operator
        (
            "Helsing has a data center it operates for Kyutai and Mistral AI.",
            {("Kyutai", "Helsing"), ("Mistral AI", "Helsing")},
        ),
        # a major customer depends on its seller
        (
            "Oracle named Kyutai as the anchor customer of its Lyon campus.",
            {("Kyutai", "Oracle")},
        ),
        ("Nvidia counts Helsing as its largest customer.", {("Helsing", "NVIDIA")}),
    ],
)
def test_supplies_told_by_structure(text: str, deps: set[tuple[str, str]]) -> None:
    result = extract_article(article(text, "en"))
    found = {(s, o) for s, r, o in triples(result) if r == "DEPENDS_ON"}
    assert found == deps, triples(result)


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia said Kyutai is one customer among many.",  # a customer named in passing
        "Helsing operates for the benefit of Kyutai shareholders.",  # no facility
        "Nvidia invested in Kyutai and praised it.",  # no supply verb
    ],
)
def test_passing_customers_and_other_verbs_state_no_supply(text: str) -> None:
    result = extract_article(article(text, "en"))
    assert not [r for r in result.relations if r.relation.value == "DEPENDS_ON"], triples(result)


# a dependency (or a hire) that is only planned, negotiated, abandoned or stopped is no fact
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Cohere has ended talks to rent Nvidia chips from Oracle."),
        ("en", "Cohere is in talks to use Google Cloud for training."),
        ("en", "Cohere walked away from a deal to use Google Cloud."),
        ("en", "Cohere stopped using Google Cloud last year."),
        ("en", "Jane Roe is in talks to join Cohere."),
        ("fr", "Cohere envisage d’utiliser Google Cloud pour entraîner ses modèles."),
    ],
)
def test_planned_or_ended_dependencies_and_hires_are_no_fact(lang: str, text: str) -> None:
    facts = triples(extract_article(article(text, lang)))
    assert not {f for f in facts if f[1] in (DEP, "WORKS_AT")}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Cohere uses Google Cloud for training.", ("Cohere", DEP, "Google")),
        ("Cohere trains its models on Nvidia chips.", ("Cohere", DEP, "NVIDIA")),
        ("Jane Roe joined Cohere in March.", ("Jane Roe", "WORKS_AT", "Cohere")),
    ],
)
def test_stated_dependencies_and_hires_still_count(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(extract_article(article(text, "en")))


# "A uses B and trains on C": the second verb's subject is A, not B (the first verb's provider)
@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "Anthropic uses Amazon Web Services as its cloud and trains its models on Nvidia "
            "chips.",
            {("Anthropic", DEP, "Amazon Web Services"), ("Anthropic", DEP, "NVIDIA")},
        ),
        (
            "Cohere uses Oracle and also trains its models on Nvidia chips.",
            {("Cohere", DEP, "Oracle"), ("Cohere", DEP, "NVIDIA")},
        ),
    ],
)
def test_a_coordinated_verb_keeps_the_first_subject(
    text: str, facts: set[tuple[str, str, str]]
) -> None:
    got = {f for f in triples(extract_article(article(text, "en"))) if f[1] == DEP}
    assert got == facts


# --- the money of a round just told buys a provider's goods: the raiser depends on it ---------

ROUND_MONEY = [
    ("en", "Cohere raised $500 million. The money will be used to buy Nvidia GPUs.", "Cohere"),
    (
        "en",
        "Cohere raised $500 million. The funds will go toward buying chips from Nvidia.",
        "Cohere",
    ),
    (
        "fr",
        "Mistral AI a levé 600 millions d'euros. Les fonds serviront à acheter des GPU de Nvidia.",
        "Mistral AI",
    ),
    ("zh", "智谱完成10亿元融资。这笔资金将用于购买英伟达的GPU。", "Zhipu AI"),
    ("zh", "智谱完成10亿元融资。所筹资金将用于采购英伟达芯片。", "Zhipu AI"),
    # a known firm's name and its goods ("Nvidia GPUs") name no new firm to buy
    ("en", "Cohere buys Nvidia GPUs.", "Cohere"),
]


@pytest.mark.parametrize(("lang", "text", "user"), ROUND_MONEY)
def test_the_money_of_a_round_buying_chips_makes_the_raiser_depend(
    lang: str, text: str, user: str
) -> None:
    found = triples(extract_article(article(text, lang)))
    assert (user, "DEPENDS_ON", "NVIDIA") in found, found
    assert not any(r == "ACQUIRES" for _, r, _ in found), found


NO_ROUND_MONEY = [
    ("en", "Cohere raised $500 million. The money will not be used to buy Nvidia GPUs."),
    ("en", "Cohere released a model. The money will be used to buy Nvidia GPUs."),
    ("en", "Cohere raised $500 million. The company used to buy Nvidia GPUs."),
    ("zh", "智谱完成10亿元融资。这笔资金不会用于购买英伟达的GPU。"),
    # the money's source is an investor, not a supplier
    ("fr", "Mistral AI a levé 600 millions d'euros. Les fonds proviennent de Nvidia."),
]


@pytest.mark.parametrize(("lang", "text"), NO_ROUND_MONEY)
def test_money_not_spent_or_with_no_round_depends_on_nothing(lang: str, text: str) -> None:
    found = triples(extract_article(article(text, lang)))
    assert not any(r == "DEPENDS_ON" for _, r, _ in found), found
