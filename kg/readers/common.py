"""Helpers every reader shares: markdown to plain text, dropped boilerplate lines, languages."""

from __future__ import annotations

import re
from functools import cache

from kg.data import READERS_DATA, load_yaml
from kg.lang import languages
from kg.schema import Section

# Bracketed parts stop at the next "[" or "]": a 10 MB line of "[" is read in linear time.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\(<?[^()<>\s]*>?(?:[ \t]+\"[^\"\n]*\")?\)")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\[\]\s]+\](?!:)")
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_HTML_WRAPPER = re.compile(r"^\s*</?(article|div|section|main)\b[^>]*>\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")


def lexicon() -> dict:
    """The readers' word lists (kg/readers/data/lexicon.yaml)."""
    data: dict = load_yaml(READERS_DATA / "lexicon.yaml")
    return data


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@cache
def _dropped() -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in lexicon()["drop_lines"]]


def is_dropped(line: str) -> bool:
    """RSS footers and generator lines that are not part of the article."""
    stripped = line.strip().strip("*_ ")
    return any(p.match(stripped) for p in _dropped())


def heading(line: str) -> tuple[int, str] | None:
    """`## Title ##` -> (2, 'Title'); None for a line that is not a heading. Linear: closing
    #s are stripped in Python, not by overlapping regex quantifiers (they were cubic)."""
    m = _HEADING.match(line)
    if m is None:
        return None
    return len(m[1]), line[m.end() :].rstrip().rstrip("#").rstrip()


def md_to_text(markdown: str) -> str:
    """Markdown to plain text: headings kept as lines, links to their text, markers removed."""
    lines = []
    for line in markdown.split("\n"):
        if _HTML_WRAPPER.match(line) or _RULE.match(line) or is_dropped(line):
            continue
        found = heading(line)
        if found:
            line = found[1]
        line = _FOOTNOTE_MARK.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _EMPHASIS.sub(r"\2", line)
        lines.append(line.rstrip())
    return tidy("\n".join(lines))


def tidy(text: str) -> str:
    """Strip line ends and collapse runs of blank lines to one."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def lang_fields(text: str, sections: list[Section] | None = None) -> tuple[str | None, list[str]]:
    """`lang` and `langs` for an article, from its sections when it has some."""
    # Lines, not paragraphs: a bullet list may switch language from one item to the next.
    units = [s.text for s in sections] if sections else text.split("\n")
    return languages([u for u in units if u.strip()])


def short_title(text: str, limit: int = 150) -> str:
    """First non-empty line when it is short enough to be a headline, else ''."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= limit else ""
    return ""
