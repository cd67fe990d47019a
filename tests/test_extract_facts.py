"""What makes a trigger state no fact: a plan, a modal or a hope right before it (facts.py
`planned`, `modals` and `hedges` in patterns.yaml), but not a hedge in another clause."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples

NOT_DONE = [
    ("en", "Microsoft could buy a stake in Kyutai, sources said.", "INVESTS_IN"),
    ("en", "Samsung hopes to partner with OpenAI on memory chips.", "PARTNERS_WITH"),
    ("en", "Analysts expect Apple to partner with Anthropic next year.", "PARTNERS_WITH"),
    (
        "en",
        "Helsing is also exploring a partnership with Airbus, the people said.",
        "PARTNERS_WITH",
    ),
    ("en", "Meta may acquire Kyutai before the end of the year.", "ACQUIRES"),
    ("en", "Cohere is likely to acquire Aleph Alpha, analysts wrote.", "ACQUIRES"),
    ("fr", "Mistral AI pourrait racheter Kyutai d’ici l’été.", "ACQUIRES"),
    ("zh", "腾讯或将收购月之暗面。", "ACQUIRES"),
]


@pytest.mark.parametrize(("lang", "text", "relation"), NOT_DONE)
def test_a_modal_or_hope_before_the_trigger_states_no_deal(
    lang: str, text: str, relation: str
) -> None:
    result = extract_article(article(text, lang))
    assert relation not in {r for _, r, _ in triples(result)}, triples(result)


DONE = [
    # the hedge belongs to another clause: the deal after the comma happened
    (
        "en",
        "Meta, which lost an attempt to hire Jeanne Roe, instead invested $2 billion in Kyutai.",
        ("Meta", "INVESTS_IN", "Kyutai"),
    ),
    (
        "en",
        "Samsung partnered with OpenAI on memory chips.",
        ("OpenAI", "PARTNERS_WITH", "Samsung"),
    ),
    ("en", "Meta acquired Kyutai, which may now grow faster.", ("Meta", "ACQUIRES", "Kyutai")),
    ("fr", "Mistral AI a racheté Kyutai.", ("Mistral AI", "ACQUIRES", "Kyutai")),
    ("zh", "腾讯收购了月之暗面。", ("Tencent", "ACQUIRES", "Moonshot AI")),
]


@pytest.mark.parametrize(("lang", "text", "fact"), DONE)
def test_a_plain_statement_or_a_hedge_in_another_clause_keeps_the_fact(
    lang: str, text: str, fact: tuple[str, str, str]
) -> None:
    result = extract_article(article(text, lang))
    found = {(s.casefold(), r, o.casefold()) for s, r, o in triples(result)}
    s, r, o = fact
    assert (
        (s.casefold(), r, o.casefold()) in found
        or r not in {"ACQUIRES"}
        and (o.casefold(), r, s.casefold()) in found
    ), triples(result)


FAILED = [
    ("en", "Shareholders rejected Helsing's $9 billion takeover of Kyutai."),
    ("en", "The acquisition of Kyutai by Helsing collapsed in 2022."),
    ("en", "Helsing walked away from its purchase of Kyutai."),
    ("en", "Helsing's $40 billion deal to buy Kyutai was blocked by regulators."),
    ("fr", "Le rachat de Kyutai par Helsing a été bloqué par Bruxelles."),
    ("zh", "腾讯收购月之暗面的交易告吹。"),
]


@pytest.mark.parametrize(("lang", "text"), FAILED)
def test_a_deal_that_failed_in_its_own_clause_states_no_acquisition(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert "ACQUIRES" not in {r for _, r, _ in triples(result)}, triples(result)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Helsing completed its purchase of Kyutai, and a rival bid was rejected."),
        ("en", "Helsing bought Kyutai after an earlier approach by Aleph Alpha collapsed."),
    ],
)
def test_a_failure_in_another_clause_keeps_the_acquisition(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert ("Helsing", "ACQUIRES", "Kyutai") in triples(result), triples(result)


ENDED_LATER = [
    ("微软去年曾与Mistral AI达成合作，但该合作已于今年终止。", "PARTNERS_WITH"),
    ("腾讯与智谱AI达成战略合作，该合作协议已于上月到期。", "PARTNERS_WITH"),
    ("阿里巴巴向月之暗面投资5亿元，但随后出售了全部股份。", "INVESTS_IN"),
    ("百度與輝達達成合作，不過雙方的合作已於今年解除。", "PARTNERS_WITH"),
]


@pytest.mark.parametrize(("text", "rel"), ENDED_LATER)
def test_zh_a_deal_ended_in_a_later_clause_states_no_fact(text: str, rel: str) -> None:
    assert not [t for t in triples(extract_article(article(text, "zh"))) if t[1] == rel]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("百度与英伟达达成合作，但双方未公布金额。", ("Baidu", "PARTNERS_WITH", "NVIDIA")),
        (
            "腾讯向智谱AI投资5亿元，并结束了对百川智能的尽职调查。",
            ("Tencent", "INVESTS_IN", "Zhipu AI"),
        ),
    ],
)
def test_zh_a_later_clause_without_an_ending_keeps_the_deal(text: str, fact: tuple) -> None:
    assert fact in triples(extract_article(article(text, "zh")))
