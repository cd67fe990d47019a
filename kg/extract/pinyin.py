"""Chinese personal names in Latin letters, as English-language news spells them: surname
first, then the given name as one word (王晓明 -> "Wang Xiaoming", 欧阳明 -> "Ouyang Ming").

Readings come from `data/pinyin.yaml` (GB2312's characters; surnames with a reading of their
own such as 单 Shan, 曾 Zeng by hand). Traditional characters are folded to simplified first.
"""

from __future__ import annotations

import re
from functools import cache

from kg.data import DATA, Pinyin, load_model
from kg.lang import to_simplified
from kg.schema import EntityKind


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load_model(DATA / "pinyin.yaml", Pinyin)
    reading = {ch: syl for syl, chars in data.readings.items() for ch in chars}
    reading.update(data.name_readings)
    return data.surnames, reading


def romanize_name(name: str) -> str | None:
    """ "Surname Givenname" for a 2-4 character Chinese name; None when a character has no
    known reading."""
    name = to_simplified(name)
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return None
    surnames, reading = _tables()
    cut = 2 if name[:2] in surnames and len(name) >= 3 else 1
    family = surnames.get(name[:cut]) or _spell(name[:cut], reading)
    given = _spell(name[cut:], reading)
    if not family or not given:
        return None
    return f"{family.capitalize()} {given.capitalize()}"


def _spell(chars: str, reading: dict[str, str]) -> str | None:
    out = []
    for ch in chars:
        syl = reading.get(ch)
        if syl is None:
            return None
        out.append(syl.replace("v", "u"))  # ü is written u in names (吕 Lu)
    return "".join(out)


def romanize_org(name: str, suffixes: dict[str, str]) -> list[str]:
    """English spellings of a Chinese organisation name ending in one of `suffixes` (资本:
    Capital): generic words in English (`org_words`), the rest in pinyin, two characters a word
    (北辰创投 -> "Beichen", "Beichen Ventures"; 东海星河基金 -> "Donghai Xinghe", "Donghai Xinghe
    Fund"); a leading place is also left out (上海星和投资 -> also "Xinghe"); a Latin head is the
    English name already (XYZ远航资本 -> "XYZ", "XYZ Capital")."""
    name = to_simplified(name)
    suffix = next((s for s in sorted(suffixes, key=len, reverse=True) if name.endswith(s)), "")
    head = name[: len(name) - len(suffix)]
    latin = _LATIN_HEAD.match(head)
    if suffix and latin and _CJK.search(head):
        return [latin.group(0).strip(), f"{latin.group(0).strip()} {suffixes[suffix]}".strip()]
    if not suffix or not 2 <= len(head) <= 16 or not all(_CJK.match(c) for c in head):
        return []
    heads = [head]
    place = next((p for p in _org_data().places if head.startswith(p) and len(head) > len(p)), "")
    if place:
        heads.append(head[len(place) :])
    out: list[str] = []
    for part in heads:
        words, proper = _org_words(part)
        if words and (proper or part == head):  # "High-Quality Development" alone names nothing
            out += [words, f"{words} {suffixes[suffix]}".strip()]
    return out


_LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9&.\- ]*(?=[\u4e00-\u9fff])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _org_data() -> Pinyin:
    return load_model(DATA / "pinyin.yaml", Pinyin)


def _org_words(head: str) -> tuple[str | None, bool]:
    """ "Hubei High-Quality Development Industry": glossary words in English, runs between
    them in pinyin (two characters a word, a last single character joining the word before);
    and whether any word is pinyin (a proper name)."""
    glossary = _org_data().org_words
    _, reading = _tables()
    words: list[str] = []
    run = ""
    i = 0
    while i < len(head):
        hit = next((head[i : i + n] for n in (4, 3, 2) if head[i : i + n] in glossary), None)
        if hit is None:
            run += head[i]
            i += 1
            continue
        words += _pinyin_words(run, reading) if run else []
        words.append(glossary[hit])
        run = ""
        i += len(hit)
    words += _pinyin_words(run, reading) if run else []
    proper = len(words) > sum(1 for w in words if w in glossary.values())
    return (" ".join(words) if words and all(words) else None), proper


def _pinyin_words(run: str, reading: dict[str, str]) -> list[str]:
    cuts = [run[i : i + 2] for i in range(0, len(run), 2)]
    if len(cuts) > 1 and len(cuts[-1]) == 1:
        cuts[-2:] = [cuts[-2] + cuts[-1]]
    return [(_spell(c, reading) or "").capitalize() for c in cuts]


def romanized(name: str, kind: EntityKind) -> list[str]:
    """The English spellings of a discovered Chinese name: a person's, a fund's or a company's
    (富临精工 -> "Fulin", "Fulin Precision")."""
    if kind is EntityKind.PERSON:
        latin = romanize_name(name)
        return [latin] if latin else []
    if kind is EntityKind.FUND and re.search(r"[\u4e00-\u9fff]", name):
        return romanize_org(name, _org_data().org_suffixes)
    if kind is EntityKind.COMPANY and re.search(r"[\u4e00-\u9fff]", name):
        return list(dict.fromkeys(romanize_org(name, _org_data().company_suffixes)))
    return []
