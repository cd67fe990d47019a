"""Firms nobody listed, named in a Chinese enumeration beside firms the gazetteer knows.

"获得包括甲、乙、丙等在内的多家企业投资", "已与多家上市公司合作，包括甲、乙、丙等": the items of a
、-list are things of one sort. When the list holds known firms (two, or one in a sentence
that says it speaks of firms: 公司, 企业, 机构 …) and no more known things of another sort
(people, products, places), its other items that look like names are firms too. The list
words (separators, openers, descriptions, closers) are those of `data/zh_lists.yaml`, which
kg/extract/zh_lists.py reads for the relations; this module only finds the names, so that
each becomes an entity (with its pinyin, kg/extract/pinyin.py) wherever the article names it.
"""

from __future__ import annotations

import re
from functools import cache

from kg.data import DATA, ZhLists, load_model
from kg.extract.gazetteer import Gazetteer
from kg.extract.trie import trie_pattern
from kg.lang import to_simplified
from kg.schema import EntityKind

_FIRMS = (EntityKind.COMPANY, EntityKind.FUND)
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE = re.compile(r"[^，,；;：:（()）「」“”\"《》]+")
# the sentence speaks of firms: "多家上市公司", "明星企业", "投资机构", "车企"
_FIRM_NOUN = re.compile(
    r"公司|企业|企業|机构|機構|厂商|廠商|车企|車企|集团|集團|品牌|伙伴|夥伴|股东|股東"
)
# characters no firm's name holds: particles, verbs of the clause, numbers
_NOT_IN_NAME = re.compile(
    r"[的了在将將已被把对對于於是由这這那其并並而又也就都还還却卻再曾要年亿億万萬轮輪%％0-9０-９\s]"
)
_NAME = re.compile(r"[\u3400-\u9fff]{2,8}")


@cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    data = load_model(DATA / "zh_lists.yaml", ZhLists)
    # one-character openers (为, 有, 及) end names too often (华为): only words of two or more
    words = [w for w in [*data.openers, *data.descriptions] if len(w) > 1 or w in "：:"]
    opener = re.compile(rf".*(?:{trie_pattern(words)})", re.DOTALL)
    closer = re.compile(rf"(?:等|在内|在內|{trie_pattern(data.closers)}).*$", re.DOTALL)
    sep = re.compile(trie_pattern([s for s in data.separators if s != "、"]))
    return opener, closer, sep, frozenset(data.not_items)


def zh_listed_firms(text: str, gaz: Gazetteer) -> dict[str, EntityKind]:
    """Unknown names that share a 、-list with known firms, each a Company (a Fund when it
    ends like one: 资本, 创投, 基金)."""
    out: dict[str, EntityKind] = {}
    if "、" not in text:
        return out
    for sentence in _SENTENCE.finditer(text):
        if "、" not in sentence.group(0):
            continue
        about_firms = bool(_FIRM_NOUN.search(sentence.group(0)))
        for clause in _CLAUSE.finditer(sentence.group(0)):
            if clause.group(0).count("、") >= 1:
                _read_list(_items(clause.group(0)), gaz, about_firms, out)
    return out


def _items(clause: str) -> list[str]:
    opener, closer, sep, _ = _words()
    pieces = clause.split("、")
    first = opener.match(pieces[0])
    if first is not None and first.end() < len(pieces[0]):
        pieces[0] = pieces[0][first.end() :]
    pieces[-1] = closer.sub("", pieces[-1])
    last = sep.split(pieces.pop())  # "甲、乙和丙"
    return [p.strip() for p in [*pieces, *last] if p.strip()]


def _read_list(
    items: list[str], gaz: Gazetteer, about_firms: bool, out: dict[str, EntityKind]
) -> None:
    """Every item a name (no clause words: "依据公平、合理、无歧视原则" is no list of names)."""
    known = [_known(item, gaz) for item in items]
    if any(
        k is None and not (_name_like(item) or _latin_like(item))
        for item, (k, _) in zip(items, known, strict=True)
    ):
        return
    firms = sum(1 for k, _ in known if k in _FIRMS)
    others = sum(1 for k, _ in known if k is not None and k not in _FIRMS)
    if firms == 0 or others >= firms or (firms < 2 and not about_firms):
        return
    for item, (kind, new) in zip(items, known, strict=True):
        if (kind is None or new) and _name_like(item) and not _PARENT.search(item):
            out.setdefault(item, EntityKind.FUND if _FUND_END.search(item) else EntityKind.COMPANY)


def _name_like(item: str) -> bool:
    return (
        bool(_NAME.fullmatch(item)) and not _NOT_IN_NAME.search(item) and (item not in _words()[3])
    )


def _latin_like(item: str) -> bool:  # a Latin item is discover.py's to find
    return bool(_LATIN.fullmatch(item))


_LATIN = re.compile(r"[A-Z][A-Za-z0-9&.\- ]{0,30}")


_PARENT = re.compile(r"旗下|下属|下屬|控股的|所属|所屬")
_FUND_END = re.compile(r"(?:资本|資本|创投|創投|基金|投资|投資|资管|資管)$")
# what a known firm's name and one more word make: its arm (东风资产), another firm
_ARM = re.compile(
    r"(?:资产|資產|资本|資本|投资|投資|创投|創投|基金|资管|資管|科技|汽车电子|汽車電子|电子|電子|"
    r"智能|光学|光學|精工|实业|實業|股份|集团|集團|控股|半导体|半導體|新材|材料|软件|軟件|云|雲)$"
)


def _known(item: str, gaz: Gazetteer) -> tuple[EntityKind | None, bool]:
    """The kind of the known entity an item names, and whether the item is another firm named
    after it (东风资产: Dongfeng's arm). A known name with a word of the clause around it
    (不仅鸿海, 亚马逊正) is that name; one inside a longer run is no list item at all."""
    simple = to_simplified(item)
    eid = gaz.by_alias.get(item) or gaz.by_alias.get(simple)
    if eid is not None:
        return gaz.entries[eid].kind, False
    m = gaz.cjk_re.search(simple) if gaz.cjk_re is not None else None
    if m is None and gaz.latin_re is not None:
        m = gaz.latin_re.search(simple)
    eid = gaz.by_alias.get(m.group(0)) if m else None
    if m is None or eid is None or len(simple) - len(m.group(0)) > 3:
        return None, False
    kind = gaz.entries[eid].kind
    if m.start() == 0 and _ARM.search(simple[m.end() :]):
        return kind, True
    return (kind, False) if m.start() == 0 or m.end() == len(simple) else (None, False)
