"""The structure layer (kg/extract/structure.py) as the deal frames read it: coordination lists
with descriptions in front of items, tickers and parentheticals after them, list ends ("and
others", 等), zh lists before their verb, and firms the gazetteer does not know named inside a
list of investors. Our own sentences, zh/en/fr, with hard negatives."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples


def funders(text: str, lang: str) -> set[str]:
    return {a for a, rel, _ in triples(extract_article(article(text, lang))) if rel == "FUNDS"}


def leads(text: str, lang: str) -> set[str]:
    result = extract_article(article(text, lang))
    names = {e.id: e.name for e in result.entities}
    return {
        names[r.source]
        for r in result.relations
        if r.relation.value == "FUNDS" and r.properties.get("lead")
    }


LISTS = [
    (
        "en",
        "Helsing raised $200 million in a Series C led by Accel, alongside US growth investor "
        "Thrive Capital, the sovereign fund Temasek and others.",
        {"Accel", "Thrive Capital", "Temasek"},
    ),
    (
        "fr",
        "Giskard a levé 30 millions d’euros en série B auprès des fonds Partech, Elaia et de "
        "l’incubateur américain Y Combinator.",
        {"Partech", "Elaia", "Y Combinator"},
    ),
    (
        "zh",
        "智谱完成B轮融资，由高瓴、启明创投和IDG资本联合领投，腾讯、阿里巴巴等老股东跟投。",
        {"Hillhouse", "Qiming Venture Partners", "IDG Capital", "Tencent", "Alibaba"},
    ),
    (
        "en",
        "Kyutai closed a $90 million seed round with participation from Nvidia (NVDA.O), "
        "Microsoft (MSFT.O) and a number of family offices.",
        {"NVIDIA", "Microsoft"},
    ),
    (
        "fr",
        "Pour sa série A, Dust a levé 16 millions d’euros auprès d’investisseurs tels que "
        "Sequoia Capital, Index Ventures et d’autres.",
        {"Sequoia Capital", "Index Ventures"},
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), LISTS)
def test_every_item_of_a_list_of_investors_funds_the_round(
    lang: str, text: str, expected: set[str]
) -> None:
    assert funders(text, lang) == expected


def test_zh_leads_are_the_items_before_lead_and_followers_the_items_before_follow() -> None:
    text = "智谱完成B轮融资，由高瓴、启明创投和IDG资本联合领投，腾讯、阿里巴巴等老股东跟投。"
    assert leads(text, "zh") == {"Hillhouse", "Qiming Venture Partners", "IDG Capital"}


def test_zh_the_raiser_before_the_lead_is_not_a_lead() -> None:
    assert leads("智谱获得腾讯领投的B轮融资。", "zh") == {"Tencent"}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a firm the gazetteer does not know, named with a firm's last word inside the list
        (
            "en",
            "Poolside raised $500 million in a Series B led by Accel, with participation from "
            "Quillon Ventures and Marrow Capital.",
            {"Accel", "Quillon Ventures", "Marrow Capital"},
        ),
        (
            "fr",
            "Dust a levé 16 millions d’euros en série A auprès de Partech, Quillon Ventures et "
            "Elaia.",
            {"Partech", "Quillon Ventures", "Elaia"},
        ),
    ],
)
def test_an_unlisted_fund_in_a_list_of_investors_is_one_more_investor(
    lang: str, text: str, expected: set[str]
) -> None:
    assert funders(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a source named after the list is no investor
        (
            "en",
            "Helsing raised $200 million in a Series C led by Accel and Temasek, Reuters reported.",
            {"Accel", "Temasek"},
        ),
        # a place in front of a known investor describes it ("Abu Dhabi investor MGX")
        (
            "en",
            "Poolside raised $500 million in a Series B led by Singapore investor Temasek.",
            {"Temasek"},
        ),
        # a customer named in passing after the list is no investor
        (
            "en",
            "Kyutai closed a $90 million seed round led by Accel; its first customer is "
            "Orbit Capital.",
            {"Accel"},
        ),
        # a list in a new phrase ("with", "selon", "said") ends the list of investors
        (
            "fr",
            "Dust a levé 16 millions d’euros en série A auprès de Partech, selon Sequoia Capital.",
            {"Partech"},
        ),
    ],
)
def test_a_list_ends_where_the_investors_end(lang: str, text: str, expected: set[str]) -> None:
    assert funders(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Accel sold its stake in Helsing to Temasek and Thrive Capital."),
        ("fr", "Partech a cédé sa participation dans Dust à Elaia et Index Ventures."),
        ("zh", "软银清空了对智谱的持股。"),
        ("en", "Helsing denied reports that Accel and Temasek would lead a new round."),
        ("zh", "智谱否认腾讯和阿里巴巴将领投新一轮融资。"),
    ],
)
def test_divestments_and_denials_state_no_investment(lang: str, text: str) -> None:
    rels = {r for _, r, _ in triples(extract_article(article(text, lang)))}
    assert not rels & {"INVESTS_IN", "FUNDS", "RAISED"}, rels


BARE = [
    (
        "en",
        "Orvane raised $90 million in a Series B round. Nvidia joined the round as well, "
        "alongside Harborline, Quillmark, Accel and others.",
        {"NVIDIA", "Harborline", "Quillmark", "Accel"},
    ),
    (
        "fr",
        "La start-up Orvane a levé 90 millions d'euros auprès d'investisseurs tels que "
        "Quillmark, Harborline, Renault et Airbus.",
        {"Quillmark", "Harborline", "Renault", "Airbus"},
    ),
    (
        "en",
        "Orvane raised $90 million in a round led by Fidelity Management & Research, "
        "with participation from Harborline, Accel and Index Ventures.",
        {"Fidelity", "Harborline", "Accel", "Index Ventures"},
    ),
    # zh names nobody listed stay out unless the list's own rule reads them (Latin items)
    ("zh", "智谱完成新一轮融资，由红杉中国领投，Harborline、腾讯跟投。", {"Harborline", "Tencent"}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BARE)
def test_a_bare_name_between_investors_is_one_more_investor(
    lang: str, text: str, expected: set[str]
) -> None:
    assert expected <= funders(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        # the list does not go on to a firm after the bare name: a place, a source, a person
        ("en", "Orvane raised $90 million in a round backed by Accel, Tokyo and Seoul.", "Tokyo"),
        ("en", "Orvane raised $90 million from Accel and Harborline, Reuters reported.", "Reuters"),
        ("fr", "Orvane a levé 90 millions d'euros auprès d'Accel et Harborline.", "Harborline"),
        # a rumour names no round
        (
            "en",
            "Orvane is in talks with investors such as Harborline, Accel and others.",
            "Harborline",
        ),
    ],
)
def test_a_bare_name_that_ends_a_list_is_no_investor(lang: str, text: str, absent: str) -> None:
    assert absent not in funders(text, lang)


def investors(text: str, lang: str) -> set[tuple[str, str]]:
    return {
        (a, b) for a, rel, b in triples(extract_article(article(text, lang))) if rel == "INVESTS_IN"
    }


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Mistral AI opened an office in Munich. Mistral AI hires. "
            "Its investor lineup includes General Catalyst and Lightspeed Venture Partners.",
            {("General Catalyst", "Mistral AI"), ("Lightspeed Venture Partners", "Mistral AI")},
        ),
        (
            "fr",
            "Mistral AI ouvre un bureau à Munich. Mistral AI recrute. "
            "Parmi ses investisseurs figurent General Catalyst et Lightspeed Venture Partners.",
            {("General Catalyst", "Mistral AI"), ("Lightspeed Venture Partners", "Mistral AI")},
        ),
        (
            "zh",
            "智谱发布了新模型。智谱还在招聘。腾讯作为现有股东表示支持。",
            {("Tencent", "Zhipu AI")},
        ),
    ],
)
def test_investors_named_without_a_round_back_the_articles_company(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= investors(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a round we could not tie to its raiser is not the article's other company's round
        (
            "en",
            "Microsoft opened an office. Microsoft hires. A young startup closed a seed round; "
            "investors in the round included Accel and Index Ventures.",
        ),
        (
            "zh",
            "微软发布了新产品。微软还在招聘。一家新创公司完成A轮融资，投资方包括红杉中国和腾讯。",
        ),
        # two companies named as often: no topic to give the investors to
        (
            "fr",
            "Mistral AI et Helsing ouvrent des bureaux. Mistral AI et Helsing recrutent. "
            "Parmi leurs investisseurs figurent General Catalyst et Accel.",
        ),
    ],
)
def test_no_topic_company_no_investee(lang: str, text: str) -> None:
    assert investors(text, lang) == set()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Kyutai raised $1 billion. Temasek puts in $600 million and is joined by chip "
            "maker AMD and venture firms including Accel, Index Ventures and General Catalyst.",
            {"AMD", "Accel", "Index Ventures", "General Catalyst"},
        ),
        (
            "fr",
            "Mistral AI a levé 600 millions d'euros auprès de Microsoft et de fonds comme Accel, "
            "Index Ventures et Lightspeed Venture Partners.",
            {"Microsoft", "Accel", "Index Ventures", "Lightspeed Venture Partners"},
        ),
    ],
)
def test_a_nested_list_of_investment_firms_goes_on_the_list(
    lang: str, text: str, expected: set[str]
) -> None:
    assert expected <= funders(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # customers named in passing after the investors are no investors
        (
            "fr",
            "Mistral AI a levé 600 millions d'euros auprès d'Accel "
            "et de clients comme BNP Paribas.",
        ),
        ("en", "Mistral AI raised $600 million from Accel and customers such as BNP Paribas."),
        ("zh", "智谱完成新一轮融资，由红杉中国领投，客户包括腾讯和百度。"),
    ],
)
def test_customers_after_the_investors_are_no_investors(lang: str, text: str) -> None:
    assert not {"BNP Paribas", "Tencent", "Baidu"} & funders(text, lang)
