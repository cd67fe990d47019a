"""The rules extractor on our own sentences: one row per language and relation family, with the
triple a reader would write down, plus hard negatives that must produce nothing."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.facts import round_label
from kg.schema import Article, ArticleFormat, ExtractionResult


def article(
    text: str, lang: str | None = None, title: str = "", published: str | None = "2025-03-14"
) -> Article:
    return Article(
        id="https://example.org/news/1",
        file="/tmp/news/one.txt",
        format=ArticleFormat.TEXT,
        title=title,
        text=text,
        lang=lang,
        published=published,
        url="https://example.org/news/1",
    )


def triples(result: ExtractionResult) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in result.entities}
    return {(names[r.source], r.relation.value, names[r.target]) for r in result.relations}


CASES = [
    # --- investment -----------------------------------------------------------------------
    (
        "en",
        "Nvidia has invested $50 million in Cohere, the Toronto company said on Monday.",
        ("NVIDIA", "INVESTS_IN", "Cohere"),
    ),
    ("en", "Anthropic is backed by Amazon and Google.", ("Amazon", "INVESTS_IN", "Anthropic")),
    (
        "en",
        "Salesforce, an early investor in Hugging Face, declined to comment.",
        ("Salesforce", "INVESTS_IN", "Hugging Face"),
    ),
    (
        "fr",
        "Bpifrance a investi 20 millions d’euros dans Mistral AI l’an dernier.",
        ("Bpifrance", "INVESTS_IN", "Mistral AI"),
    ),
    ("zh", "腾讯向月之暗面注资3亿美元。", ("Tencent", "INVESTS_IN", "Moonshot AI")),
    ("zh", "智谱的股东包括腾讯和阿里巴巴。", ("Alibaba", "INVESTS_IN", "Zhipu AI")),
    ("zh", "零一万物首席执行官王小明表示，资金将用于研发。", ("王小明", "LEADS", "01.AI")),
    ("zh", "月之暗面创始人兼CEO杨植麟表示将继续投入。", ("Yang Zhilin", "FOUNDED", "Moonshot AI")),
    ("zh", "輝達宣布向xAI注資20億美元。", ("NVIDIA", "INVESTS_IN", "xAI")),
    ("zh", "阿里巴巴对智谱进行了战略投资。", ("Alibaba", "INVESTS_IN", "Zhipu AI")),
    ("en", "Microsoft-backed OpenAI is hiring in Paris.", ("Microsoft", "INVESTS_IN", "OpenAI")),
    ("zh", "OpenAI获得软银400亿美元投资。", ("SoftBank", "INVESTS_IN", "OpenAI")),
    (
        "en",
        "Microsoft, which owns a 49% stake in OpenAI, declined to comment.",
        ("Microsoft", "INVESTS_IN", "OpenAI"),
    ),
    ("en", "Cohere got an investment from Oracle last year.", ("Oracle", "INVESTS_IN", "Cohere")),
    # --- funding rounds -------------------------------------------------------------------
    (
        "en",
        "xAI raised $6 billion in a round with participation from Fidelity and BlackRock.",
        ("BlackRock", "FUNDS", "xAI $6 billion funding round"),
    ),
    (
        "fr",
        "Mistral AI lève 600 millions d’euros auprès de General Catalyst et Samsung.",
        ("General Catalyst", "FUNDS", "Mistral AI €600 million funding round"),
    ),
    (
        "zh",
        "智谱完成新一轮融资，由红杉资本领投。",
        ("Sequoia Capital", "FUNDS", "Zhipu AI funding round"),
    ),
    (
        "en",
        "Cohere raised $500 million in a Series D round led by Index Ventures.",
        ("Index Ventures", "FUNDS", "Cohere Series D funding round"),
    ),
    (
        "en",
        "Cohere raised $500 million in a Series D round led by Index Ventures.",
        ("Cohere", "RAISED", "Cohere Series D funding round"),
    ),
    (
        "fr",
        "La start-up Kyutai a levé 300 millions d’euros lors d’un tour de table mené par Iliad.",
        ("Iliad", "FUNDS", "Kyutai €300 million funding round"),
    ),
    (
        "zh",
        "智谱完成了40亿元人民币的B轮融资。",
        ("Zhipu AI", "RAISED", "Zhipu AI Series B funding round"),
    ),
    (
        "fr",
        "Le fonds Elaia a participé au tour de table de Giskard, aux côtés de Bpifrance.",
        ("Bpifrance", "FUNDS", "Giskard funding round"),
    ),
    (
        "en",
        "Anthropic raised $13 billion. Fidelity and Lightspeed Venture Partners co-led the round.",
        ("Fidelity", "FUNDS", "Anthropic $13 billion funding round"),
    ),
    (
        "fr",
        "La start-up lyonnaise Nexa Santé a bouclé une levée de 40 millions d’euros menée par "
        "Bpifrance, avec la participation de Partech et d’Elaia.",
        ("Elaia", "FUNDS", "Nexa Santé €40 million funding round"),
    ),
    (
        "zh",
        "月之暗面完成10亿美元B轮融资，由阿里巴巴领投，腾讯和红杉中国跟投。",
        ("HongShan", "FUNDS", "Moonshot AI Series B funding round"),
    ),
    # --- acquisitions ---------------------------------------------------------------------
    (
        "en",
        "Nvidia agreed to acquire Run:ai, an Israeli startup, for $700 million.",
        ("NVIDIA", "ACQUIRES", "Run:ai"),
    ),
    ("en", "Snowflake's purchase of Neeva closed in May.", ("Snowflake", "ACQUIRES", "Neeva")),
    (
        "fr",
        "Le groupe Capgemini a racheté la start-up Syniti pour un montant non divulgué.",
        ("Capgemini", "ACQUIRES", "Syniti"),
    ),
    ("zh", "百度宣布收购欢聚集团旗下的YY Live。", ("Baidu", "ACQUIRES", "YY Live")),
    (
        "en",
        "Regulators looked at the takeover of Run:ai by Nvidia.",
        ("NVIDIA", "ACQUIRES", "Run:ai"),
    ),
    ("en", "Google agreed to buy Wiz for $32 billion.", ("Google", "ACQUIRES", "Wiz")),
    (
        "fr",
        "Google rachète la société nantaise Lumio pour 200 millions de dollars.",
        ("Google", "ACQUIRES", "Lumio"),
    ),
    # --- reviews --------------------------------------------------------------------------
    (
        "en",
        "Britain's competition regulator cleared Microsoft's hiring of former Inflection AI staff.",
        ("Competition and Markets Authority", "REVIEWS", "Microsoft–Inflection AI hiring"),
    ),
    (
        "zh",
        "美国反垄断监管机构正在调查微软对OpenAI的投资。",
        ("Federal Trade Commission", "REVIEWS", "Microsoft–OpenAI investment"),
    ),
    (
        "en",
        "The European Commission opened an investigation into the takeover of Run:ai by Nvidia.",
        ("European Commission", "REVIEWS", "NVIDIA–Run:ai acquisition"),
    ),
    (
        "en",
        "The FTC opened an inquiry into the partnership between Microsoft and OpenAI.",
        ("Federal Trade Commission", "REVIEWS", "Microsoft–OpenAI partnership"),
    ),
    (
        "fr",
        "L’Autorité de la concurrence examine l’investissement de Nvidia dans Mistral AI.",
        ("Autorité de la concurrence", "REVIEWS", "NVIDIA–Mistral AI investment"),
    ),
    (
        "zh",
        "微软与英伟达加码Mistral AI，欧盟委员会审查两笔投资。",
        ("European Commission", "REVIEWS", "NVIDIA–Mistral AI investment"),
    ),
    (
        "en",
        "Microsoft and Nvidia invested in Mistral AI; the European Commission is reviewing both.",
        ("European Commission", "REVIEWS", "Microsoft–Mistral AI investment"),
    ),
    (
        "fr",
        "Microsoft et Nvidia ont investi dans Mistral AI, et l’Autorité de la concurrence examine "
        "ces deux investissements.",
        ("Autorité de la concurrence", "REVIEWS", "NVIDIA–Mistral AI investment"),
    ),
    (
        "zh",
        "欧盟委员会正在审查微软与OpenAI的合作关系。",
        ("European Commission", "REVIEWS", "Microsoft–OpenAI partnership"),
    ),
    # --- partnerships ---------------------------------------------------------------------
    (
        "en",
        "Oracle signed a multiyear partnership with xAI to host its models.",
        ("Oracle", "PARTNERS_WITH", "xAI"),
    ),
    (
        "fr",
        "Mistral AI a noué un partenariat avec Helsing pour la défense.",
        ("Mistral AI", "PARTNERS_WITH", "Helsing"),
    ),
    ("zh", "华为与百度宣布在芯片领域展开合作。", ("Huawei", "PARTNERS_WITH", "Baidu")),
    # --- dependency -----------------------------------------------------------------------
    (
        "en",
        "Google Cloud is the main cloud provider for Anthropic.",
        ("Anthropic", "DEPENDS_ON", "Google"),
    ),
    (
        "en",
        "Nvidia will supply the ChatGPT maker with data center chips.",
        ("OpenAI", "DEPENDS_ON", "NVIDIA"),
    ),
    ("en", "Nvidia supplies GPUs to xAI for its new cluster.", ("xAI", "DEPENDS_ON", "NVIDIA")),
    (
        "en",
        "OpenAI relies heavily on Microsoft's Azure cloud.",
        ("OpenAI", "DEPENDS_ON", "Microsoft"),
    ),
    (
        "en",
        "Anthropic's models are hosted on AWS.",
        ("Anthropic", "DEPENDS_ON", "Amazon Web Services"),
    ),
    ("en", "xAI trains Grok on Nvidia GPUs in Memphis.", ("xAI", "DEPENDS_ON", "NVIDIA")),
    (
        "en",
        "Anthropic rents GPUs from CoreWeave for training.",
        ("Anthropic", "DEPENDS_ON", "CoreWeave"),
    ),
    (
        "zh",
        "DeepSeek在华为昇腾芯片上训练模型，并使用昇腾芯片进行推理。",
        ("DeepSeek", "DEPENDS_ON", "Huawei"),
    ),
    # --- competition ----------------------------------------------------------------------
    (
        "en",
        "Perplexity, a rival to Google, added a shopping feature.",
        ("Perplexity", "COMPETES_WITH", "Google"),
    ),
    (
        "fr",
        "Aleph Alpha, concurrente de Mistral AI, change de stratégie.",
        ("Aleph Alpha", "COMPETES_WITH", "Mistral AI"),
    ),
    ("zh", "月之暗面的竞争对手MiniMax发布了新模型。", ("MiniMax", "COMPETES_WITH", "Moonshot AI")),
    ("zh", "腾讯与字节跳动在AI领域竞争激烈。", ("Tencent", "COMPETES_WITH", "ByteDance")),
    ("en", "Google and OpenAI compete fiercely in search.", ("Google", "COMPETES_WITH", "OpenAI")),
    ("zh", "阿里云为月之暗面提供算力支持。", ("Moonshot AI", "DEPENDS_ON", "Alibaba")),
    ("zh", "百度与阿里巴巴存在竞争关系。", ("Baidu", "COMPETES_WITH", "Alibaba")),
    # --- dependency: "depends on", "dépend de", goods bought from a firm --------------------
    (
        "en",
        "Cohere depends on Oracle for computing power.",
        ("Cohere", "DEPENDS_ON", "Oracle"),
    ),
    ("en", "Runway depends on Nebius.", ("Runway", "DEPENDS_ON", "Nebius")),
    ("en", "Poolside trains its models on AMD GPUs.", ("Poolside", "DEPENDS_ON", "AMD")),
    ("fr", "Helsing dépend de Scaleway pour ses calculs.", ("Helsing", "DEPENDS_ON", "Scaleway")),
    ("fr", "Kyutai dépend des GPU de Nvidia.", ("Kyutai", "DEPENDS_ON", "NVIDIA")),
    (
        "en",
        "Perplexity relies on Amazon for cloud computing.",
        ("Perplexity", "DEPENDS_ON", "Amazon"),
    ),
    ("en", "Runway uses Google's chips.", ("Runway", "DEPENDS_ON", "Google")),
    ("en", "Cohere's models run on Oracle.", ("Cohere", "DEPENDS_ON", "Oracle")),
    ("zh", "商汤依赖华为的算力。", ("SenseTime", "DEPENDS_ON", "Huawei")),
    ("en", "Helsing buys GPUs from Nvidia.", ("Helsing", "DEPENDS_ON", "NVIDIA")),
    ("en", "Cohere buys Nvidia chips for its new cluster.", ("Cohere", "DEPENDS_ON", "NVIDIA")),
    ("zh", "月之暗面从英伟达采购芯片。", ("Moonshot AI", "DEPENDS_ON", "NVIDIA")),
    ("en", "Cohere buys Nvidia's H100 chips.", ("Cohere", "DEPENDS_ON", "NVIDIA")),
    ("zh", "百度是腾讯的主要竞争对手。", ("Baidu", "COMPETES_WITH", "Tencent")),
    ("zh", "腾讯是智谱的最大股东。", ("Tencent", "INVESTS_IN", "Zhipu AI")),
    ("en", "Cohere counts Oracle among its investors.", ("Oracle", "INVESTS_IN", "Cohere")),
    ("en", "Kyutai was acquired by Iliad last year.", ("Iliad", "ACQUIRES", "Kyutai")),
    ("en", "Jane Roe, who runs Poolside, spoke.", ("Jane Roe", "LEADS", "Poolside")),
    ("en", "Helsing, led by Claire Dubois, grew.", ("Claire Dubois", "LEADS", "Helsing")),
    (
        "zh",
        "智谱获得腾讯领投的5亿美元融资。",
        ("Tencent", "FUNDS", "Zhipu AI $500 million funding round"),
    ),
    ("en", "Poolside, in which Nvidia has invested, grew.", ("NVIDIA", "INVESTS_IN", "Poolside")),
    (
        "en",
        "Nvidia took part in Cohere's $500 million round.",
        ("NVIDIA", "FUNDS", "Cohere $500 million funding round"),
    ),
    (
        "en",
        "Oracle will provide Cohere with 1.5 gigawatts of capacity.",
        ("Cohere", "DEPENDS_ON", "Oracle"),
    ),
    (
        "zh",
        "腾讯参与了智谱的B轮融资。",
        ("Tencent", "FUNDS", "Zhipu AI Series B funding round"),
    ),
    ("zh", "月之暗面的出现对百度构成挑战。", ("Moonshot AI", "COMPETES_WITH", "Baidu")),
    ("zh", "百度CEO李彦宏表示将加大投入。", ("Robin Li", "LEADS", "Baidu")),
    ("en", "Satya Nadella now runs Microsoft.", ("Satya Nadella", "LEADS", "Microsoft")),
    (
        "en",
        "Mistral AI and Nvidia jointly developed a model.",
        ("Mistral AI", "PARTNERS_WITH", "NVIDIA"),
    ),
    ("fr", "Kyutai collabore avec Scaleway.", ("Kyutai", "PARTNERS_WITH", "Scaleway")),
    ("fr", "Helsing s’allie à Mistral AI.", ("Helsing", "PARTNERS_WITH", "Mistral AI")),
    ("zh", "百度和华为联合发布了新模型。", ("Baidu", "PARTNERS_WITH", "Huawei")),
    (
        "zh",
        "欧盟批准了英伟达收购Run:ai。",
        ("European Commission", "REVIEWS", "NVIDIA–Run:ai acquisition"),
    ),
    ("fr", "Nvidia fait partie des investisseurs de Kyutai.", ("NVIDIA", "INVESTS_IN", "Kyutai")),
    (
        "fr",
        "Helsing compte Bpifrance parmi ses actionnaires.",
        ("Bpifrance", "INVESTS_IN", "Helsing"),
    ),
    ("fr", "Iliad est actionnaire de Kyutai.", ("Iliad", "INVESTS_IN", "Kyutai")),
    ("fr", "Les investisseurs de Kyutai sont Iliad et Nvidia.", ("Iliad", "INVESTS_IN", "Kyutai")),
    ("en", "Investors in Cohere include Oracle and Nvidia.", ("Oracle", "INVESTS_IN", "Cohere")),
    ("zh", "智谱获得腾讯和阿里巴巴的投资。", ("Alibaba", "INVESTS_IN", "Zhipu AI")),
    ("fr", "Koyeb passe dans le giron de Mistral AI.", ("Mistral AI", "ACQUIRES", "Koyeb")),
    (
        "en",
        "Cohere depends on Oracle Cloud and on Nvidia GPUs.",
        ("Cohere", "DEPENDS_ON", "NVIDIA"),
    ),
    (
        "en",
        "Cohere depends on Oracle Cloud and on Nvidia GPUs.",
        ("Cohere", "DEPENDS_ON", "Oracle"),
    ),
    (
        "zh",
        "月之暗面获得5亿美元B轮投资，由阿里巴巴领投。",
        ("Moonshot AI", "RAISED", "Moonshot AI Series B funding round"),
    ),
    (
        "en",
        "Photon Labs raised $20 million in Series A funding led by Blue Ridge Ventures.",
        ("Blue Ridge Ventures", "FUNDS", "Photon Labs Series A funding round"),
    ),
    (
        "en",
        "Cohere raised $500 million. The round was led by Nvidia.",
        ("NVIDIA", "FUNDS", "Cohere $500 million funding round"),
    ),
    ("en", "SoftBank is backing Poolside.", ("SoftBank", "INVESTS_IN", "Poolside")),
    ("en", "Nvidia made a $100 million bet on Cohere.", ("NVIDIA", "INVESTS_IN", "Cohere")),
    (
        "en",
        "Nvidia joined Cohere's $500 million round.",
        ("NVIDIA", "FUNDS", "Cohere $500 million funding round"),
    ),
    (
        "en",
        "Salesforce Ventures led a $100 million round in Cohere.",
        ("Salesforce Ventures", "FUNDS", "Cohere $100 million funding round"),
    ),
    (
        "fr",
        "SoftBank mise 40 milliards de dollars sur Kyutai.",
        ("SoftBank", "INVESTS_IN", "Kyutai"),
    ),
    ("zh", "软银押注智谱。", ("SoftBank", "INVESTS_IN", "Zhipu AI")),
    (
        "en",
        "Mistral AI takes aim at OpenAI with a new model.",
        ("Mistral AI", "COMPETES_WITH", "OpenAI"),
    ),
    ("en", "Kyutai is seen as Europe's answer to OpenAI.", ("Kyutai", "COMPETES_WITH", "OpenAI")),
    ("fr", "Kyutai se pose en alternative à OpenAI.", ("Kyutai", "COMPETES_WITH", "OpenAI")),
    ("zh", "DeepSeek被视为OpenAI的有力挑战者。", ("DeepSeek", "COMPETES_WITH", "OpenAI")),
    ("zh", "月之暗面与智谱展开激烈角逐。", ("Moonshot AI", "COMPETES_WITH", "Zhipu AI")),
    (
        "fr",
        "Bruxelles ouvre une enquête sur le partenariat entre Microsoft et Kyutai.",
        ("European Commission", "REVIEWS", "Microsoft–Kyutai partnership"),
    ),
    (
        "zh",
        "国家市场监督管理总局对英伟达立案调查。",
        ("State Administration for Market Regulation", "REVIEWS", "NVIDIA"),
    ),
    # --- traditional characters -----------------------------------------------------------
    ("zh", "輝達執行長黃仁勳週一指出需求強勁。", ("Jensen Huang", "LEADS", "NVIDIA")),
    ("zh", "台積電為輝達代工晶片。", ("NVIDIA", "DEPENDS_ON", "TSMC")),
    ("zh", "月之暗面與智譜存在競爭關係。", ("Moonshot AI", "COMPETES_WITH", "Zhipu AI")),
    # --- acqui-hires ----------------------------------------------------------------------
    (
        "en",
        "Amazon hired Adept's founders and licensed its models.",
        ("Amazon", "ACQUIRES", "Adept"),
    ),
    (
        "fr",
        "Microsoft a recruté les équipes d’Inflection AI.",
        ("Microsoft", "ACQUIRES", "Inflection AI"),
    ),
    ("zh", "谷歌聘请Character.AI创始人并获得技术授权。", ("Google", "ACQUIRES", "Character.AI")),
    (
        "en",
        "Meta took a stake in Scale AI and hired its CEO Jane Roe.",
        ("Jane Roe", "LEADS", "Scale AI"),
    ),
    # --- career verbs ---------------------------------------------------------------------
    (
        "en",
        "Mira Murati founded Thinking Machines Lab in 2025.",
        ("Mira Murati", "FOUNDED", "Thinking Machines Lab"),
    ),
    ("zh", "杨植麟创立了月之暗面。", ("Yang Zhilin", "FOUNDED", "Moonshot AI")),
    ("zh", "月之暗面由杨植麟创立。", ("Yang Zhilin", "FOUNDED", "Moonshot AI")),
    ("en", "Jane Roe sits on the board of Cohere.", ("Jane Roe", "BOARD_MEMBER_OF", "Cohere")),
    ("en", "Satya Nadella joined Cohere's board.", ("Satya Nadella", "BOARD_MEMBER_OF", "Cohere")),
    ("en", "Jane Roe was named CEO of Poolside.", ("Jane Roe", "LEADS", "Poolside")),
    ("en", "Cohere appointed Jane Roe as its new CEO.", ("Jane Roe", "LEADS", "Cohere")),
    ("fr", "Cohere a nommé Léa Martin directrice générale.", ("Léa Martin", "LEADS", "Cohere")),
    ("zh", "商汤任命张伟为首席执行官。", ("张伟", "LEADS", "SenseTime")),
    ("en", "Mira Murati left Cohere to join Poolside.", ("Mira Murati", "WORKS_AT", "Poolside")),
    # --- coordinated subjects are a list of agents ----------------------------------------
    ("zh", "亚马逊与谷歌加码Anthropic。", ("Amazon", "INVESTS_IN", "Anthropic")),
    ("zh", "亚马逊与谷歌加码Anthropic。", ("Google", "INVESTS_IN", "Anthropic")),
    # --- roles ----------------------------------------------------------------------------
    ("en", "Anthropic CEO Dario Amodei spoke in Paris.", ("Dario Amodei", "LEADS", "Anthropic")),
    (
        "en",
        "Jane Roe, chief financial officer of Cohere, left in June.",
        ("Jane Roe", "WORKS_AT", "Cohere"),
    ),
    (
        "fr",
        "Arthur Mensch, PDG de Mistral AI, a présenté Le Chat.",
        ("Arthur Mensch", "LEADS", "Mistral AI"),
    ),
    ("zh", "英伟达首席执行官黄仁勋访问了台北。", ("Jensen Huang", "LEADS", "NVIDIA")),
    ("zh", "微軟首席執行官納德拉表示，合作依然穩固。", ("Satya Nadella", "LEADS", "Microsoft")),
    ("en", "Sam Altman, OpenAI's chief executive, spoke first.", ("Sam Altman", "LEADS", "OpenAI")),
    (
        "en",
        "Kyutai was founded in 2023 by Jane Roe and John Poe.",
        ("John Poe", "FOUNDED", "Kyutai"),
    ),
    ("fr", "Le patron de Scaleway, Damien Lucas, a parlé.", ("Damien Lucas", "LEADS", "Scaleway")),
    ("en", "Jane Roe is the CEO of Poolside.", ("Jane Roe", "LEADS", "Poolside")),
    (
        "en",
        "Claire Dubois is the CEO and co-founder of Helsing.",
        ("Claire Dubois", "LEADS", "Helsing"),
    ),
    (
        "en",
        "Claire Dubois is the CEO and co-founder of Helsing.",
        ("Claire Dubois", "FOUNDED", "Helsing"),
    ),
    (
        "en",
        "John Poe was the chief technology officer at Kyutai.",
        ("John Poe", "WORKS_AT", "Kyutai"),
    ),
    ("fr", "Marc Lefèvre est le PDG de Kyutai.", ("Marc Lefèvre", "LEADS", "Kyutai")),
    (
        "fr",
        "Léa Martin, directrice générale de Scaleway, a présenté les comptes.",
        ("Léa Martin", "LEADS", "Scaleway"),
    ),
    ("zh", "张伟是商汤的首席执行官。", ("张伟", "LEADS", "SenseTime")),
    ("zh", "杨植麟是月之暗面的首席执行官。", ("Yang Zhilin", "LEADS", "Moonshot AI")),
    (
        "en",
        "Anthropic's backers include Menlo Ventures and Spark Capital.",
        ("Spark Capital", "INVESTS_IN", "Anthropic"),
    ),
    (
        "en",
        "Ilya Sutskever, who co-founded OpenAI, left in May.",
        ("Ilya Sutskever", "FOUNDED", "OpenAI"),
    ),
    (
        "en",
        "The head of Mistral AI, Arthur Mensch, spoke.",
        ("Arthur Mensch", "LEADS", "Mistral AI"),
    ),
    (
        "fr",
        "Fondée en 2019 par Claire Dubois et Marc Lefèvre, la jeune pousse Nexa Santé grandit.",
        ("Marc Lefèvre", "FOUNDED", "Nexa Santé"),
    ),
    (
        "fr",
        "Les deux cofondateurs, Léa Martin et Hugo Petit, rejoignent Scaleway.",
        ("Hugo Petit", "WORKS_AT", "Scaleway"),
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{c[2][1]}-{i}" for i, c in enumerate(CASES)]
)
def test_sentence_states_the_expected_triple(
    lang: str, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(extract_article(article(text, lang)))
    a, rel, b = expected
    assert expected in found or (rel in SYMMETRIC and (b, rel, a) in found), found


SYMMETRIC = {"PARTNERS_WITH", "COMPETES_WITH"}

NEGATIVES = [
    ("en", "Microsoft denied that it plans to acquire Mistral AI."),
    ("en", "Google did not invest in Anthropic this year."),
    ("en", "Arm wrestling is popular; he broke his arm near the Meta of the debate."),
    ("en", "Cohere is a competitor of OpenAI, not an acquisition target."),
    ("fr", "Google n’a pas racheté la start-up Kyutai, selon son porte-parole."),
    ("zh", "微软否认将收购Mistral AI。"),
    ("zh", "腾讯上月已出售其持有的百度股份。"),
    ("fr", "Microsoft envisagerait une participation dans Mistral AI, ce que le groupe a démenti."),
    ("en", "Meta is in talks to acquire a 49% stake in Scale AI."),  # a stake is no acquisition
    ("en", "Index Ventures and Lightspeed Venture Partners opened offices in Paris."),
    ("zh", "美国联邦贸易委员会正在调查。"),
    ("en", "The index rose; oracle bones and apple pies were on sale."),
    ("en", "Helsing buys GPUs from Nvidia."),  # goods bought, not the seller
    ("en", "Mistral AI bought cloud capacity from Scaleway last year."),
    ("zh", "月之暗面买下英伟达芯片。"),
]


@pytest.mark.parametrize(("lang", "text"), NEGATIVES)
def test_hard_negatives_state_no_acquisition_or_investment(lang: str, text: str) -> None:
    found = {t[1] for t in triples(extract_article(article(text, lang)))}
    assert "ACQUIRES" not in found
    if "stake" not in text:
        assert not found & {"INVESTS_IN", "FUNDS"}


def test_our_investment_is_the_speakers() -> None:
    text = (
        "« Notre investissement dans Helsing reste modeste », a déclaré un porte-parole de Samsung."
    )
    assert ("Samsung", "INVESTS_IN", "Helsing") in triples(extract_article(article(text, "fr")))


def test_a_review_goes_on_in_the_next_sentence() -> None:
    text = (
        "The Japan Fair Trade Commission opened an inquiry into cloud deals. "
        "It also covers Oracle, an investor in Cohere."
    )
    assert ("Japan Fair Trade Commission", "REVIEWS", "Oracle–Cohere investment") in triples(
        extract_article(article(text, "en"))
    )


def test_a_symmetric_relation_told_both_ways_is_one_relation() -> None:
    text = "Oracle partnered with xAI in May. xAI said its partnership with Oracle would grow."
    rels = [r for r in extract_article(article(text, "en")).relations]
    assert [(r.source, r.relation.value, r.target) for r in rels] == [
        ("company:oracle", "PARTNERS_WITH", "company:xai")
    ]
    assert len(rels[0].evidence) == 2


def test_a_review_without_a_deal_names_the_companies_each_regulator_examines() -> None:
    text = (
        "The Justice Department will lead the investigation of Nvidia, while the FTC will "
        "examine the conduct of OpenAI and Microsoft."
    )
    assert {t for t in triples(extract_article(article(text, "en"))) if t[1] == "REVIEWS"} == {
        ("US Department of Justice", "REVIEWS", "NVIDIA"),
        ("Federal Trade Commission", "REVIEWS", "OpenAI"),
        ("Federal Trade Commission", "REVIEWS", "Microsoft"),
    }


def test_a_firm_named_partners_states_no_partnership() -> None:
    text = "Index Ventures and Lightspeed Venture Partners opened offices in Paris."
    assert triples(extract_article(article(text, "en"))) == set()


def test_multi_sentence_review_of_the_deal_just_named() -> None:
    text = (
        "Google, le géant américain, s’offre la société nantaise Lumio. "
        "L’opération doit encore être examinée par la Commission européenne."
    )
    assert ("European Commission", "REVIEWS", "Google–Lumio acquisition") in triples(
        extract_article(article(text, "fr"))
    )


def test_common_words_are_not_companies() -> None:
    result = extract_article(
        article("He hurt his arm; the meta discussion about an oracle index went on.", "en")
    )
    assert result.entities == []


def test_talks_right_before_the_verb_state_no_investment_yet() -> None:
    result = extract_article(article("SoftBank is in talks to invest $30 billion in OpenAI.", "en"))
    assert not [r for r in result.relations if r.relation.value == "INVESTS_IN"]


def test_a_hedge_elsewhere_in_the_sentence_keeps_the_investment_marked() -> None:
    text = "SoftBank invested $30 billion in OpenAI, people familiar with the talks said."
    result = extract_article(article(text, "en"))
    (rel,) = [r for r in result.relations if r.relation.value == "INVESTS_IN"]
    assert rel.properties["status"] == "rumoured"
    assert rel.properties["amount"] == 30e9


def test_a_rumour_confirmed_elsewhere_in_the_article_is_no_longer_marked() -> None:
    text = (
        "SoftBank invested in OpenAI, according to talks reported last week. "
        "SoftBank invested $22.5 billion in OpenAI."
    )
    (rel,) = [r for r in extract_article(article(text, "en")).relations]
    assert "status" not in rel.properties
    assert len(rel.evidence) == 2


@pytest.mark.parametrize(
    ("lang", "text", "unwanted"),
    [
        ("zh", "英国竞争与市场管理局审查微软与Mistral AI的合作。", "COMPETES_WITH"),
        (
            "fr",
            "L’autorité de la concurrence examine le partenariat entre Microsoft et Kyutai.",
            "COMPETES_WITH",
        ),
        ("zh", "亚马逊与谷歌加码Anthropic。", "PARTNERS_WITH"),
        ("en", "Cohere relies on Oracle for funding.", "DEPENDS_ON"),
        ("zh", "腾讯召开股东大会，讨论智谱。", "INVESTS_IN"),
        ("en", "Cohere relies on customers such as Oracle.", "DEPENDS_ON"),
        ("zh", "月之暗面不依赖英伟达。", "DEPENDS_ON"),
        ("en", "Jane Roe worked with OpenAI for years before joining Cohere.", "PARTNERS_WITH"),
        ("en", "Mistral AI is hiring OpenAI's former researchers.", "ACQUIRES"),
        ("en", "Microsoft joined OpenAI in announcing the round.", "FUNDS"),
        ("en", "Google backs away from its plans with Anthropic.", "INVESTS_IN"),
        ("en", "Nvidia backs its many partners such as Cohere.", "INVESTS_IN"),
        ("en", "The threat to jobs from OpenAI is real, analysts said of Cohere.", "COMPETES_WITH"),
        (
            "en",
            "OpenAI bets on reasoning models, while Google backs its Gemini line.",
            "INVESTS_IN",
        ),
        ("en", "Nvidia buys stakes in startups such as Cohere.", "ACQUIRES"),
    ],
)
def test_words_that_look_like_a_trigger_state_no_such_relation(
    lang: str, text: str, unwanted: str
) -> None:
    assert unwanted not in {t[1] for t in triples(extract_article(article(text, lang)))}


def test_coordinated_subjects_are_investors_not_investees() -> None:
    found = triples(extract_article(article("亚马逊与谷歌加码Anthropic。", "zh")))
    assert found == {("Amazon", "INVESTS_IN", "Anthropic"), ("Google", "INVESTS_IN", "Anthropic")}


CO_INVESTORS_REVIEWED = [
    ("zh", "微软与英伟达加码Mistral AI，欧盟委员会审查两笔投资。", "European Commission"),
    (
        "en",
        "Microsoft and Nvidia invested in Mistral AI; the European Commission is reviewing both.",
        "European Commission",
    ),
    (
        "fr",
        "Microsoft et Nvidia ont investi dans Mistral AI, et l’Autorité de la concurrence examine "
        "ces deux investissements.",
        "Autorité de la concurrence",
    ),
]


@pytest.mark.parametrize(("lang", "text", "regulator"), CO_INVESTORS_REVIEWED)
def test_co_investors_are_each_paired_with_the_investee_not_with_each_other(
    lang: str, text: str, regulator: str
) -> None:
    result = extract_article(article(text, lang))
    assert {t for t in triples(result) if t[1] == "REVIEWS"} == {
        (regulator, "REVIEWS", "Microsoft–Mistral AI investment"),
        (regulator, "REVIEWS", "NVIDIA–Mistral AI investment"),
    }
    both = {"company:microsoft", "company:nvidia"}
    assert not [r for r in result.relations if {r.source, r.target} == both]
    parties = [{p["id"] for p in e.properties.get("parties", [])} for e in result.entities]
    assert ["company:mistral-ai" in p for p in parties if len(p) > 1] == [True, True]
    assert not [p for p in parties if both <= p]


def test_a_list_that_acquires_is_one_side_of_the_reviewed_deal() -> None:
    text = "微软与英伟达收购了Run:ai，欧盟委员会正在审查该交易。"
    found = {t for t in triples(extract_article(article(text, "zh"))) if t[1] == "REVIEWS"}
    assert found == {("European Commission", "REVIEWS", "NVIDIA–Run:ai acquisition")}


def test_a_partnership_reviewed_stays_a_pair_when_one_partner_invests_elsewhere() -> None:
    text = "欧盟委员会审查微软与OpenAI的合作，微软此前投资了Inflection AI。"
    found = triples(extract_article(article(text, "zh")))
    assert ("European Commission", "REVIEWS", "Microsoft–OpenAI partnership") in found


def test_a_review_by_a_competition_authority_is_a_review() -> None:
    text = "英国竞争与市场管理局审查微软与Mistral AI的合作。"
    found = triples(extract_article(article(text, "zh")))
    assert (
        "Competition and Markets Authority",
        "REVIEWS",
        "Microsoft–Mistral AI partnership",
    ) in found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("完成A轮融资", "Series A"),
        ("完成 A 轮融资", "Series A"),
        ("une série A de 10 millions", "Series A"),
        ("a Series A round", "Series A"),
        ("完成B+轮融资", "Series B+"),
        ("天使轮融资", "angel"),
        ("种子轮融资", "seed"),
        ("Pre-A轮融资", "pre-Series A"),
        ("a pre-seed round", "pre-seed"),
    ],
)
def test_round_labels_have_one_spelling_in_every_language(text: str, label: str) -> None:
    assert round_label(text) == label


def _deals(text: str, lang: str) -> set[str]:
    return {e.id for e in extract_article(article(text, lang)).entities if e.kind.value == "Deal"}


def test_a_round_told_in_zh_en_and_fr_is_one_deal() -> None:
    zh = _deals("智谱完成A轮融资，由腾讯领投。", "zh")
    en = _deals("Zhipu AI closed a Series A round led by Tencent.", "en")
    fr = _deals("Zhipu AI a bouclé une levée de série A menée par Tencent.", "fr")
    assert zh == en == fr == {"deal:funding_round-zhipu-ai-series-a"}


def test_a_round_label_stated_in_the_sentence_wins_over_the_round_in_topic() -> None:
    text = "智谱完成A轮融资，由腾讯领投。此后，智谱完成C轮融资，阿里巴巴参投。"
    found = triples(extract_article(article(text, "zh")))
    assert ("Tencent", "FUNDS", "Zhipu AI Series A funding round") in found
    assert ("Alibaba", "FUNDS", "Zhipu AI Series C funding round") in found
    assert ("Alibaba", "FUNDS", "Zhipu AI Series A funding round") not in found
    assert ("Zhipu AI", "RAISED", "Zhipu AI Series C funding round") in found


def test_a_passive_acquisition_has_one_direction() -> None:
    found = triples(extract_article(article("Kyutai was acquired by Iliad last year.", "en")))
    assert found == {("Iliad", "ACQUIRES", "Kyutai")}


def test_the_raiser_is_not_the_investor_named_before_the_round() -> None:
    found = triples(extract_article(article("智谱获得腾讯领投的5亿美元融资。", "zh")))
    assert ("Zhipu AI", "RAISED", "Zhipu AI $500 million funding round") in found
    assert not any(t[0] == "Tencent" and t[1] == "RAISED" for t in found)


def test_a_round_joined_with_canyu_is_the_raisers_not_the_participants() -> None:
    found = triples(extract_article(article("腾讯参与了智谱的B轮融资。", "zh")))
    assert ("Zhipu AI", "RAISED", "Zhipu AI Series B funding round") in found
    assert not any(t[0] == "Tencent" and t[1] == "RAISED" for t in found)


def test_two_rounds_of_one_company_told_in_turn_are_two_deals() -> None:
    text = (
        "Cohere raised $270 million in Series C funding in 2023. "
        "In 2024 it closed a $500 million Series D led by Blue Ridge Ventures."
    )
    found = triples(extract_article(article(text, "en")))
    assert ("Cohere", "RAISED", "Cohere Series C funding round") in found
    assert ("Blue Ridge Ventures", "FUNDS", "Cohere Series D funding round") in found
    assert ("Blue Ridge Ventures", "FUNDS", "Cohere Series C funding round") not in found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Nvidia is expanding in Europe. It invested $16 million in Kyutai."),
        ("fr", "Nvidia s’étend en Europe. Il a investi 15 millions d’euros dans Kyutai."),
    ],
)
def test_a_pronoun_subject_is_the_previous_sentences_company(lang: str, text: str) -> None:
    assert ("NVIDIA", "INVESTS_IN", "Kyutai") in triples(extract_article(article(text, lang)))


def test_each_provider_has_the_dependency_kind_of_its_own_words() -> None:
    text = "Cohere depends on Oracle Cloud and on Nvidia GPUs. Helsing buys chips from AMD."
    kinds = {
        (r.source, r.target): r.properties["dependency"]
        for r in extract_article(article(text, "en")).relations
        if r.relation.value == "DEPENDS_ON"
    }
    assert kinds == {
        ("company:cohere", "company:oracle"): "cloud",
        ("company:cohere", "company:nvidia"): "gpu",
        ("company:helsing", "company:amd"): "chips",
    }


def test_investors_after_aupres_de_fund_the_raisers_round() -> None:
    text = "Kyutai a levé 300 millions d’euros auprès de Google et Microsoft."
    found = triples(extract_article(article(text, "fr")))
    assert ("Microsoft", "FUNDS", "Kyutai €300 million funding round") in found
    assert ("Google", "FUNDS", "Kyutai €300 million funding round") in found
    assert not any(t[2].startswith("Google") for t in found)


def test_an_amount_after_values_at_is_a_valuation_not_the_round() -> None:
    text = (
        "Cohere raised money in a funding round. "
        "SoftBank led the round, which values Cohere at $30 billion."
    )
    deals = [e for e in extract_article(article(text, "en")).entities if e.kind.value == "Deal"]
    assert [d.properties.get("amount") for d in deals] == [None]
    assert deals[0].properties["valuation"] == 30e9


def test_evidence_from_a_list_item_has_no_bullet() -> None:
    text = ("This week:\n- Orbital Freight acquired Nexa Labs.\n"
            "2. Harbor Peak Capital invested $5 million in Quillon Robotics.\n"
            "• 软银投资了OpenAI。")
    result = extract_article(article(text))
    sentences = sorted({ev.sentence for r in result.relations for ev in r.evidence})
    assert sentences == ["Harbor Peak Capital invested $5 million in Quillon Robotics.",
                         "Orbital Freight acquired Nexa Labs.", "软银投资了OpenAI。"]
