"""Chinese lists of firms or people, with the names nobody listed.

    items_before(ctx, pos)   # "由A、B和C联合领投", "B、C等九家机构跟投" (pos: the verb)
    items_after(ctx, pos)    # "投资方包括A与B", "获得A、B等巨头投资" (pos: after the opener)

A list is read inside its clause (no comma crosses it) and cut at 、/和/与/及 (words in
`data/zh_lists.yaml`). Each item is a known name (a description such as 老股东 or 知名机构 may
stand in front of it; "A旗下B" is B) or, when the list holds at least one known name, a short
run of characters that looks like a name: no particle, no number, not a generic word. Such a
name becomes an entity (`via` "discovered"), a Fund when it ends like one (资本, 创投, 投资),
with its pinyin spelling as an alias (pinyin.py). People are taken only when known or
discovered (zh_people.py cuts their names).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from kg.data import DATA, ZhLists, load_model
from kg.extract.doc import Draft
from kg.extract.mentions import Mention
from kg.extract.pinyin import romanized
from kg.extract.slots import FIRMS, Ctx
from kg.extract.trie import trie_pattern
from kg.schema import EntityKind, entity_id

_CLAUSE_END = '，,。；;！？!?：:（()）「」“”"\n'
# characters no unlisted firm name holds: particles, verbs of the clause, numbers
_NOT_IN_NAME = re.compile(
    r"[的了在将將已被把对對于於是这這那其并並而又也就都还還却卻再曾要年亿億轮輪%％0-9０-９\s]"
)
_NAME_SHAPE = re.compile(r"[\u3400-\u9fffA-Za-z·&\-]{2,14}")


@dataclass(frozen=True)
class _Words:
    sep: re.Pattern[str]
    opener: re.Pattern[str]
    desc: re.Pattern[str]
    parent: re.Pattern[str]
    parent_after: re.Pattern[str]
    closer: re.Pattern[str]
    not_items: frozenset[str]
    fund_end: re.Pattern[str]


@cache
def _words() -> _Words:
    data = load_model(DATA / "zh_lists.yaml", ZhLists)
    return _Words(
        sep=re.compile(trie_pattern(data.separators)),
        opener=re.compile(rf".*(?:{trie_pattern(data.openers)})"),
        desc=re.compile(rf"(?:{trie_pattern(data.descriptions)})+"),
        parent=re.compile(rf".*(?:{trie_pattern(data.parents)})"),
        parent_after=re.compile(rf"\s*(?:{trie_pattern(data.parents)})的?\s*"),
        closer=re.compile(rf"(?:等[^、，,]{{0,12}}?)?(?:{trie_pattern(data.closers)})*\s*$"),
        not_items=frozenset(data.not_items),
        fund_end=re.compile(rf"(?:{trie_pattern(data.fund_ends)})$"),
    )


def items_before(
    ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS, discover: bool = True
) -> list[Mention]:
    """The list that ends right before the verb at `pos`, in text order; [] when none."""
    text, w = ctx.text, _words()
    lo = max(text.rfind(c, 0, pos) for c in _CLAUSE_END) + 1
    end = lo + w.closer.search(text[lo:pos]).start()  # type: ignore[union-attr]
    pieces = _pieces(ctx, lo, end)
    out: list[tuple[int, int, Mention | None]] = []
    for i, (s, e) in enumerate(reversed(pieces)):
        first = i == len(pieces) - 1
        item, opened = _item(ctx, s, e, kinds, leftmost=first)
        if item is None:
            break
        out.append(item)
        if opened:
            break  # "由A": the list starts at its opener
    return _made(ctx, out[::-1], kinds, discover)


def items_after(
    ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS, discover: bool = True
) -> list[Mention]:
    """The list that starts right after `pos` ("包括A、B与C"), in text order; [] when none."""
    text = ctx.text
    hi = min((i for c in _CLAUSE_END if (i := text.find(c, pos)) >= 0), default=len(text))
    out: list[tuple[int, int, Mention | None]] = []
    for s, e in _pieces(ctx, pos, hi):
        etc = text.find("等", s, e)  # "A、B等巨头以及C": the list goes on after its 等
        item = _forward_item(ctx, s, etc if etc >= 0 else e, kinds)
        if item is None:
            break
        out.append(item)
        if etc < 0 and item[1] < e and not (e < hi and _name_like(text[item[1] : e].strip())):
            break  # "A与B参与": the list ends with the known name its verb follows
            # (not "国投招商、B": a longer name the gazetteer knows the start of, then 、)
        if etc >= 0 and (e - etc > 8 or _NOT_IN_NAME.search(text, etc + 1, e)):
            break  # "A等机构一起构成…": the list is over
    return _made(ctx, out, kinds, discover)


def _pieces(ctx: Ctx, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans between separators, never cutting a known name (和 in 和利资本)."""
    inside = [(m.start, m.end) for m in ctx.mentions if m.end > lo and m.start < hi]
    out, start = [], lo
    for sep in _words().sep.finditer(ctx.text, lo, hi):
        if any(s <= sep.start() < e for s, e in inside):
            continue
        out.append((start, sep.start()))
        start = sep.end()
    out.append((start, hi))
    return [(s, e) for s, e in out if e > s]


