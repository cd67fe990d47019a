"""Chinese lists of investors and officers (kg/extract/zh_lists.py and the frames reading them):
items before their verb ("由A、B和C等联合领投"), after their opener ("本轮投资方为A、B和C"),
names nobody listed inside such a list, the bare 公司 of a company announcement, and titles
held before (前任). Our own sentences, with hard negatives."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from tests.test_extract import article, triples


def facts(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, "zh")))


def funders(text: str) -> set[str]:
    return {a for a, rel, _ in facts(text) if rel == "FUNDS"}


def test_a_list_before_a_joint_lead_verb_is_every_lead() -> None:
    got = facts("百川智能完成A轮融资，由阿里巴巴、腾讯和小米等联合领投。")
    assert {a for a, rel, _ in got if rel == "FUNDS"} == {"Alibaba", "Tencent", "Xiaomi"}
    assert ("Baichuan", "RAISED", "Baichuan Series A funding round") in got


def test_unlisted_names_in_a_list_with_a_known_investor_are_investors() -> None:
    got = funders("智谱完成B轮融资，由腾讯领投，远川投资、北辰半导体和青石资本等机构跟投。")
    assert {"Tencent", "远川投资", "北辰半导体", "青石资本"} <= got


def test_an_unlisted_name_gets_its_pinyin_spelling() -> None:
    result = extract_article(article("智谱完成B轮融资，由腾讯领投，远川投资跟投。", "zh"))
    fund = next(e for e in result.entities if e.name == "远川投资")
    assert fund.kind.value == "Fund"
    assert "Yuanchuan" in fund.aliases


def test_a_parent_before_a_fund_is_no_part_of_its_name() -> None:
    got = funders("智谱完成B轮融资，由腾讯、北辰资本旗下远川基金联合领投。")
    assert "远川基金" in got
    assert not any("旗下" in name for name in got)


def test_a_list_of_unknown_words_alone_names_no_investor() -> None:
    # no known firm vouches for the list: 团队 and 员工 are no investors, nor are the words
    assert funders("智谱完成B轮融资，核心团队、早期员工跟投。") == set()


def test_the_list_ends_at_its_closing_words() -> None:
    got = facts(
        "截至目前，百川智能累计获得逾5亿元投资，腾讯、美团等科技巨头以及红杉中国等头部机构"
        "一起构成了强大的股东阵容。"
    )
    investors = {a for a, rel, _ in got if rel == "INVESTS_IN"}
    assert {"Tencent", "Meituan", "HongShan"} <= investors
    assert all("阵容" not in a and "构成" not in a for a in investors)


@pytest.mark.parametrize(
    "text",
    [
        "智谱宣布完成新一轮融资，本轮投资方为腾讯、阿里巴巴和红杉中国。",
        "智谱宣布完成新一轮融资，参与本轮融资的投资者包括腾讯、阿里巴巴与红杉中国。",
    ],
)
def test_investors_named_after_their_opener_fund_the_round(text: str) -> None:
    assert funders(text) == {"Tencent", "Alibaba", "HongShan"}


def test_an_investor_noun_is_no_investment_verb() -> None:
    # 投资方 ("the investors") is not 投资 ("invests"): 智谱 invests in nobody
    got = facts("智谱宣布完成新一轮融资，本轮投资方为腾讯。")
    assert not any(a == "Zhipu AI" and rel == "INVESTS_IN" for a, rel, _ in got)


@pytest.mark.parametrize(
    "text",
    [
        "有传闻称腾讯将领投智谱的新一轮融资，智谱否认了这一消息。",
        "腾讯否认参与智谱的B轮融资。",
        "智谱终止了与腾讯的B轮融资谈判。",
    ],
)
def test_rumoured_or_denied_rounds_name_no_funder(text: str) -> None:
    assert funders(text) == set()


def test_officers_listed_after_their_title_hold_it() -> None:
    got = facts("百度发布公告。公司执行董事包括陈立、王晓峰和林海。")
    holders = {a for a, rel, org in got if org == "Baidu" and rel == "BOARD_MEMBER_OF"}
    assert holders == {"陈立", "Wang Xiaofeng", "林海"} or len(holders) == 3


def test_a_bare_company_word_is_the_company_the_text_is_about() -> None:
    got = facts("百度发布公告称，公司与小米签署了战略合作协议。")
    assert ("Baidu", "PARTNERS_WITH", "Xiaomi") in got or (
        "Xiaomi",
        "PARTNERS_WITH",
        "Baidu",
    ) in got


def test_company_law_is_no_company() -> None:
    got = facts("百度发布公告。公司法规定董事会须有三名独立董事，张三担任独立董事。")
    assert not any(org == "Baidu" for _, rel, org in got if rel == "BOARD_MEMBER_OF")


@pytest.mark.parametrize(
    "text",
    ["前任百度总裁张亚勤加入清华大学。", "原百度总裁张亚勤加入清华大学。"],
)
def test_a_title_held_before_at_a_named_firm_is_no_role(text: str) -> None:
    assert not any(org == "Baidu" for _, _, org in facts(text))


def test_a_nominal_acquisition_names_its_buyer_and_target() -> None:
    assert ("Tencent", "ACQUIRES", "Baichuan") in facts(
        "腾讯完成了对百川智能的收购，交易金额约7亿美元。"
    )


@pytest.mark.parametrize(
    "text",
    [
        "腾讯终止了对百川智能的收购。",
        "腾讯拟完成对百川智能的收购。",
        "投资者对腾讯的收购计划表示担忧，百川智能未予置评。",
    ],
)
def test_a_stopped_planned_or_merely_discussed_acquisition_is_none(text: str) -> None:
    assert not any(rel == "ACQUIRES" for _, rel, _ in facts(text))


def test_funding_won_by_a_founder_is_the_firm_he_founded() -> None:
    text = "李开复创办了零一万物。创业不到一年，李开复便获得阿里巴巴、小米等巨头投资。"
    got = facts(text)
    assert ("Alibaba", "INVESTS_IN", "01.AI") in got and ("Xiaomi", "INVESTS_IN", "01.AI") in got


def test_a_person_with_no_firm_of_his_own_gets_no_investment() -> None:
    # nobody said what 李开复 founded or leads here: no firm to credit
    got = facts("李开复获得阿里巴巴、小米等巨头投资。")
    assert not any(rel == "INVESTS_IN" for _, rel, _ in got)


def test_firms_on_the_shareholder_list_invest_in_the_company_in_topic() -> None:
    text = "百川智能准备上市。百川智能成立于2023年。除腾讯外，高瓴、红杉中国等机构也位列股东名单。"
    got = facts(text)
    assert ("HongShan", "INVESTS_IN", "Baichuan") in got


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("百度的文心模型在推理上已赶超月之暗面。", ("Baidu", "Moonshot AI")),
        ("百度与阿里巴巴在云计算市场正面交锋。", ("Alibaba", "Baidu")),
    ],
)
def test_zh_rivalry_words(text: str, pair: tuple[str, str]) -> None:
    got = facts(text)
    assert (pair[0], "COMPETES_WITH", pair[1]) in got or (pair[1], "COMPETES_WITH", pair[0]) in got


def test_an_apposition_of_firm_and_title_after_a_person_states_the_role() -> None:
    got = facts("王小川，百川智能创始人兼CEO，表示新模型已上线。")
    assert ("Wang Xiaochuan", "FOUNDED", "Baichuan") in got
    assert ("Wang Xiaochuan", "LEADS", "Baichuan") in got


def test_an_apposition_with_more_than_firm_and_title_states_nothing() -> None:
    got = facts("王小川，百川智能的早期投资人，表示看好。")
    assert not any(a == "Wang Xiaochuan" and org == "Baichuan" for a, _, org in got)


def test_investors_of_a_firms_round_belong_to_that_firm() -> None:
    got = facts("月之暗面本轮融资的投资方包括腾讯和阿里巴巴。")
    investors = {a for a, rel, b in got if rel in ("INVESTS_IN", "FUNDS") and "Moonshot" in b}
    assert investors == {"Tencent", "Alibaba"}


@pytest.mark.parametrize(
    "text",
    [
        "小米与比亚迪成立合资公司。",
        "小米和比亚迪签署了一份战略合作协议。",
        "小米与比亚迪达成协议。",
    ],
)
def test_zh_joint_ventures_and_signed_agreements_are_partnerships(text: str) -> None:
    got = facts(text)
    assert ("BYD", "PARTNERS_WITH", "Xiaomi") in got or ("Xiaomi", "PARTNERS_WITH", "BYD") in got


@pytest.mark.parametrize(
    "text",
    [
        "小米与比亚迪签署了电池采购协议。",
        "小米与比亚迪达成和解协议。",
        "小米与比亚迪签署收购协议。",
    ],
)
def test_zh_a_purchase_settlement_or_takeover_agreement_is_no_partnership(text: str) -> None:
    assert not any(rel == "PARTNERS_WITH" for _, rel, _ in facts(text))


def test_a_round_led_by_a_named_investor_is_raised_by_its_owner() -> None:
    got = facts("高瓴领投月之暗面新一轮融资，腾讯跟投。")
    assert ("Moonshot AI", "RAISED", "Moonshot AI funding round") in got
    assert {a for a, rel, _ in got if rel == "FUNDS"} == {"Hillhouse", "Tencent"}


@pytest.mark.parametrize("text", ["OpenAI正在寻求新一轮融资。", "OpenAI的新一轮融资仍在洽谈中。"])
def test_a_round_sought_or_in_talks_is_not_raised(text: str) -> None:
    assert not any(rel == "RAISED" for _, rel, _ in facts(text))


def test_an_investment_in_a_firms_unnamed_unit_is_not_in_the_firm() -> None:
    assert not any(rel == "INVESTS_IN" for _, rel, _ in facts("英伟达宣布投资台积电旗下子公司。"))
    assert ("NVIDIA", "INVESTS_IN", "Zhipu AI") in facts("英伟达投资了腾讯旗下的智谱。")


def test_respectively_pairs_each_investor_with_its_own_investee() -> None:
    got = facts("腾讯和阿里巴巴分别投资了智谱和月之暗面。")
    assert {(a, b) for a, rel, b in got if rel == "INVESTS_IN"} == {
        ("Tencent", "Zhipu AI"),
        ("Alibaba", "Moonshot AI"),
    }


def test_without_respectively_both_invest_in_each() -> None:
    got = facts("腾讯和阿里巴巴投资了智谱。")
    assert {(a, b) for a, rel, b in got if rel == "INVESTS_IN"} == {
        ("Tencent", "Zhipu AI"),
        ("Alibaba", "Zhipu AI"),
    }


def test_its_largest_shareholder_is_a_stake_in_the_firm_of_the_clause_before() -> None:
    got = facts("月之暗面与阿里巴巴关系密切，后者是其最大股东。")
    assert ("Alibaba", "INVESTS_IN", "Moonshot AI") in got


@pytest.mark.parametrize(
    ("text", "raiser", "funder"),
    [
        ("腾讯宣布投资智谱AI，领投其5亿元A轮融资，高瓴资本跟投。", "Zhipu AI", "Tencent"),
        ("百川智能表示，阿里巴巴参与了其A轮融资。", "Baichuan", "Alibaba"),
        ("紅杉中國投資了月之暗面，並跟投其C輪融資。", "Moonshot AI", "HongShan"),
    ],
)
def test_its_round_after_a_funders_verb_is_the_funded_firms(
    text: str, raiser: str, funder: str
) -> None:
    got = facts(text)
    raised = {a for a, rel, _ in got if rel == "RAISED"}
    assert raised == {raiser}, got
    assert funder in {a for a, rel, _ in got if rel == "FUNDS"}, got


def test_its_own_subsidiary_stays_the_subjects() -> None:
    got = facts("腾讯完成B轮融资后，投资其子公司。")
    assert not any(rel == "RAISED" and a != "Tencent" for a, rel, _ in got), got


def test_a_regulator_suing_to_block_a_takeover_reviews_it_and_no_takeover_is_stated() -> None:
    got = facts("美国联邦贸易委员会起诉阻止谷歌收购百川智能。")
    assert any(a == "Federal Trade Commission" and rel == "REVIEWS" for a, rel, _ in got)
    assert ("Google", "ACQUIRES", "Baichuan") not in got


def test_a_regulator_halting_a_takeover_reviews_it() -> None:
    got = facts("英国竞争与市场管理局叫停了谷歌对百川智能的收购。")
    assert any(a == "Competition and Markets Authority" and rel == "REVIEWS" for a, rel, _ in got)
    assert ("Google", "ACQUIRES", "Baichuan") not in got


def test_passing_a_merger_is_a_review_but_passing_through_is_not() -> None:
    assert any(rel == "REVIEWS" for _, rel, _ in facts("台湾公平会通过了鸿海的合并案。"))
    assert not any(rel == "REVIEWS" for _, rel, _ in facts("公平会通过官网发布了年度报告。"))


def test_a_firm_that_sees_another_as_its_rival_competes_with_it() -> None:
    got = facts("智谱将OpenAI视为最大的竞争对手。")
    assert ("OpenAI", "COMPETES_WITH", "Zhipu AI") in got or (
        "Zhipu AI",
        "COMPETES_WITH",
        "OpenAI",
    ) in got


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("红杉中国管理合伙人周明表示，基金将继续看好人工智能。", "HongShan"),
        ("百川智能首席运营官李强称，新模型将于下月上线。", "Baichuan"),
        ("智谱资深副总裁陈刚出席了发布会。", "Zhipu AI"),
    ],
)
def test_zh_titles_of_partners_and_officers_state_a_role(text: str, org: str) -> None:
    assert any(b == org for _, rel, b in facts(text) if rel in ("LEADS", "WORKS_AT"))


def test_a_former_officer_holds_no_role() -> None:
    got = facts("百川智能前首席运营官李强加入了智谱。")
    assert not any(b == "Baichuan" for _, _, b in got)


@pytest.mark.parametrize(
    "text",
    [
        "百度牵手小米，共同打造智能家居生态。",
        "京东与小米联合打造行业大模型。",
        "阿里云与小米共建大模型训练平台。",
    ],
)
def test_zh_partnership_words(text: str) -> None:
    assert any(rel == "PARTNERS_WITH" and "Xiaomi" in (a, b) for a, rel, b in facts(text))


def test_a_denied_partnership_is_none() -> None:
    assert not any(
        rel == "PARTNERS_WITH" for _, rel, _ in facts("百度与小米的合作传闻被双方否认。")
    )


def test_a_unit_without_a_name_is_its_parents_money() -> None:
    """ "A旗下基金" in a list after 获得…投资: the unnamed fund is A's; the list goes on."""
    got = funders(
        "百川智能宣布完成C轮8亿元融资，获得红杉资本、高瓴资本旗下基金、启明创投等多家知名机构的大额投资。"
    )
    assert {"Sequoia Capital", "Hillhouse", "Qiming Venture Partners"} <= got
    assert not any("基金" == name for name in got)


