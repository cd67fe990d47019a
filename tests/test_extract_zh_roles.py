"""Chinese roles (kg/extract/roles.py, tenure.py, titles.py) on our own sentences: a person
named right after a Latin title ("CEO王伟"), role verbs with a time phrase or 兼任/出掌, titles
joined by 暨; hard negatives: rumoured, planned and denied appointments, former roles."""

from __future__ import annotations

import pytest
from test_extract import article, triples

from kg.extract import extract_article


def found(text: str) -> set[tuple[str, str, str]]:
    return triples(extract_article(article(text, "zh")))


STATED = [
    ("商汤科技CEO徐立周一表示，新模型已上线。", ("徐立", "LEADS", "SenseTime")),
    ("商湯科技CEO徐立週一表示，新模型已上線。", ("徐立", "LEADS", "SenseTime")),
    ("智谱创始人兼CTO邵阳表示，开源仍是重点。", ("邵阳", "FOUNDED", "Zhipu AI")),
    ("智谱创始人兼CTO邵阳表示，开源仍是重点。", ("邵阳", "WORKS_AT", "Zhipu AI")),
    ("王强兼任腾讯首席财务官。", ("王强", "WORKS_AT", "Tencent")),
    ("刘洋出掌百度智能云。", ("刘洋", "LEADS", "Baidu AI Cloud")),
    ("刘洋出掌百度首席技术官一职。", ("刘洋", "WORKS_AT", "Baidu")),
    ("黄仁勋自1993年起担任英伟达首席执行官。", ("Jensen Huang", "LEADS", "NVIDIA")),
    ("陈立于2021年3月起担任小米董事长。", ("陈立", "LEADS", "Xiaomi")),
    ("华硕董事长暨总经理许明表示，订单充足。", ("许明", "LEADS", "ASUS")),
    ("華碩董事長暨總經理許明表示，訂單充足。", ("許明", "LEADS", "ASUS")),
    # a digit, a time word or a verb after a name ends it
    ("英伟达首席财务官柯丽娜9月在会上指出，回购将继续。", ("柯丽娜", "WORKS_AT", "NVIDIA")),
    ("华硕董事长施崇棠、副董事长邵明宾出席发布会。", ("邵明宾", "BOARD_MEMBER_OF", "ASUS")),
    ("華碩董事長施崇棠、副董事長邵明賓送給來賓一份禮物。", ("邵明賓", "BOARD_MEMBER_OF", "ASUS")),
    # titles a linguist lists for the firm's officers (roles.yaml, zh_people titles)
    ("小米联席CEO邵立新表示，订单充足。", ("邵立新", "LEADS", "Xiaomi")),
    ("阿里巴巴主席邵立新表示，订单充足。", ("邵立新", "LEADS", "Alibaba")),
    ("红杉中国董事总经理邵立新表示，估值偏高。", ("邵立新", "WORKS_AT", "HongShan")),
    ("百度首席人工智能官邵立新表示，模型已上线。", ("邵立新", "WORKS_AT", "Baidu")),
    ("華碩策略長邵立新表示，訂單充足。", ("邵立新", "WORKS_AT", "ASUS")),
    ("阿里巴巴集团总裁邵立新表示，订单充足。", ("邵立新", "LEADS", "Alibaba")),
    # "P在X担任T" with an adverb of the present before 在
    ("雷军目前在小米担任首席执行官。", ("Lei Jun", "LEADS", "Xiaomi")),
    ("邵立新現在小米擔任首席技術官。", ("邵立新", "WORKS_AT", "Xiaomi")),
    # appointed, in the passive
    ("邵立新被任命为小米首席执行官。", ("邵立新", "LEADS", "Xiaomi")),
    ("邵立新獲任小米首席執行官。", ("邵立新", "LEADS", "Xiaomi")),
    ("小米宣布，邵立新将接替雷军出任首席执行官。", ("邵立新", "LEADS", "Xiaomi")),
    # a name opening a clause with its title apposed between commas
    ("邵立新，百度首席执行官，表示将加大投入。", ("邵立新", "LEADS", "Baidu")),
    ("邵立新，騰訊首席財務官，週二表示。", ("邵立新", "WORKS_AT", "Tencent")),
    # zh_roles.py: a title held "as", founders after 由 or listed before the verb
    ("作为小米的首席执行官，雷军表示新品将于下月发布。", ("Lei Jun", "LEADS", "Xiaomi")),
    ("作為小米的首席執行官，雷軍表示新品將於下月發布。", ("Lei Jun", "LEADS", "Xiaomi")),
    ("身为小米创始人的雷军表示，手机仍是核心。", ("Lei Jun", "FOUNDED", "Xiaomi")),
    ("字节跳动由张一鸣和梁汝波联合创立。", ("Zhang Yiming", "FOUNDED", "ByteDance")),
    ("字节跳动由张一鸣和梁汝波联合创立。", ("Liang Rubo", "FOUNDED", "ByteDance")),
    ("小米由前金山软件高管雷军创立。", ("Lei Jun", "FOUNDED", "Xiaomi")),
    ("张一鸣与梁汝波于2012年共同创办字节跳动。", ("Zhang Yiming", "FOUNDED", "ByteDance")),
]


