"""Reviews of a deal stated in an earlier sentence (kg/extract/pairs.py): "the deal", "这项合作",
"l'opération", "a similar review" point back to the last deal stated, and a place's plain
"regulators" ("EU regulators", "欧盟监管机构") are its competition authority. Our own sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples

BACK_REFERENCES = [
    (
        "zh",
        "谷歌宣布向Kyutai投资两亿欧元。这笔资金将用于研发。这项合作已引起欧盟监管机构的关注，"
        "目前正在接受审查。",
        ("Google", "Kyutai"),
    ),
    (
        "en",
        "Amazon agreed to invest $300 million in Helsing. The money goes to research. "
        "EU regulators are now examining the deal.",
        ("Amazon", "Helsing"),
    ),
    (
        "fr",
        "Nvidia a investi 50 millions d’euros dans Poolside. Les fonds serviront à recruter. "
        "L’opération est désormais examinée par les régulateurs européens.",
        ("NVIDIA", "Poolside"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "parties"), BACK_REFERENCES)
def test_a_review_of_the_deal_stated_before_reviews_that_deal(
    lang: str, text: str, parties: tuple[str, str]
) -> None:
    result = extract_article(article(text, lang))
    deals = {e.id: e for e in result.entities if e.kind.value == "Deal"}
    reviewed = [r for r in result.relations if r.relation.value == "REVIEWS"]
    assert [r.source for r in reviewed] == ["regulator:european-commission"]
    names = {e.id: e.name for e in result.entities}
    party_names = {names[p["id"]] for p in deals[reviewed[0].target].properties["parties"]}
    assert party_names == set(parties)


def test_a_similar_review_by_another_regulator_reviews_the_same_deal() -> None:
    text = (
        "Microsoft invested $100 million in Aleph Alpha. The European Commission said it is "
        "examining the investment. Britain’s competition regulator opened a similar review."
    )
    result = extract_article(article(text, "en"))
    reviewers = {r.source for r in result.relations if r.relation.value == "REVIEWS"}
    assert reviewers == {
        "regulator:european-commission",
        "regulator:competition-and-markets-authority",
    }


NO_DEAL_BEFORE = [
    # the earlier sentences name firms but state no deal: nothing to point back to
    ("zh", "谷歌和Kyutai都在巴黎设有办公室。这项合作引起欧盟监管机构的审查。"),
    ("en", "Amazon and Helsing both hire in Munich. EU regulators are examining the deal."),
    # a deal stated long before is not "the deal" of a later review
    (
        "en",
        "Amazon invested $300 million in Helsing. It hires. It builds. It ships. It sells. "
        "EU regulators are examining the deal.",
    ),
    # a divestment is no deal to review
    ("fr", "Nvidia a cédé sa participation dans Poolside. L’opération est examinée par Bruxelles."),
]


@pytest.mark.parametrize(("lang", "text"), NO_DEAL_BEFORE)
def test_no_deal_stated_before_means_no_review_of_one(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert not [r for r in result.relations if r.relation.value == "REVIEWS"], triples(result)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "EU regulators met Amazon executives on Monday."),
        ("zh", "欧盟监管机构的官员周一会见了亚马逊高管。"),
        ("fr", "Les régulateurs européens ont rencontré des dirigeants d’Amazon lundi."),
    ],
)
def test_regulators_named_without_a_review_word_review_nothing(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert not [r for r in result.relations if r.relation.value == "REVIEWS"]


@pytest.mark.parametrize(
    ("lang", "text", "company"),
    [
        (
            "fr",
            "Lundi, l’Autorité de la concurrence a infligé une amende de 3 millions d’euros à "
            "Kyutai.",
            "Kyutai",
        ),
        ("en", "The FTC fined Amazon $25 million over its Alexa recordings.", "Amazon"),
        ("zh", "国家市场监督管理总局对阿里巴巴处以罚款。", "Alibaba"),
        (
            "fr",
            "L’Autorité de la concurrence a perquisitionné mardi les bureaux parisiens de Nvidia.",
            "NVIDIA",
        ),
    ],
)
def test_a_fine_or_a_raid_by_a_regulator_reviews_the_company(
    lang: str, text: str, company: str
) -> None:
    result = extract_article(article(text, lang))
    names = {e.id: e.name for e in result.entities}
    reviewed = {names[r.target] for r in result.relations if r.relation.value == "REVIEWS"}
    assert reviewed == {company}


def test_a_review_of_a_partnership_also_reviews_the_investment_the_sentence_states() -> None:
    text = (
        "La Commission européenne examinera le partenariat entre Microsoft et Kyutai, après "
        "avoir étudié l’investissement du groupe Amazon dans Helsing."
    )
    result = extract_article(article(text, "fr"))
    names = {e.id: e.name for e in result.entities}
    reviewed = {names[r.target] for r in result.relations if r.relation.value == "REVIEWS"}
    assert reviewed == {"Amazon–Helsing investment", "Microsoft–Kyutai partnership"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a fine paid by a company to a partner is no review: no regulator
        ("en", "Amazon paid Helsing a $2 million penalty under their contract."),
        # a regulator named, but the raid was by the police on someone else
        ("fr", "La CNIL a publié un guide ; la police a perquisitionné un entrepôt."),
    ],
)
def test_sanctions_without_a_regulator_and_company_review_nothing(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    assert not [r for r in result.relations if r.relation.value == "REVIEWS"], triples(result)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "« Ce dossier sera étudié en détail », a précisé à Reuters la Commission européenne.",
        ),
        ("en", "“We will examine it,” the European Commission told Reuters on Monday."),
    ],
)
def test_the_outlet_a_regulator_speaks_to_is_not_reviewed(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    names = {e.id: e.name for e in result.entities}
    reviewed = {names[r.target] for r in result.relations if r.relation.value == "REVIEWS"}
    assert "Reuters" not in reviewed


def test_ce_partenariat_points_back_to_the_partnership_stated_before() -> None:
    text = (
        "Microsoft a noué un partenariat avec Kyutai. « Ce partenariat sera examiné de près », "
        "a prévenu la Commission européenne."
    )
    result = extract_article(article(text, "fr"))
    names = {e.id: e.name for e in result.entities}
    reviewed = {names[r.target] for r in result.relations if r.relation.value == "REVIEWS"}
    assert reviewed == {"Microsoft–Kyutai partnership"}


PARTNER_NOT = [
    # a deal to buy is an acquisition, not a partnership
    ("en", "Microsoft struck a deal to buy Kyutai for $2 billion.", "Microsoft", "Kyutai"),
    ("en", "Google signed an agreement to acquire Helsing.", "Google", "Helsing"),
    # an apposition is no list: the deal is with the firm after the trigger
    ("en", "Microsoft, OpenAI's biggest backer, signed a deal with Oracle.", "Microsoft", "OpenAI"),
    # the second firm stands in another clause
    (
        "en",
        "Anthropic said its collaboration with the government would continue, while Google "
        "declined to comment.",
        "Anthropic",
        "Google",
    ),
    # both firms before the word: who partners with whom is not said
    (
        "en",
        "Microsoft paid for the first phase, but it is Oracle that came in as the lead "
        "partner of the venture.",
        "Microsoft",
        "Oracle",
    ),
]


@pytest.mark.parametrize(("lang", "text", "one", "other"), PARTNER_NOT)
def test_words_near_a_partnership_word_that_state_no_partnership(
    lang: str, text: str, one: str, other: str
) -> None:
    result = extract_article(article(text, lang))
    partners = {frozenset((s, o)) for s, r, o in triples(result) if r == "PARTNERS_WITH"}
    assert frozenset((one, other)) not in partners, triples(result)


@pytest.mark.parametrize(
    ("lang", "text", "one", "other"),
    [
        (
            "en",
            "Microsoft, OpenAI's biggest backer, signed a deal with Oracle.",
            "Microsoft",
            "Oracle",
        ),
        ("en", "Meta and Microsoft teamed up on Llama last year.", "Meta", "Microsoft"),
        ("zh", "腾讯与百度在云计算领域合作。", "Tencent", "Baidu"),
        ("fr", "Mistral AI a noué un partenariat avec Helsing.", "Mistral AI", "Helsing"),
    ],
)
def test_a_partnership_between_subject_and_object_is_kept(
    lang: str, text: str, one: str, other: str
) -> None:
    result = extract_article(article(text, lang))
    partners = {frozenset((s, o)) for s, r, o in triples(result) if r == "PARTNERS_WITH"}
    assert frozenset((one, other)) in partners, triples(result)


def test_a_review_word_belongs_to_its_own_regulator_when_two_are_named() -> None:
    text = "The CMA cleared Google's stake in Kyutai on Monday, and the FTC opened a probe of Meta."
    result = extract_article(article(text, "en"))
    reviewers = {s for s, r, o in triples(result) if r == "REVIEWS" and "Kyutai" in o}
    assert reviewers == {"Competition and Markets Authority"}, triples(result)


def test_regulators_listed_together_each_review_the_deal() -> None:
    text = "The CMA and the FTC are examining Google's stake in Kyutai."
    result = extract_article(article(text, "en"))
    reviewers = {s for s, r, o in triples(result) if r == "REVIEWS" and "Kyutai" in o}
    assert reviewers == {"Competition and Markets Authority", "Federal Trade Commission"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The CMA is investigating Microsoft's recruitment of staff from Kyutai."),
        ("en", "The FTC is examining how Microsoft poached staff from Kyutai."),
    ],
)
def test_a_review_of_staff_recruited_from_a_firm_reviews_a_hiring(lang: str, text: str) -> None:
    result = extract_article(article(text, lang))
    deals = {e.name for e in result.entities if e.kind.value == "Deal"}
    assert deals == {"Microsoft–Kyutai hiring"}, deals


def test_a_review_of_an_untyped_deal_reviews_the_typed_deal_of_the_same_parties() -> None:
    text = (
        "Regulators in Brussels are reviewing the Helsing deal with Kyutai. "
        "Helsing invested $300 million in Kyutai last year."
    )
    result = extract_article(article(text, "en"))
    reviewed = {o for s, r, o in triples(result) if r == "REVIEWS"}
    assert reviewed == {"Helsing–Kyutai investment"}, triples(result)


def test_a_review_of_an_untyped_deal_stays_when_no_typed_deal_is_told() -> None:
    text = "Regulators in Brussels are reviewing the Helsing deal with Kyutai."
    result = extract_article(article(text, "en"))
    reviewed = {o for s, r, o in triples(result) if r == "REVIEWS"}
    assert reviewed == {"Helsing–Kyutai partnership"}, triples(result)


def test_the_source_a_quote_is_attributed_to_is_no_partner() -> None:
    text = '"Cohere can pick and choose its partners," said Oracle analyst Jane Roe.'
    facts = triples(extract_article(article(text, "en")))
    assert not any(r == "PARTNERS_WITH" for _, r, _ in facts)
    told = "Cohere partnered with Oracle, according to Reuters."
    assert ("Cohere", "PARTNERS_WITH", "Oracle") in triples(extract_article(article(told, "en")))


def test_an_agreement_with_a_cloud_provider_is_a_supply_not_a_partnership() -> None:
    text = "Cohere signed a $2 billion agreement with cloud provider Oracle."
    facts = triples(extract_article(article(text, "en")))
    assert ("Cohere", "DEPENDS_ON", "Oracle") in facts
    assert not any(r == "PARTNERS_WITH" for _, r, _ in facts)


def _reviewers(text: str) -> set[str]:
    return {s for s, r, _ in triples(extract_article(article(text, "en"))) if r == "REVIEWS"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Oracle agreed to buy Cohere last year. Britain, Japan and the European Union all "
            "cleared the deal in the spring.",
            {"European Union", "United Kingdom", "Japan"},
        ),
        (
            "Oracle agreed to buy Cohere last year. Regulators of the United States, China and "
            "Turkey are still reviewing the matter.",
            {"United States", "China", "Turkey"},
        ),
        (
            "South Korea's antitrust regulator approved the proposed merger of U.S. software "
            "group Oracle and AI firm Cohere.",
            {"Korea Fair Trade Commission"},
        ),
    ],
)
def test_places_listed_as_reviewers_and_a_nationality_in_a_description_is_none(
    text: str, expected: set[str]
) -> None:
    assert _reviewers(text) == expected


def test_a_regulator_in_a_fronted_phrase_is_not_the_reviewer() -> None:
    text = (
        "Oracle agreed to buy Cohere last year. Prior to the FTC's ruling, Britain and Japan "
        "have cleared the deal."
    )
    assert _reviewers(text) == {"United Kingdom", "Japan"}
    plain = "Oracle agreed to buy Cohere last year. After a long review, the FTC cleared the deal."
    assert _reviewers(plain) == {"Federal Trade Commission"}


REFERRED_DEALS = [
    ("zh", "英伟达宣布收购Run:ai。此次收购已获得欧盟委员会批准。", "European Commission"),
    ("zh", "英伟达宣布收购Run:ai。此前欧盟委员会也做出了类似的决定。", "European Commission"),
    (
        "en",
        "Nvidia agreed to acquire Run:ai. The European Commission reached a similar decision.",
        "European Commission",
    ),
    (
        "fr",
        "Nvidia a racheté Run:ai. La Commission européenne a rendu une décision similaire.",
        "European Commission",
    ),
    (
        "fr",
        "Nvidia a racheté Run:ai. Ce rachat a été autorisé par la Commission européenne.",
        "European Commission",
    ),
    # places approving, several words between them and the approval
    (
        "en",
        "Nvidia agreed to acquire Run:ai. Before the CMA's ruling, the European Union and Japan "
        "had given similar conditional approvals for the takeover.",
        "Japan",
    ),
]


@pytest.mark.parametrize(("lang", "text", "reviewer"), REFERRED_DEALS)
def test_this_acquisition_or_a_similar_decision_reviews_the_deal_told_before(
    lang: str, text: str, reviewer: str
) -> None:
    found = triples(extract_article(article(text, lang)))
    assert (reviewer, "REVIEWS", "NVIDIA–Run:ai acquisition") in found, found


def test_a_similar_decision_with_no_deal_before_reviews_nothing() -> None:
    text = "Nvidia released a model. The European Commission reached a similar decision."
    found = triples(extract_article(article(text, "en")))
    assert not any(r == "REVIEWS" for _, r, _ in found), found
