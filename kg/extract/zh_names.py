"""Chinese firms nobody listed, found by the words that introduce them.

- A description in front of the name: "AI芯片设计公司曜石微电子近日获得…", "国内大模型独角兽星川
  智能宣布…", "估值百亿的澜舟云图今天表示…", "总部位于杭州的青岚数智…". The description ends in a
  head word (公司, 独角兽, 厂商, 巨头 …, `heads`) with at least one word before it that is no
  determiner (该公司, 这家公司 name nobody new); the name runs from there to the first word that
  ends a name (宣布, 近日, 表示, punctuation …, `ends`), two to eight characters.
- A registered name: "北京青岚数智科技有限公司" is also "青岚数智" (a place, the short name, a
  trade word, the legal form), and "…有限公司（以下简称“青岚”）" says its short name outright.

The words are `zh_names` in data/discovery.yaml. A candidate holding a word no name holds
(目前, 股价, a job title …, `not_names`), a known name inside a longer run, or a clause
character (的, 在, 是 …) is dropped. Traditional text is folded to simplified for the reading;
names keep the article's characters.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from kg.data import DATA, load_yaml
from kg.extract.aliases import Pair
from kg.extract.gazetteer import Gazetteer
from kg.extract.pinyin import romanized
from kg.extract.trie import trie_pattern
from kg.extract.zh_firm_lists import zh_listed_firms
from kg.lang import to_simplified
from kg.schema import EntityKind

# characters a firm's name (of this size) does not hold: clause words
_CLAUSE_CHAR = re.compile(
    r"[的了在是于被把将向从对也都还就又并而其该这那及与和为已曾以因最更很不没无某每各何若虽所有得着过或但且则即乃之]"
)
_FUND = re.compile(r"(?:资本|创投|基金|投资|资管|风投)$")


class _Words(NamedTuple):
    described: re.Pattern[str]
    quoted: re.Pattern[str]
    ends: re.Pattern[str]
    determined: re.Pattern[str]
    registered: re.Pattern[str]
    short: re.Pattern[str]
    not_names: re.Pattern[str]
    generic: frozenset[str]
    legal_forms: tuple[str, ...]


@cache
def _words() -> _Words:
    data = load_yaml(DATA / "discovery.yaml")
    zh = data["zh_names"]
    ends = trie_pattern(zh["ends"])
    # a lookahead: a candidate dropped must not hide one that starts inside it
    described = re.compile(
        rf"(?=(?:(?<=[\u4e00-\u9fffA-Za-z0-9])(?:{trie_pattern(zh['heads'])})|{'|'.join(zh['leads'])})"
        rf"(?P<name>[\u4e00-\u9fff]{{2,6}}?)(?=[（(]\s*[A-Za-z]|{ends}))"
    )
    # a name in quotes after a description: 人工智能平台“青岚公司”, 芯片企业「曜石」
    quoted = re.compile(
        rf"(?<=[\u4e00-\u9fffA-Za-z0-9])(?P<head>{trie_pattern([*zh['heads'], '平台'])})"
        r"[“「\"](?P<name>[\u4e00-\u9fffA-Za-z0-9]{2,8})[”」\"]"
    )
    places, trades = trie_pattern(zh["places"]), trie_pattern(zh["trades"])
    registered = re.compile(
        rf"(?:(?<=[，,。、；;：:（(）)“”\"《》\s由与和及向对被是为获了])|^|(?={places}))"
        rf"(?P<full>(?:{places})?(?:市|省)?(?P<short>(?![由与和及向对被是为获了])[\u4e00-\u9fff]{{2,6}}?)(?:{trades})*"
        rf"(?:{trie_pattern(zh['legal_forms'])}))"
    )
    short = re.compile(
        r"[（(](?:以下简称|以下称|下称|简称|以下简称为)[：:]?[“\"「]?(?P<short>[^”\"」）)，,]{2,10})"
        r"[”\"」]?[）)]"
    )
    titles = data["zh_people"]["titles"]
    return _Words(
        described,
        quoted,
        re.compile(ends),
        re.compile(rf"(?:{trie_pattern(zh['determiners'])})$"),
        registered,
        short,
        re.compile(trie_pattern([*zh["not_names"], *titles])),
        frozenset([*zh["generic_short"], *data["suffixes"]["zh_generic"]]),
        tuple(zh["legal_forms"]),
    )


def zh_firms(text: str, gaz: Gazetteer) -> tuple[dict[str, EntityKind], list[Pair]]:
    """Unknown Chinese firms in `text` (listed beside known ones, described, registered) and
    the short names of registered ones, as pairs (name, alias, None) folded onto the firm."""
    found = zh_listed_firms(text, gaz)
    if not re.search(r"[\u4e00-\u9fff]", text):
        return found, []
    folded = to_simplified(text)
    pairs: list[Pair] = []
    for name in [*described(text, folded, gaz), *quoted(text, folded, gaz)]:
        kind = EntityKind.FUND if _FUND.search(name) else EntityKind.COMPANY
        if not romanized(name, kind):
            continue  # no English spelling (启元世界): news in English would name it otherwise
        found.setdefault(name, kind)
        if name.endswith("公司") and len(name) >= 4:  # 青岚公司 is also 青岚
            pairs.append((name, name[:-2], None))
    for full, short in registered(text, folded, gaz):
        if _known(short, gaz) is None:
            found.setdefault(short, EntityKind.COMPANY)
        pairs.append((short, full, None))
    return found, pairs


def described(text: str, folded: str, gaz: Gazetteer) -> list[str]:
    """Names right after a description: "AI芯片设计公司曜石微电子近日…"."""
    w = _words()
    out: list[str] = []
    for m in w.described.finditer(folded):
        if w.determined.search(folded, max(0, m.start() - 3), m.start()):
            continue  # 该公司, 这家公司: a determiner right before the head names nobody new
        name = text[m.start("name") : m.end("name")]
        if _plausible(m.group("name"), w, gaz) and name not in out:
            out.append(name)
    return out


def quoted(text: str, folded: str, gaz: Gazetteer) -> list[str]:
    """Names in quotes after a description: 人工智能平台“青岚公司”; after 平台 only a name
    ending in 公司 (平台“星火” may be a product's)."""
    w = _words()
    out: list[str] = []
    for m in w.quoted.finditer(folded):
        inner = m.group("name")
        if w.determined.search(folded, max(0, m.start() - 3), m.start()):
            continue
        if m.group("head") == "平台" and not inner.endswith("公司"):
            continue
        name = text[m.start("name") : m.end("name")]
        if name not in out and not w.not_names.search(inner.removesuffix("公司")):
            if _known(name, gaz) is None and _known(name.removesuffix("公司"), gaz) is None:
                out.append(name)
    return out


def _plausible(name: str, w: _Words, gaz: Gazetteer) -> bool:
    if _CLAUSE_CHAR.search(name) or w.ends.match(name) or w.not_names.search(name):
        return False
    if re.fullmatch(r"[A-Za-z0-9·]+", name) or re.search(r"\d", name):
        return False  # a Latin name is discover.py's; digits make no Chinese name here
    return _known(name, gaz) is None and not _holds_known(name, gaz)


def _known(name: str, gaz: Gazetteer) -> str | None:
    return gaz.by_alias.get(name) or gaz.by_alias.get(to_simplified(name))


def _holds_known(name: str, gaz: Gazetteer) -> bool:
    """A known name inside the run (芯片巨头英伟达今年): the run is no new name."""
    return bool(gaz.cjk_re and gaz.cjk_re.search(to_simplified(name)))


def registered(text: str, folded: str, gaz: Gazetteer) -> list[tuple[str, str]]:
    """(full name, short name) of each registered company name: "北京青岚数智科技有限公司"
    -> 青岚数智; an explicit "（以下简称“青岚”）" after it wins."""
    w = _words()
    out: list[tuple[str, str]] = []
    if not any(form in folded for form in w.legal_forms):
        return out  # every registered name ends in a legal form: no need to try each position
    for m in w.registered.finditer(folded):
        full = text[m.start("full") : m.end("full")]
        said = w.short.match(folded, m.end("full"))
        if said:
            short = text[said.start("short") : said.end("short")]
        else:
            short = text[m.start("short") : m.end("short")]
            if m.group("short") in w.generic or _CLAUSE_CHAR.search(m.group("short")):
                continue
        if full != short and (full, short) not in out:
            out.append((full, short))
    return out