def test_investors_a_listing_drew() -> None:
    """ "此次发行…吸引了A、B等基石投资者": the firm the text was about raised, A and B funded it."""
    got = facts(
        "百川智能本周在香港挂牌上市。此次发行共募资约20亿港元，吸引了淡马锡、阿里巴巴等多家基石投资者。"
    )
    assert {a for a, rel, _ in got if rel == "FUNDS"} == {"Temasek", "Alibaba"}
    assert {a for a, rel, _ in got if rel == "RAISED"} == {"Baichuan"}


def test_a_this_clause_without_a_round_raises_nothing() -> None:
    assert not facts("百川智能发布新模型。此次发布会吸引了腾讯、阿里巴巴等多家公司的代表。")


def test_firms_listed_as_early_shareholders() -> None:
    got = facts(
        "百川智能完成B轮融资。按收盘价计算，腾讯、阿里巴巴及红杉资本等早期股东的账面回报已翻倍。"
    )
    assert {"Tencent", "Alibaba", "Sequoia Capital"} <= {
        a for a, rel, _ in got if rel in ("FUNDS", "INVESTS_IN")
    }


def test_investors_in_general_are_no_shareholders() -> None:
    assert not facts("百川智能发布新模型，腾讯、阿里巴巴等投资者表示关注。")


