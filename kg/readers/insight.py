"""Multilingual "AI Insight" plain-text digests (formats.md §2).

The file is a header (headlines, byline), body blocks introduced by language labels
(摘要 / Summary / Résumé) and a tail of labelled lists (Key Players, Related Companies, ...).
Labels may be missing, repeated or reordered, so the file is cut at every label line and each
block is parsed on its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.dates import read_date
from kg.lang import detect
from kg.readers.common import is_dropped, lang_fields, lexicon, split_paragraphs, tidy
from kg.readers.insight_tail import parse_tail
from kg.schema import Article, ArticleFormat, Section

_BYLINE_DATE = re.compile(r"(?<!\S)(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)\Z")
_BY = re.compile(r"\bby\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r",|&|\band\b|\bet\b|、", re.IGNORECASE)  # parts are stripped
Block = tuple[str, list[str]]  # (label key, lines): key "body:<lang>", "body:" or a tail name


def label_of(line: str) -> str | None:
    """'body:zh' for 摘要, 'key_players' for Key Players, ... None for an ordinary line."""
    key = line.strip().rstrip(":：").strip().lower().replace("’", "'")
    lex = lexicon()
    if key in lex["insight_body_labels"]:
        return "body:" + lex["insight_body_labels"][key]
    return lex["insight_tail_labels"].get(key)


def byline(line: str) -> dict[str, str] | None:
    """`<Outlet> by <AUTHORS> <YYYY-MM-DD HH:MM> Original` -> outlet, authors, date; in linear
    time (no nested quantifiers: a line of 3,000 spaces or "by"s is read at once)."""
    line = line.strip()
    for tag in ("Original", "原文"):
        if line[-len(tag):].lower() == tag.lower():
            line = line[: -len(tag)].rstrip()
    date = _BYLINE_DATE.search(line)
    by = _BY.search(line, 0, date.start()) if date else None
    if date is None or by is None or not line[by.end() : date.start()].strip():
        return None
    return {"outlet": line[: by.start()].strip(), "date": date[1],
            "authors": line[by.end() : date.start()].strip()}  # fmt: skip


def looks_like_insight(text: str) -> bool:
    """A byline near the top, or at least two of the digest's labels on lines of their own."""
    lines = text.split("\n")
    if any(byline(line) for line in lines[:15]):
        return True
    return len({label_of(line) for line in lines} - {None}) >= 2


def read_insight(path: Path, text: str) -> Article:
    lines = text.split("\n")
    start, titles, byline = _header(lines)
    blocks = _blocks(lines[start:])
    sections = _body_sections([b for b in blocks if b[0].startswith("body:")])
    tail = parse_tail([b for b in blocks if not b[0].startswith("body:")])
    body = "\n\n".join(s.text for s in sections)
    lang, langs = lang_fields(body, sections)
    meta: dict[str, Any] = dict(tail.meta)
    if len(titles) > 1:
        meta["original_title"] = titles[1]
    return Article(
        id=str(path),
        file=str(path),
        format=ArticleFormat.INSIGHT_DIGEST,
        title=titles[0] if titles else "",
        text=body,
        sections=sections,
        lang=lang,
        langs=langs,
        published=read_date(byline["date"]) if byline else None,
        authors=_authors(byline["authors"]) if byline else [],
        outlet=(byline["outlet"].strip() or None) if byline else None,
        key_players=tail.key_players,
        related_companies=tail.related_companies,
        meta=meta,
    )


def _header(lines: list[str]) -> tuple[int, list[str], dict[str, str] | None]:
    """Index where the body starts, the headline lines, and the parsed byline if any."""
    titles: list[str] = []
    for i, line in enumerate(lines[:15]):
        stripped = line.strip()
        found = byline(stripped)
        if found:
            return i + 1, titles, found
        if label_of(stripped):
            return i, titles, None
        if stripped:
            titles.append(stripped)
    # No byline: only the first line is a headline, the rest is body.
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return first + 1, [lines[first].strip()] if lines else [], None


def _blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = [("body:", [])]
    for line in lines:
        key = label_of(line)
        if key is None:
            blocks[-1][1].append(line)
        else:
            blocks.append((key, []))
    return blocks


def _body_sections(blocks: list[Block]) -> list[Section]:
    """Paragraphs grouped into runs of one language. A paragraph takes the guessed language, or
    the label's when the guess cannot tell: a missing label still starts a new section."""
    sections: list[Section] = []
    for key, lines in blocks:
        label_lang = key.split(":", 1)[1] or None
        first = len(sections)
        kept = "\n".join(line for line in lines if not is_dropped(line))
        for para in split_paragraphs(kept):
            lang = detect(para) or label_lang
            if len(sections) > first and sections[-1].lang == lang:
                sections[-1].text += "\n\n" + tidy(para)
                continue
            labelled = lang == label_lang and not any(s.heading for s in sections[first:])
            heading = _HEADINGS.get(lang or "", "") if labelled and label_lang else ""
            sections.append(Section(lang=lang, heading=heading, text=tidy(para)))
    return sections


_HEADINGS = {"zh": "摘要", "en": "Summary", "fr": "Résumé"}


def _authors(raw: str) -> list[str]:
    return [a.strip() for a in _AUTHOR_SPLIT.split(raw) if a.strip()]