@pytest.mark.parametrize(("text", "triple"), STATED)
def test_a_chinese_role_is_read(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in found(text)


NOT_STATED = [
    "传闻雷军将出任百度首席执行官。",
    "傳聞雷軍將出任百度首席執行官。",
    "百度否认雷军将出任其首席执行官。",
    "雷军拟出任百度董事。",
    "雷军计划兼任百度首席执行官。",
    "雷军曾任金山软件首席执行官。",
    "前百度CTO李明表示，模型需要更多数据。",
    "百度前CTO李明表示，模型需要更多数据。",
    "作为小米的客户，雷军表示满意。",
    "中国国家主席邵立新表示，合作将继续。",
    "雷军曾在金山软件担任首席执行官。",
    "邵立新此前在百度担任首席技术官。",
    "作为小米的长期投资方，顺为资本的许达来表示看好。",
]


@pytest.mark.parametrize("text", NOT_STATED)
def test_an_unsure_or_former_role_states_nothing(text: str) -> None:
    assert not any(t[1] in ("LEADS", "WORKS_AT", "BOARD_MEMBER_OF") for t in found(text))


def test_a_year_before_the_role_verb_is_no_name() -> None:
    result = extract_article(article("张伟自2020年起担任小米首席执行官。", "zh"))
    names = {e.name for e in result.entities}
    assert "年起" not in names
    assert "张伟" in names


def test_a_description_between_by_and_the_founder_is_not_founded() -> None:
    facts = found("小米由前金山软件高管雷军创立。")
    assert not any(t[1] == "FOUNDED" and t[2] == "Kingsoft" for t in facts)


def test_a_time_word_before_a_speech_verb_is_no_person() -> None:
    text = "邵立新，騰訊首席財務官，週二表示。周一，百度首席执行官表示。"
    result = extract_article(article(text, "zh"))
    names = {e.name for e in result.entities}
    assert "週二" not in names and "周一" not in names
    assert "邵立新" in names


def test_the_one_succeeded_is_not_given_the_role() -> None:
    assert ("Lei Jun", "LEADS", "Xiaomi") not in found("小米宣布，邵立新将接替雷军出任首席执行官。")
    assert ("Lei Jun", "LEADS", "Xiaomi") not in found("邵立新接替雷军担任小米首席执行官。")


def test_an_adverb_after_a_name_is_not_part_of_it() -> None:
    result = extract_article(article("雷军曾在金山软件担任首席执行官。", "zh"))
    names = {e.name for e in result.entities}
    assert "雷军曾" not in names