def _item(
    ctx: Ctx, s: int, e: int, kinds: Collection[EntityKind], leftmost: bool
) -> tuple[tuple[int, int, Mention | None] | None, bool]:
    """One item of a backward list and whether the list starts with it."""
    w, text = _words(), ctx.text
    known = next((m for m in ctx.mentions if m.end == e and s <= m.start), None)
    if known is None:  # "IDG资本" with "IDG" known: still one unlisted name
        known = next((m for m in ctx.mentions if e - 2 <= m.end <= e and s <= m.start), None)
        if known is not None and text[known.end : e].strip():
            known = None
    if known is not None:
        head = text[s : known.start]
        opened = bool(head.strip()) and not _description(head)
        if known.kind not in kinds:
            return None, True
        return (known.start, known.end, known), opened or leftmost
    if any(s <= m.start < e for m in ctx.mentions):
        return None, True  # a known name inside something longer: not a list item
    start = s
    opener = w.opener.match(text, s, e) if leftmost else None
    if opener is not None:
        start = opener.end()
    start = _after_description(text, start, e)
    name = text[start:e].strip()
    if not _name_like(name):
        return None, True
    return (start, start + len(name), None), leftmost or opener is not None


def _forward_item(
    ctx: Ctx, s: int, e: int, kinds: Collection[EntityKind]
) -> tuple[int, int, Mention | None] | None:
    if (unit := _unnamed_unit(ctx, s, e, kinds)) is not None:
        return unit
    start = _after_description(ctx.text, s, e)
    known = next((m for m in ctx.mentions if start <= m.start <= start + 1 and m.end <= e), None)
    if known is not None:
        return (known.start, known.end, known) if known.kind in kinds else None
    if any(start <= m.start < e for m in ctx.mentions):
        return None
    name = ctx.text[start:e].strip()
    return (start, start + len(name), None) if _name_like(name) else None


def _unnamed_unit(
    ctx: Ctx, s: int, e: int, kinds: Collection[EntityKind]
) -> tuple[int, int, Mention | None] | None:
    """ "A旗下基金", "A旗下的投资平台": a unit with no name of its own is A's money."""
    w = _words()
    parent = w.parent_after.search(ctx.text, s, e)
    if parent is None or ctx.text[parent.end() : e].strip() not in w.not_items:
        return None
    owner = next((m for m in ctx.mentions if s <= m.start and m.end == parent.start()), None)
    return (owner.start, e, owner) if owner is not None and owner.kind in kinds else None


def _after_description(text: str, s: int, e: int) -> int:
    w = _words()
    parent = w.parent.match(text, s, e)
    if parent is not None:
        s = parent.end()
    while s < e and text[s].isspace():
        s += 1
    desc = w.desc.match(text, s, e)
    return desc.end() if desc is not None and desc.end() < e else s


def _description(head: str) -> bool:
    w = _words()
    head = head.strip()
    parent = w.parent.match(head)
    if parent is not None:
        head = head[parent.end() :]
    return not head or bool(w.desc.fullmatch(head))


