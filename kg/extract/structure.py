"""Sentence structure the relation frames read their roles from.

Coordination lists are the main one: "led by A, with participation from B, C and D",
"alongside US tech investor A, the fund B and others", "auprès des fonds A, B et de
l’accélérateur lyonnais C", "A领投，B、C跟投". A list item may carry a description in front of
it ("the sovereign fund", "le fonds souverain norvégien"), a parenthetical or a ticker after
it ("Nvidia (NVDA.O)"). In en/fr a name the gazetteer lacks is one more firm when it sits
inside a list of investors and ends with a firm's word (Capital, Ventures, Partners, Fund…):
a new entity, `via` "discovered". A bare capitalised word there may be a place, a person or a
news agency, and zh names are only the known ones (a segmenter would be needed to cut them).

    items = conjuncts(ctx, first, forward=True, discover=True)
    items = list_after(ctx, end_of_trigger)          # "investors such as A, B and C"
    items = zh_list_before(ctx, start_of_verb)       # "由A、B和C联合领投"

Clause roles read over these (subjects, objects, relative clauses) are in `clauses.py`.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.doc import Draft
from kg.extract.mentions import Mention
from kg.extract.slots import FIRMS, Ctx
from kg.schema import EntityKind, entity_id

# what may stand between two items: a parenthetical or a ticker after the item, then a comma
# and/or a conjunction
_TAIL = re.compile(
    r"(?:\s*\([^()]{1,60}\)|\s+[A-Z]{2,6}\.[A-Z]{1,2}\b|\s+\d{4}\.[A-Z]{1,2}\b)*", re.UNICODE
)
_SEP = re.compile(
    r"\s*(?P<comma>[,，、])?\s*"
    r"(?P<conj>(?:as well as|along with|ainsi que|and|et|plus|or|ou)(?!\w)"
    r"|&|以及|及|和|与|與|或|、)?"
    r"(?:\s*(?:…|\.\.\.))?\s*"
)
# the description of a nested list of investors ("and investment firms including …")
_BACKERS = re.compile(
    r"\b(?:firms?|funds?|investors?|backers?|investment|venture|fonds|investisseurs|"
    r"sociétés? de (?:capital|gestion)|capital-risque)\b",
    re.I,
)
# capitalised words that go on a known name ("Fidelity Management", "Orvane Capital Partners")
_LONGER = re.compile(r"(?:\s+(?:&\s+)?[A-Z][\w’'\-]*)*")
# a description in front of an item: determiners, lower-case words, short acronyms ("US tech
# investor", "le fonds souverain norvégien", "de l’accélérateur lyonnais"), never a verb or
# a preposition that starts a new phrase ("with", "par", "said"; "basée à Londres": a place)
_STOP = frozenset(
    """with from by in into to for on at alongside including such among after before while when
    which who that whose but said says told according also led co-led joined backed participated
    avec par dans pour sur auprès à au aux côtés chez qui que dont mais selon a ont est sont été
    mené menée dirigé dirigée rejoint déclaré indiqué notamment is are was were has have had will
    would est était sera avait""".split()
)
_DESC_WORD = re.compile(r"(?:[ld][’']\s*|(?:[a-zà-ÿ][\w\-’']*|US|UK|EU|U\.S\.|AI|IA)(?=\s)\s*)")
_MAX_DESC = 6
_YEAR = re.compile(r"(?:19|20)\d\d\s+")
_END = re.compile(
    r"(?:others?\b|other\s|d[’']autres\b|autres\b|a number of\b|un certain nombre\b|several\b|"
    r"more\b|plusieurs\b|etc\b|等)",
    re.I,
)
# an unlisted name: capitalised words ("Harbor Crest", "J. Quill Partners", "Aurèle Ventures",
# "Northgate Asset & Research"); function words that open sentences are no names
_NAME = re.compile(r"[A-Z][\w’'\-]*\.?(?:\s+(?:&\s+)?(?:[A-Z][\w’'\-]*\.?|\d+[A-Za-z]*))*(?<![.,])")
_NOT_NAMES = frozenset(
    """The A An In On At It Its This That These Those He She They We Our Le La Les L Un Une Il
    Elle Ils Elles Ce Cette Ces Son Sa Ses Leur Leurs Et And Or But Mais January February March
    April May June July August September October November December Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday CEO PDG AI IA""".split()
)
# lower-case words after a capitalised phrase and before a name: the phrase described the name
_DESC_AFTER = re.compile(
    r"(?:[’']s)?(?:\s+(?!(?:and|et|or|ou|with|avec|de|du|des|in|of|by|par|to|à|for|pour)\b)"
    r"[a-zà-ÿ][\w\-]*){1,3}\s+(?=[A-Z\u4e00-\u9fff])"
)
_ITEM_END = re.compile(
    r"\s*(?:[,;.)…:(]|(?:and|et|or|ou|for|pour|in|en|from|to|à|at|on|with|avec|after|après|"
    r"last|this|earlier)\b|&|$)"
)
_FUND_WORDS = re.compile(
    r"\b(?:Capital|Ventures?|Partners|Fund|Funds|Fonds|Investments?|Invest|Management|"
    r"Holdings?|Equity|Asset|Assets|Advisors|Associates|Group|Combinator)\b"
)


def conjuncts(
    ctx: Ctx,
    first: Mention,
    forward: bool = True,
    kinds: Collection[EntityKind] = FIRMS,
    discover: bool = False,
    bare: bool = False,
) -> list[Mention]:
    """`first` and the items coordinated with it, in order: "A, B and C", "A, the fund B, et
    de l’incubateur C", "A (AB.O), B and others". Backward lists ("A, B and C invested") are
    read over known names only."""
    if not forward:
        return _backward(ctx, first, kinds)
    out, pos = [first], first.end
    while True:
        item, pos, last = _next_item(ctx, pos, kinds, discover, bare)
        if item is None and discover and not bare:
            item, pos, last = _bare_inside(ctx, pos, kinds)
        if item is None:
            break
        if all(item.eid != o.eid for o in out):
            out.append(item)
        if last:
            break  # "…, Helix and Nvidia, Vega said": the list ends at its "and"
    return out


_INTRO = re.compile(
    r"(?:such as|including|like|notably|among them|namely|tel(?:le)?s? que|comme|dont|"
    r"notamment|parmi lesquels|à savoir|:)\s*",
    re.I,
)


def list_after(
    ctx: Ctx,
    pos: int,
    kinds: Collection[EntityKind] = FIRMS,
    reach: int = 60,
    discover: bool = False,
) -> list[Mention]:
    """The list a trigger introduces: "alongside A and B", "investors such as A, B and C",
    "auprès des fonds A, B et C". The first item is the first known name within `reach`, or an
    unlisted name right after a description when `discover` is set."""
    text = ctx.text
    start = desc_span(text, pos)
    intro = _INTRO.match(text, start)
    if intro is not None:
        start = desc_span(text, intro.end())
    first = item_at(ctx, start, kinds, discover and start - pos <= reach)
    if first is None and discover and start - pos <= reach:
        first = _confirmed(ctx, item_at(ctx, start, kinds, True, bare=True, make=False), kinds)
    if first is None:
        first = next(
            (
                x
                for x in ctx.mentions
                if x.start >= pos and x.kind in kinds and x.start - pos <= reach
            ),
            None,
        )
    if first is None:
        return []
    return conjuncts(ctx, first, True, kinds, discover)


def zh_list_before(ctx: Ctx, pos: int, kinds: Collection[EntityKind] = FIRMS) -> list[Mention]:
    """The zh list that ends right before a verb: "由A、B和C联合领投", "B、C等九家机构跟投".
    Known names only; the list is read backward from the verb over 、/和/与/及 and stops at
    anything else, so "智谱获得腾讯领投" gives 腾讯, not 智谱."""
    from kg.extract.zh_lists import items_before

    if found := items_before(ctx, pos, kinds):  # with the unlisted names (zh_lists.py)
        return found
    text = ctx.text
    before = [m for m in ctx.mentions if m.end <= pos]
    if not before or not _ZH_TRAIL.fullmatch(text[before[-1].end : pos]):
        return []
    out, prev = [before[-1]], before[-1]
    for m in reversed(before[:-1]):
        if not _ZH_GAP.fullmatch(text[m.end : prev.start]):
            break
        out.append(m)
        prev = m
    out.reverse()
    seen: set[str] = set()
    items = []
    for m in out:
        if m.kind in kinds and m.eid not in seen:
            seen.add(m.eid)
            items.append(m)
    return items


_ZH_TRAIL = re.compile(
    r"\s*(?:等[^、，,。；;]{0,12}?)?(?:联合|聯合|共同|一同|一起|同时|同時|也|均|亦|则|則|"
    r"持续|持續|继续|繼續|再次|追加|作为|作為|老股东|老股東)*\s*"
)
# between two known items: a separator, or names nobody listed between 、 ("、Vantor、IDG、")
_ZH_GAP = re.compile(
    r"\s*(?:、|，|,|和|与|與|及|以及|还有|還有)\s*"
    r"|\s*、(?:[^、，,。；;：:（()）\s]{1,12}、)+\s*"
)


# --- reading one item ---------------------------------------------------------------------


def _next_item(
    ctx: Ctx,
    pos: int,
    kinds: Collection[EntityKind],
    discover: bool,
    bare: bool = False,
    make: bool = True,
) -> tuple[Mention | None, int, bool]:
    text = ctx.text
    at = _TAIL.match(text, pos)
    at_end = at.end() if at else pos
    longer = _LONGER.match(text, at_end)  # "Fidelity Management & Research": one firm's name
    stop = longer.end() if longer else at_end
    if stop > at_end and not any(at_end <= m.start < stop for m in ctx.mentions):
        at_end = stop
    sep = _SEP.match(text, at_end)
    if sep is None or not (sep.group("comma") or sep.group("conj")):
        return None, pos, True
    last = bool(sep.group("conj")) and sep.group("conj") not in ("、", "as well as", "ainsi que")
    start = desc_span(text, sep.end())
    if _END.match(text, start) or _END.match(text, sep.end()):
        return None, pos, True
    desc = text[sep.end() : start]
    intro = _INTRO.match(text, start) if _BACKERS.search(desc) else None
    if intro is not None:  # "A and investment firms including B, C and D": the list goes on
        start, last = desc_span(text, intro.end()), False
    item = item_at(ctx, start, kinds, discover, lo=sep.end(), bare=bare, make=make)
    if item is None:
        return None, pos, True
    return item, item.end, last and not _MORE.match(text, item.end)  # "A and B, as well as C"


_MORE = re.compile(r"\s*,?\s*(?:as well as|ainsi que)\b", re.I)


def _bare_inside(
    ctx: Ctx, pos: int, kinds: Collection[EntityKind]
) -> tuple[Mention | None, int, bool]:
    """A bare capitalised item of an investors' list ("alongside A, Orvane, J. Quill Partners and
    others", "tels que Orvane, Corvane et Uber"): one more firm when the list goes on after
    it to a firm, or ends with "and others"; a place or a source ("A, Tokyo and Seoul officials
    said") does not."""
    item, end, last = _next_item(ctx, pos, kinds, True, bare=True, make=False)
    if item is None or item.via != "discovered" or last:
        return None, pos, True
    found = _confirmed(ctx, item, kinds)
    return (found, end, last) if found is not None else (None, pos, True)


def _confirmed(ctx: Ctx, item: Mention | None, kinds: Collection[EntityKind]) -> Mention | None:
    """`item` (not yet made an entity) when the list carries on after it to a known or
    fund-worded firm, or closes with "and others"/"et d’autres"."""
    if item is None or item.via != "discovered":
        return item
    return _discovered(ctx, item.start, item.end) if _goes_on(ctx, item.end, kinds) else None


def _goes_on(ctx: Ctx, end: int, kinds: Collection[EntityKind], depth: int = 3) -> bool:
    """Does the list go on after `end` to a firm (through at most `depth` bare names)?"""
    sep = _SEP.match(ctx.text, end)
    if sep is None or not (sep.group("comma") or sep.group("conj")):
        return False
    if _END.match(ctx.text, sep.end()) or _next_item(ctx, end, kinds, True, make=False)[0]:
        return True
    bare, after, last = _next_item(ctx, end, kinds, True, bare=True, make=False)
    return bare is not None and not last and depth > 0 and _goes_on(ctx, after, kinds, depth - 1)


def desc_span(text: str, pos: int, years: bool = False) -> int:
    """Skip a description in front of an item; return where the item starts."""
    at, n = pos, 0
    while at < len(text) and text[at].isspace():
        at += 1
    while n < _MAX_DESC and not _INTRO.match(text, at):
        m = _DESC_WORD.match(text, at) or (_YEAR.match(text, at) if years else None)
        if m is None:
            break
        word = m.group(0).strip().rstrip("’'").lower()
        if word in _STOP:
            break
        at, n = m.end(), n + 1
    return at


def item_at(
    ctx: Ctx,
    start: int,
    kinds: Collection[EntityKind],
    discover: bool,
    lo: int | None = None,
    bare: bool = False,
    make: bool = True,
) -> Mention | None:
    """The item starting at `start` (a description may have begun at `lo`); with `make`
    unset a name nobody listed is returned without becoming an entity."""
    lo = start if lo is None else lo
    for m in ctx.mentions:
        if m.start < lo:
            continue
        if m.start <= start or not ctx.text[start : m.start].strip():
            return m if m.kind in kinds else None
        break
    if not discover:
        return None
    name = _NAME.match(ctx.text, start)
    if name is None or name.group(0).split()[0] in _NOT_NAMES or len(name.group(0)) < 3:
        return None
    if any(m.start < name.end() and name.start() < m.end for m in ctx.mentions):
        return None  # part of a known name or description
    head = _DESC_AFTER.match(ctx.text, name.end())
    if head is not None:  # "Gulf investor Qarin", "US-based fund Foo": a description
        known = next((m for m in ctx.mentions if m.start == head.end()), None)
        if known is not None:
            return known if known.kind in kinds else None
        # "the Berlin firm Noval"
        return item_at(ctx, head.end(), kinds, discover, bare=bare, make=make)
    if not bare and not _FUND_WORDS.search(name.group(0)):
        return None  # a bare capitalised word may be a place, a person or a source
    if not _ITEM_END.match(ctx.text, name.end()):
        return None  # "…, Reuters reported": a name followed by its verb is no list item
    return _discovered(ctx, name.start(), name.end(), make)


def _discovered(ctx: Ctx, start: int, end: int, make: bool = True) -> Mention:
    name = ctx.text[start:end]
    doc = ctx.doc
    kind = EntityKind.COMPANY if re.search(r"\bGroup\b", name) else EntityKind.FUND
    eid = doc.found.get(name) or entity_id(kind, name)
    if not make:
        return Mention(start, end, eid, kind, "discovered")
    draft = doc.entities.setdefault(eid, Draft(eid, name, kind))
    m = Mention(start, end, eid, draft.kind, "discovered")
    ctx.mentions.append(m)
    ctx.mentions.sort(key=lambda x: x.start)
    doc.counts[eid] = doc.counts.get(eid, 0) + 1
    return m


def _backward(ctx: Ctx, first: Mention, kinds: Collection[EntityKind]) -> list[Mention]:
    from kg.extract.mentions import is_list_gap

    seq = [m for m in ctx.mentions if m.end < first.end][::-1]
    out, prev = [first], first
    for m in seq:
        if not is_list_gap(ctx.text[m.end : prev.start]):
            break
        if m.kind in kinds and all(m.eid != o.eid for o in out):
            out.append(m)
        prev = m
    return out


# --- appositions ----------------------------------------------------------------------------

_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:a|an|the|its|un|une|le|la|l[’']|son|sa)\s+|(?=[a-zà-ÿ]))"
    r"(?:(?!(?:is|was|has|had|said|says|est|était|a|ont|sont)\b)[\w\-’'.&]+\s+){0,7}?"
    r"(?!(?:is|was|has|had|said|says|est|était|a|ont|sont)\b)[\w\-’'.&]+\s*,",
    re.I,
)


def apposition_end(text: str, pos: int) -> int | None:
    """Where an apposition that opens at `pos` ends: "Jane Roe, a former Google engineer, is
    …" -> the position after its closing comma; None when none opens there (or it holds a verb).
    """
    m = _APPOSITION.match(text, pos)
    return m.end() if m else None


# a short apposition after a name: "P, a former X engineer,", "P, who studied in Paris,", "P, 32,"
APPOSITION = re.compile(r"^\s*,(?:\s+(?:an?|the|who|\d{2})\b[^,;:.()“”\"]{0,60})?,(?=\s)")
