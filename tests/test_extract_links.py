"""Rivalry and partnerships with lists (kg/extract/links.py), and supply deals
(kg/extract/dependency.py), on our own sentences in zh, en and fr, with hard negatives: ended or
denied partnerships, denied rivalry, staff called collaborators, unnamed rivals, a list that
belongs to another clause."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article

P, C = "PARTNERS_WITH", "COMPETES_WITH"


def found(text: str, lang: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, lang)))


def has(facts: set[tuple[str, str, str]], a: str, rel: str, b: str) -> bool:
    return (a, rel, b) in facts or (b, rel, a) in facts  # symmetric relations


STATED = [
    (
        "en",
        "Cohere has signed large contracts with groups like Oracle and SAP.",
        "Cohere",
        P,
        ["Oracle", "SAP"],
    ),
    (
        "en",
        "Cohere heads a coalition of hardware partners which includes AMD, Oracle and SAP.",
        "Cohere",
        P,
        ["AMD", "Oracle", "SAP"],
    ),
    (
        "fr",
        "Mistral AI a signé des accords avec des groupes comme Orange et Capgemini.",
        "Mistral AI",
        P,
        ["Orange", "Capgemini"],
    ),
    (
        "zh",
        "智谱的合作伙伴包括腾讯、阿里巴巴和百度。",
        "Zhipu AI",
        P,
        ["Tencent", "Alibaba", "Baidu"],
    ),
    (
        "en",
        "Baidu expects the chip to let the group keep competing with rivals, such as Alibaba "
        "and Tencent.",
        "Baidu",
        C,
        ["Alibaba", "Tencent"],
    ),
    (
        "en",
        "Plenty of startups chase Mistral AI, and Kyutai is often seen as its main competition.",
        "Kyutai",
        C,
        ["Mistral AI"],
    ),
    ("en", "The AI race pits Microsoft against Google.", "Microsoft", C, ["Google"]),
    (
        "fr",
        "La start-up Mistral AI est capable de rivaliser avec le ChatGPT d’OpenAI.",
        "Mistral AI",
        C,
        ["OpenAI"],
    ),
    (
        "fr",
        "Kyutai entend faire concurrence à Mistral AI sur les petits modèles.",
        "Kyutai",
        C,
        ["Mistral AI"],
    ),
    ("zh", "百度的竞争对手阿里巴巴推出了新模型。", "Alibaba", C, ["Baidu"]),
    ("zh", "智谱联合腾讯推出新模型。", "Zhipu AI", P, ["Tencent"]),
    (
        "fr",
        "Mistral AI et Capgemini ont signé un accord stratégique.",
        "Mistral AI",
        P,
        ["Capgemini"],
    ),
    (
        "en",
        "Mistral AI and Capgemini signed a multi-year agreement.",
        "Mistral AI",
        P,
        ["Capgemini"],
    ),
    ("en", "Mistral AI has emerged as OpenAI’s main rival in Europe.", "Mistral AI", C, ["OpenAI"]),
]


@pytest.mark.parametrize(("lang", "text", "subject", "rel", "others"), STATED)
def test_the_subject_is_linked_to_each_firm_listed(
    lang: str, text: str, subject: str, rel: str, others: list[str]
) -> None:
    facts = found(text, lang)
    for other in others:
        assert has(facts, subject, rel, other), facts


NOT_STATED = [
    ("en", "Cohere ended its partnership with Oracle last year.", P),
    ("en", "Cohere terminated its agreements with Oracle and SAP.", P),
    ("en", "Cohere denied that it had signed a partnership with Oracle and SAP.", P),
    ("fr", "Mistral AI a mis fin à son partenariat avec Orange.", P),
    ("fr", "Kyutai a été lancée par trois anciens collaborateurs de Google et d’Amazon.", P),
    ("zh", "智谱宣布结束与阿里巴巴的合作。", P),
    # 联合创始人 (co-founder) is no joint launch
    ("zh", "智谱联合创始人张伟在腾讯的活动上推出新模型。", P),
    ("zh", "腾讯和百度相比，不管合作意愿或是出资力度，百度都更强。", P),
    # the list belongs to another clause: "A与B的合作伙伴关系，以及C、D之间的关系"
    ("zh", "英伟达和Cohere的合作伙伴关系，以及三星、甲骨文和xAI之间的关系受到关注。", None),
    ("en", "Cohere denied that it competes with OpenAI.", C),
    ("fr", "Mistral AI ne se voit pas comme une concurrente d’OpenAI.", C),
    ("zh", "百度否认与阿里巴巴竞争。", C),
    # rivals named in general, not a rival named
    ("zh", "批评者认为，这桩并购将削弱高通的竞争对手。", C),
    (
        "fr",
        "La Commission étudie l’impact pour la concurrence de l’investissement de Microsoft "
        "dans Mistral AI.",
        C,
    ),
]


@pytest.mark.parametrize(("lang", "text", "rel"), NOT_STATED)
def test_ended_denied_or_general_wording_states_no_link(
    lang: str, text: str, rel: str | None
) -> None:
    facts = found(text, lang)
    if rel is None:  # no partner of the first clause with a firm of the second
        assert not any(
            t[1] == P
            and {t[0], t[2]} & {"NVIDIA", "Cohere"}
            and {t[0], t[2]} & {"Samsung", "Oracle", "xAI"}
            for t in facts
        ), facts
    else:
        assert not any(t[1] == rel for t in facts), facts


def test_coordinated_subjects_each_partner_the_firm_after_the_trigger() -> None:
    facts = found("Microsoft and Google, both partners of OpenAI, declined to comment.", "en")
    assert has(facts, "Microsoft", P, "OpenAI") and has(facts, "Google", P, "OpenAI")
    assert not has(facts, "Microsoft", P, "Google")
    facts = found("Thales et Capgemini ont noué un partenariat avec Kyutai.", "fr")
    assert has(facts, "Thales", P, "Kyutai") and not has(facts, "Thales", P, "Capgemini")


def test_a_cloud_deal_is_a_dependency_on_the_cloud_firm_not_a_partnership() -> None:
    facts = found(
        "Oracle put money into Cohere and has a GPU contract with the startup as well.", "en"
    )
    assert ("Cohere", "DEPENDS_ON", "Oracle") in facts
    assert not has(facts, "Cohere", P, "Oracle")


def test_rivals_listed_with_no_subject_are_not_rivals_of_each_other() -> None:
    facts = found(
        "The new chip should let it keep competing with groups such as Alibaba and Tencent.", "en"
    )
    assert not has(facts, "Alibaba", C, "Tencent")


def test_a_review_of_an_unnamed_deal_states_no_partnership() -> None:
    facts = found("EU officials halted their inquiry into Qualcomm’s offer for Arm.", "en")
    assert not has(facts, "Qualcomm", P, "Arm")


def test_a_subject_after_while_is_not_governed_by_the_preposition_before_it() -> None:
    text = (
        "Temasek carries the financial risk while Cohere heads a coalition of partners which "
        "includes AMD and Oracle."
    )
    facts = found(text, "en")
    assert has(facts, "Cohere", P, "AMD") and has(facts, "Cohere", P, "Oracle")
    assert not has(facts, "Temasek", P, "AMD")


def test_zh_the_firm_before_with_competes_with_each_one_listed_after_it() -> None:
    facts = found("月之暗面与智谱、百川智能等公司激烈竞争。", "zh")
    assert has(facts, "Moonshot AI", C, "Zhipu AI") and has(facts, "Moonshot AI", C, "Baichuan")
    assert not has(facts, "Zhipu AI", C, "Baichuan")  # listed together, not set against


def test_the_rival_named_in_a_relative_clause_is_the_antecedents() -> None:
    text = (
        "Nvidia invested $50 million in Santa Clara-based chip firm Cerebras, "
        "which competes with AMD."
    )
    facts = found(text, "en")
    assert has(facts, "Cerebras", "COMPETES_WITH", "AMD")
    assert not has(facts, "NVIDIA", "COMPETES_WITH", "AMD")
    assert has(facts, "NVIDIA", "INVESTS_IN", "Cerebras")  # "Santa Clara-based": one modifier
