"""Names nobody listed, found by structure: the word that ends them (Capital, Ventures, 资本,
创投, 基金), lists of investors, titles before people; kinds from the same cues."""

from __future__ import annotations

import pytest

from kg.extract.discover import discover
from kg.extract.short_names import short_forms
from kg.schema import EntityKind

FUND, COMPANY, PERSON = EntityKind.FUND, EntityKind.COMPANY, EntityKind.PERSON


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The round drew Harbor Peak Capital and two angels.", "Harbor Peak Capital", FUND),
        ("Elle a levé des fonds auprès de Quillon Ventures.", "Quillon Ventures", FUND),
        ("Photon Robotics ships its first arm this year.", "Photon Robotics", COMPANY),
        ("本轮融资由青禾资本领投，老股东远帆创投跟投。", "青禾资本", FUND),
        ("本轮融资由青禾资本领投，老股东远帆创投跟投。", "远帆创投", FUND),
        ("投资方包括湖南湘江新区产业投资基金。", "湖南湘江新区产业投资基金", FUND),
        ("本輪融資由青禾資本領投。", "青禾資本", FUND),  # traditional characters
        ("股东还有\n杭州青和投资、远帆创投等机构。", "杭州青和投资", FUND),  # 和 inside the name
        ("由星海集团旗下远帆基金领投。", "远帆基金", FUND),  # 旗下: the owner is not the name
        ("由XYZ远帆资本领投。", "XYZ远帆资本", FUND),
        ("CEO Jane Roe said the startup would hire.", "Jane Roe", PERSON),
    ],
)
def test_a_name_and_its_kind(text: str, name: str, kind: EntityKind) -> None:
    assert discover(text).get(name) is kind


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("政府引导基金和产业基金也参与了本轮融资。", "政府引导基金"),  # generic words only
        ("政府引导基金和产业基金也参与了本轮融资。", "产业基金"),
        ("Capital markets were calm.", "Capital"),  # a suffix alone is no name
        ("公司加大投资，并且追加投资、扩产。", "且追加投资"),  # 投资 ends a name only in a list
        ("公司加大投资，并且追加投资、扩产。", "公司加大投资"),
        ("本周A股AI板块再获资本青睐。", "A股AI板块再获资本"),  # Latin inside Chinese words
        ("Venture Capital firms are cautious.", "Venture Capital"),
    ],
)
def test_generic_words_make_no_name(text: str, absent: str) -> None:
    assert absent not in discover(text)


def test_a_fund_named_after_a_title_is_a_fund_not_a_person() -> None:
    found = discover("Managing partner of Harbor Peak Capital, Jane Roe, led the deal.")
    assert found.get("Harbor Peak Capital") is FUND


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("星河智能首席执行官周明远对记者表示，公司将扩产。", ["周明远"]),
        ("公司执行董事包括陈立、王晓峰、林达。", ["陈立", "王晓峰", "林达"]),
        ("关联董事许军及沙超然已回避表决。", ["许军", "沙超然"]),
        ("銀河科技創辦人兼CTO王鶴，是業內少數的學者創業者。", ["王鶴"]),  # traditional
        ("联合创始人欧阳明表示，团队正在扩张。", ["欧阳明"]),  # a two-character surname
    ],
)
def test_chinese_names_after_a_title(text: str, names: list[str]) -> None:
    found = discover(text)
    assert [n for n in names if found.get(n) is PERSON] == names


@pytest.mark.parametrize(
    "text",
    [
        "董事会决定，总裁高度评价了这一方案。",  # 高度 starts with a surname but is no name
        "该校教授方法是什么？",
        "董事会今天开会。",
    ],
)
def test_no_name_after_a_title(text: str) -> None:
    assert not [n for n, k in discover(text).items() if k is PERSON]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("王立新作为星河智能创始人表示，公司会继续招人。", "表示"),  # the speaker came first
        ("陈曦作为该公司首席执行官指出，需求仍在增长。", "指出"),
        ("身为董事长回应，董事会支持这项计划。", "回应"),
    ],
)
def test_a_verb_of_saying_after_a_title_is_no_name(text: str, verb: str) -> None:
    assert verb not in discover(text)


