"""The "AI Insight" tail of a multilingual digest: Key Players, Related Companies and the rest.

Generated files repeat or drop lines, so every list is parsed line by line and defensively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.dates import read_date
from kg.readers.common import lexicon
from kg.schema import KeyPlayer, RelatedCompany

_BULLET = re.compile(r"^\s*(?:[•·▪●*]|-(?=\s))\s*")
# One character, no quantifier: a line of spaces is split in linear time (parts are stripped).
_DASH = re.compile(r"[—–]|(?<=\s)-(?=\s)")
_IMPACT = re.compile(
    r"^(?P<sector>[^:：]+)[:：]\s*(?P<level>high|medium|low|高|中|低)?\s*(?:[—–-]\s*)?(?P<text>.*)$",
    re.IGNORECASE,
)
_TRACKING = re.compile(r"^\[(?P<level>[^\]]+)\]\s*(?:[—–-]\s*)?(?P<text>.*)$")
_PLACE_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|of|de|du|la|le|[\u3400-\u9fff]+)$")


@dataclass
class Tail:
    key_players: list[KeyPlayer] = field(default_factory=list)
    related_companies: list[RelatedCompany] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def parse_tail(blocks: list[tuple[str, list[str]]]) -> Tail:
    tail = Tail()
    for key, raw in blocks:
        lines = [_BULLET.sub("", line).strip() for line in raw]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if key == "key_players":
            tail.key_players.extend(key_player(line) for line in lines)
        elif key == "related_companies":
            tail.related_companies = related_companies(lines, tail.related_companies)
        elif key == "industry_impact":
            tail.meta.setdefault(key, []).extend(_impact(line) for line in lines)
        elif key == "tracking":
            tail.meta.setdefault(key, []).extend(_tracking(line) for line in lines)
        elif key == "categories":
            words = [w for line in lines for w in re.split(r"[\s,，、]+", line) if w]
            tail.meta.setdefault(key, []).extend(words)
        elif key == "ai_processing":
            tail.meta[key] = _processing(lines)
        elif key in ("highlights",):
            tail.meta.setdefault(key, []).extend(lines)
        else:  # core_point, ai_insight: free text
            tail.meta[key] = "\n".join(filter(None, [tail.meta.get(key, ""), *lines]))
    return tail


def key_player(line: str) -> KeyPlayer:
    """`Mistral AI — French AI model developer, Paris, France.` -> name, description, location."""
    parts = _DASH.split(line, maxsplit=1)
    name = parts[0].strip().rstrip(".")
    if len(parts) == 1:
        return KeyPlayer(name=name)
    description, location = split_location(parts[1].strip().rstrip("."))
    return KeyPlayer(name=name, description=description, location=location)


def split_location(text: str) -> tuple[str, str | None]:
    """Description and location: the longest run of trailing comma parts that read as place
    names; 'location not given' means no location."""
    parts = [p.strip() for p in re.split(r"[,，]", text)]
    if parts[-1].lower() in lexicon()["location_unknown"]:
        return ", ".join(parts[:-1]).strip(), None
    cut = len(parts)
    while cut > 1 and _is_place(parts[cut - 1]):
        cut -= 1
    if cut == len(parts):
        return text, None
    return ", ".join(parts[:cut]), ", ".join(parts[cut:])


def _is_place(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 4 and all(_PLACE_WORD.match(w) for w in words)


def related_companies(lines: list[str], known: list[RelatedCompany]) -> list[RelatedCompany]:
    """Name / stage / sentiment lines; a stage or sentiment line fills the company above it, a
    repeated one is ignored, any other line starts a new company."""
    lex = lexicon()
    stages, sentiments = set(lex["company_stages"]), set(lex["sentiments"])
    companies = {c.name: c for c in known}
    current: RelatedCompany | None = None
    for line in lines:
        word = line.lower().rstrip(".")
        if word in stages or word in sentiments:
            attr = "stage" if word in stages else "sentiment"
            if current is not None and getattr(current, attr) is None:
                setattr(current, attr, word)
            continue
        current = companies.setdefault(line, RelatedCompany(name=line))
    return list(companies.values())


def _impact(line: str) -> dict[str, str]:
    m = _IMPACT.match(line)
    if not m:
        return {"text": line}
    level = (m.group("level") or "").capitalize()
    return {"sector": m.group("sector").strip(), "level": level, "text": m.group("text").strip()}


def _tracking(line: str) -> dict[str, str]:
    m = _TRACKING.match(line)
    return (
        {"level": m.group("level").strip(), "text": m.group("text").strip()}
        if m
        else {"text": line}
    )


def _processing(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        iso = read_date(line)
        if iso and "date" not in out:
            out["date"] = iso
        elif "model" not in out:
            out["model"] = line
    return out