def test_partners_counted_then_named() -> None:
    got = facts("百川智能近年已与多家车企达成合作，其中一些共建实验室，包括比亚迪、长城汽车等。")
    partners = {x for a, rel, b in got if rel == "PARTNERS_WITH" for x in (a, b)}
    assert {"Baichuan", "BYD", "Great Wall Motor"} <= partners


def test_partners_counted_but_not_named_are_none() -> None:
    """The firms in the next clause are no partners: "与多家车企合作，比亚迪等则观望"."""
    got = facts("百川智能已与多家车企达成合作，比亚迪、长城汽车等则选择观望。")
    assert not {f for f in got if f[1] == "PARTNERS_WITH"}


def test_buying_gpus_of_a_named_model_is_a_dependency() -> None:
    got = facts("富士康将购买五千颗英伟达Blackwell架构GB200 GPU，建设超级计算中心。")
    assert ("Foxconn", "DEPENDS_ON", "NVIDIA") in got
    assert not facts("腾讯去年买下了一家芯片公司。")


def test_second_largest_shareholder_after_a_firm() -> None:
    """ "成为仅次于X的第二大股东": X holds the larger stake in the same firm."""
    got = facts("软银对月之暗面的持股已超过10%，成为仅次于阿里巴巴的第二大外部股东。")
    assert ("Alibaba", "INVESTS_IN", "Moonshot AI") in got
    assert not facts("腾讯是仅次于阿里巴巴的第二大电商平台。")


def test_a_longer_name_that_starts_with_a_known_one_does_not_end_the_list() -> None:
    # 小米金融 starts with 小米 (known): the list goes on after its 、
    got = facts("百川智能获得小米金融、北辰资本旗下基金、青石资本等机构的投资。")
    investors = {a for a, rel, _ in got if rel == "INVESTS_IN"}
    assert {"Xiaomi", "青石资本"} <= investors
    assert "北辰资本" in investors  # "A旗下基金": a unit with no name of its own is A's money
    # the list still ends with the known name a verb follows
    got = facts("百川智能获得腾讯的投资，小米参与其中。")
    assert ("Xiaomi", "INVESTS_IN", "Baichuan") not in got