@pytest.mark.parametrize(
    ("text", "name", "not_name"),
    [
        ("百度宣布，沈立将出任百度智能云事业群总裁。", "沈立", "沈立将"),
        ("据悉，陈志远已担任鸿海总裁。", "陈志远", "陈志"),
        ("同日，周明也出任智谱首席技术官。", "周明", "周明也"),
        ("據報導，林海將擔任該公司董事長。", "林海", "林海將"),
    ],
)
def test_an_adverb_before_the_verb_is_not_part_of_the_name(
    text: str, name: str, not_name: str
) -> None:
    found = discover(text)
    assert found.get(name) is PERSON, found
    assert not_name not in found, found


def test_a_discovered_chinese_name_carries_its_pinyin() -> None:
    from kg.extract import extract_article
    from kg.schema import Article, ArticleFormat

    text = "星河智能首席执行官周明远对记者表示，公司完成了新一轮融资。"
    art = Article(id="t", file="t.txt", format=ArticleFormat.TEXT, text=text, lang="zh")
    person = next(e for e in extract_article(art).entities if e.name == "周明远")
    assert "Zhou Mingyuan" in person.aliases


def test_two_first_names_share_one_last_name() -> None:
    from kg.extract import extract_article
    from kg.schema import Article, ArticleFormat

    text = "The lab is run by siblings Marta and Jonas Keller, who founded it in 2023."
    art = Article(id="t", file="t.txt", format=ArticleFormat.TEXT, text=text, lang="en")
    people = {e.name for e in extract_article(art).entities if e.kind is PERSON}
    assert {"Marta Keller", "Jonas Keller"} <= people
    assert discover("Microsoft and Google Cloud signed a deal.") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The round is closed, said Jane Roe, a partner at the fund.", "Jane Roe"),
        ("Jane Roe told reporters the chips had shipped.", "Jane Roe"),
        ("Selon Jeanne Dupont, la levée est bouclée.", "Jeanne Dupont"),
        ("« Nous accélérons », explique Marc Durand.", "Marc Durand"),
        ("，周明远表示，公司会继续投入研发。", "周明远"),
        ("“我们很有信心，”王小川说。", "王小川"),
    ],
)
def test_a_quoted_person(text: str, name: str) -> None:
    assert discover(text).get(name) is PERSON


@pytest.mark.parametrize(
    "text",
    [
        "Quillon Systems said it would list its shares.",  # a company's word ends the name
        "该公司表示将扩大产能。",  # 公司 is no name
        "高管表示业绩会改善。",
    ],
)
def test_a_quoted_company_is_no_person(text: str) -> None:
    assert not [n for n, k in discover(text).items() if k is PERSON]