def _name_like(name: str) -> bool:
    return (
        bool(_NAME_SHAPE.fullmatch(name))
        and not _NOT_IN_NAME.search(name)
        and name not in _words().not_items
        and not name.isascii()  # Latin items are discovered by discover.py
    )


def _made(
    ctx: Ctx,
    items: list[tuple[int, int, Mention | None]],
    kinds: Collection[EntityKind],
    discover: bool,
) -> list[Mention]:
    """Known items as they are; unlisted ones as new entities when a known one vouches, or
    when each ends like an investor (远川投资、青石资本跟投)."""
    fund_end = _words().fund_end
    if not any(m is not None for _, _, m in items) and not all(
        fund_end.search(ctx.text, s, e) for s, e, _ in items
    ):
        return []
    out = []
    for s, e, m in items:
        if m is None:
            if not discover or not set(kinds) & set(FIRMS):
                break
            m = _new_firm(ctx, s, e)
        out.append(m)
    return out


def _new_firm(ctx: Ctx, s: int, e: int) -> Mention:
    name, doc = ctx.text[s:e], ctx.doc
    known = doc.gaz.by_alias.get(name)
    if known is not None:
        eid = doc.entity(known).id
    else:
        kind = EntityKind.FUND if _words().fund_end.search(name) else EntityKind.COMPANY
        eid = doc.found.get(name) or entity_id(kind, name)
        if eid not in doc.entities:
            doc.entities[eid] = Draft(eid, name, kind, aliases={name, *romanized(name, kind)})
    m = Mention(s, e, eid, doc.kind(eid), "discovered")
    ctx.mentions.append(m)
    ctx.mentions.sort(key=lambda x: x.start)
    doc.counts[eid] = doc.counts.get(eid, 0) + 1
    return m


def past_parent(ctx: Ctx, m: Mention) -> Mention | None:
    """`m`, or for "A旗下(的)B" the unit B named right after; None when the unit is unnamed
    ("投资台积电旗下子公司" invests in some subsidiary, not in TSMC)."""
    after = _words().parent_after.match(ctx.text, m.end)
    if after is None:
        return m
    unit = next((u for u in ctx.mentions if u.start >= after.end() and u.eid != m.eid), None)
    return unit if unit is not None and unit.start == after.end() and unit.kind in FIRMS else None


_RESPECTIVELY = re.compile(r"分别|分別|各自|\brespectivement\b|\brespectively\b", re.I)
# between two objects: "X和Y", "X、Y", "X and Y", "dans X et dans Y", "in X and in Y"
_AND = re.compile(
    r"\s*(?:、|和|与|與|及|以及|，|,)?\s*(?:(?:and|et|&)\s+)?(?:(?:in|into|dans|en)\s+)?", re.I
)
_SEPARATOR = re.compile(r"[、和与與及，,&]|\b(?:and|et)\b", re.I)


def respectively(
    ctx: Ctx, agents: list[Mention], patient: Mention, pos: int
) -> list[tuple[Mention, Mention]]:
    """ "A和B分别投资了X和Y", "A and B invested in X and Y respectively", "A et B ont investi
    respectivement dans X et Y": A with X, B with Y, when the objects after the verb at `pos` are
    as many as the subjects and the word stands after the subjects (zh: before the verb; en/fr:
    anywhere up to just after the last object); [] otherwise."""
    if len(agents) < 2 or patient.start < pos:
        return []
    objects = [patient]
    for m in ctx.mentions:
        if m.start >= objects[-1].end and m.kind in FIRMS and m.eid != objects[-1].eid:
            gap = ctx.text[objects[-1].end : m.start]
            if not (_AND.fullmatch(gap) and _SEPARATOR.search(gap)):
                break
            objects.append(m)
    if len(objects) != len(agents):
        return []
    until = pos if ctx.sent.lang == "zh" else objects[-1].end + 16  # ", respectively"
    if not _RESPECTIVELY.search(ctx.text, agents[-1].end, until):
        return []
    return list(zip(sorted(agents, key=lambda m: m.start), objects, strict=True))