def test_a_latin_item_of_a_chinese_list_is_a_name() -> None:
    found = discover("本轮由青禾资本领投，远帆创投、Harborline、QX Partners跟投。")
    assert found.get("Harborline") is COMPANY
    assert found.get("QX Partners") is FUND  # the suffix decides the kind
    assert "GPU" not in discover("公司采购了GPU、CPU等芯片。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hier, la pépite lyonnaise de la robotique, Nexalor, a ouvert une usine.", "Nexalor"),
        ("La jeune pousse bordelaise, Vireo Labs, recrute vingt ingénieurs.", "Vireo Labs"),
        ("The Oslo-based quantum startup, Quarnex, said it had raised $20 million.", "Quarnex"),
        ("A Berlin robotics company, Tessmar, closed a Series A on Monday.", "Tessmar"),
    ],
)
def test_a_name_in_apposition_after_a_described_firm(text: str, name: str) -> None:
    assert discover(text).get(name) is COMPANY


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # no closing comma: the capitalised word starts a clause, it is no apposition
        ("La start-up nantaise a levé des fonds, Bercy salue l'opération.", "Bercy"),
        ("The startup said on Tuesday, Reuters reported.", "Reuters"),
        ("The company's chief, Paris, declined to comment.", "Paris"),
    ],
)
def test_no_apposition_without_both_commas(text: str, absent: str) -> None:
    assert absent not in discover(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a dash aside between the name and its verb
        (
            "From June, Ines Marlow — until now head of sales — will take over as chief executive.",
            "Ines Marlow",
        ),
        (
            "Now Omar Reyes becomes its CFO while Lena Holt moves to Chief Operating Officer.",
            "Omar Reyes",
        ),
        (
            "Now Omar Reyes becomes its CFO while Lena Holt moves to Chief Operating Officer.",
            "Lena Holt",
        ),
        ("Backers include Harbor Peak Capital and Sheikh Fahd bin Salem.", "Fahd bin Salem"),
        ("Le conseil a entendu M. Jean Dumoulin mardi.", "Jean Dumoulin"),
    ],
)
def test_a_person_by_structure(text: str, name: str) -> None:
    assert discover(text).get(name) is PERSON


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Talvi agreed to purchase Orbix Mining for $2bn in cash.", "Orbix Mining"),
        ("Asked about the lawsuit, the Orbix CEO declined to comment.", "Orbix"),
        ("Many Orbix shareholders prefer a cash offer.", "Orbix"),
        ("Avant cela, il fut président-directeur général de Velmora pendant six ans.", "Velmora"),
        ("Le rachat renforce Sodexa, filiale de Korvane, dans la logistique.", "Korvane"),
        ("Accord conclu avec la suédoise Brannvik sur les capteurs.", "Brannvik"),
        ("La banque s’appuie sur Corvalis, spécialiste des paiements en ligne.", "Corvalis"),
        ("Le lancement vise son rival direct, Plantago, sur le marché belge.", "Plantago"),
        ("Elle a travaillé au groupe japonais de cosmétiques Shirane.", "Shirane"),
        ("Ses actionnaires existants Quillon et Daphnia remettent au pot.", "Daphnia"),
        # the item's fund, not the ministry that owns it
        (
            "Ses investisseurs actuels, dont le Fonds Marin de la région Bretagne, suivent.",
            "Fonds Marin",
        ),
        (
            "L’essai réunit les Hospices civils de Rennes et le CHU de Brest.",
            "Hospices civils de Rennes",
        ),
        ("L’essai réunit les Hospices civils de Rennes et le CHU de Brest.", "CHU de Brest"),
        ("Le modèle a été testé au Centre Marie Ravel de Dijon.", "Centre Marie Ravel"),
    ],
)
def test_a_firm_by_structure(text: str, name: str) -> None:
    assert discover(text).get(name) is COMPANY


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Ana Ruiz stays CEO of Devices after the reshuffle.", "Devices"),
        ("Former CEO Ana Ruiz left in May.", "Former"),
        (
            "Ses investisseurs actuels, dont le Fonds Marin de la région Bretagne, suivent.",
            "Bretagne",
        ),
        ("Talvi's founder Ana Ruiz will chair the board.", "Talvi's"),
    ],
)
def test_no_firm_from_a_division_a_title_word_or_an_owner(text: str, absent: str) -> None:
    assert absent not in discover(text)


def test_a_french_institution_is_also_its_english_name() -> None:
    assert "Nexa Foundation" in short_forms("Fondation Nexa")
    assert "Nexa Institute" in short_forms("Institut Nexa")


@pytest.mark.parametrize(
    ("text", "name", "joined"),
    [
        # a headline ending in a name, then a sentence starting with it (one a line)
        (
            "Orbital Freight leads a round in Quillon Robotics\nQuillon Robotics has raised $20m.",
            "Quillon Robotics",
            "Quillon Robotics Quillon Robotics",
        ),
        (
            "The board thanked Nadia Verhoeven\nNadia Verhoeven is the CEO of Quillon.",
            "Nadia Verhoeven",
            "Nadia Verhoeven Nadia Verhoeven",
        ),
        (
            "Backers of Quillon\nHarbor Peak Capital led the round.",
            "Harbor Peak Capital",
            "Quillon Harbor Peak Capital",
        ),
    ],
)
def test_a_name_never_runs_across_a_line_break(text: str, name: str, joined: str) -> None:
    found = discover(text)
    assert name in found
    assert joined not in found


def test_a_list_of_investors_ends_at_its_line() -> None:
    found = discover("Investors include Harbor Peak and Quillon Labs\nLyon Metro then grew.")
    assert "Quillon Labs" in found
    assert not any("Lyon" in name for name in found)


def test_a_one_character_noise_word_inside_a_chinese_name() -> None:
    # 和 is no "and" in 杭州青和投资; 以及 before a one-character head leaves no name
    assert "杭州青和投资" in discover("股东包括杭州青和投资、远帆创投等机构。")
    assert not [n for n in discover("科技大厂以及深创投等机构。") if "以及" in n]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The deal was signed by Kevin Marlow on Friday.", "Kevin Marlow"),
        ("Un entretien avec Sophie Durand-Lefèvre, à Nantes.", "Sophie Durand-Lefèvre"),
        ("Seoul sent Kim Yong-seok to the talks.", "Kim Yong-seok"),
    ],
)
def test_a_common_given_name_and_a_capitalised_word_make_a_person(text: str, name: str) -> None:
    assert discover(text).get(name) is PERSON


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The round was led by Jensen Capital.", "Jensen Capital"),  # a firm's word ends it
        ("Chips ship to Grace Blackwell clusters.", "Grace Blackwell"),  # a product's name
        ("Claude Sonnet writes code.", "Claude Sonnet"),
    ],
)
def test_no_person_from_a_firm_or_a_product(text: str, absent: str) -> None:
    assert discover(text).get(absent) is not PERSON


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le projet associe Capgemini et Dorvalis (plate-forme de données, à Lille).", "Dorvalis"),
        ("Its partners include Nexavo (a Berlin startup) and two banks.", "Nexavo"),
    ],
)
def test_a_firm_described_in_parentheses(text: str, name: str) -> None:
    assert discover(text).get(name) is COMPANY


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Il a travaillé chez Velmora avant de fonder sa société.", "Velmora"),
        ("Le contrat lie l’opérateur Televal à deux hébergeurs.", "Televal"),
        ("Selon la fintech Payvo, le marché ralentit.", "Payvo"),
    ],
)
def test_a_french_firm_by_its_description_or_chez(text: str, name: str) -> None:
    assert discover(text).get(name) is COMPANY


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia agreed to buy Israeli AI startup Orvane for $700 million.",
        "Google invested in Lisbon-based AI chip firm Orvane last year.",
    ],
)
def test_capitalised_words_describing_a_name_are_no_name(text: str) -> None:
    found = discover(text)
    assert not any(name.endswith("AI") for name in found)


def test_a_title_after_a_title_word_is_no_person() -> None:
    found = discover("From May, Jane Roe is to serve as Chief Financial Officer at the unit.")
    assert not any(name.endswith("Officer") for name in found)


@pytest.mark.parametrize(
    ("text", "place", "firm"),
    [
        ("Orvane a racheté Pixelmar, une start-up basée à Grenoble.", "Grenoble", "Pixelmar"),
        ("Orvane bought Pixelmar, a startup based in Leeds.", "Leeds", "Pixelmar"),
        ("Orvane a repris Pixelmar, une start-up installée à Lyon.", "Lyon", "Pixelmar"),
        ("Orvane acquired Pixelmar, a startup headquartered in Austin.", "Austin", "Pixelmar"),
    ],
)
def test_the_place_of_a_described_startup_is_no_firm(text: str, place: str, firm: str) -> None:
    found = discover(text)
    assert place not in found
    assert found.get(firm) is EntityKind.COMPANY


def test_the_place_after_a_listed_firm_is_no_list_item() -> None:
    from kg.extract import extract_article
    from kg.schema import Article, ArticleFormat

    text = "Orvane Robotics a racheté Pixelmar Systems, une start-up basée à Grenoble."
    article = Article(id="t1", file="t1.txt", format=ArticleFormat.TEXT, lang="fr", text=text)
    result = extract_article(article)
    assert {e.name for e in result.entities} >= {"Orvane Robotics", "Pixelmar Systems"}
    assert "Grenoble" not in {e.name for e in result.entities}


@pytest.mark.parametrize(
    ("text", "name", "not_name"),
    [
        ("Orbis Labs was founded by former OpenAI CTO Jane Roe.", "Jane Roe",
         "OpenAI CTO Jane Roe"),
        ("Orbis Labs was founded by Vexa Chief Scientist Jane Roe and John Poe.", "Jane Roe",
         "Vexa Chief Scientist Jane Roe"),
        ("Investors include Acme CEO John Poe and Lumen Capital.", "John Poe", "Acme CEO John Poe"),
    ],
)
def test_a_title_inside_capitalised_words_ends_before_the_name(
    text: str, name: str, not_name: str
) -> None:
    found = discover(text)
    assert found.get(name) is EntityKind.PERSON and not_name not in found

