"""Plain text and plain Markdown without front matter, and the `URL:/TITLE:/LANG:` header form."""

from __future__ import annotations

import re
from pathlib import Path

from kg.readers.common import heading, lang_fields, md_to_text, short_title, tidy
from kg.schema import Article, ArticleFormat

_HEADER = re.compile(r"^(URL|TITLE|LANG|DATE|SOURCE|AUTHOR)\s*:\s*(.*)$", re.IGNORECASE)
_NO_TITLE = re.compile(r"^\(no title\b.*\)$", re.IGNORECASE)
_SLUG = re.compile(r"^\[url-slug\]\s*(\S+)$", re.IGNORECASE)


def has_header(text: str) -> bool:
    """`URL: ...` / `TITLE: ...` on the first line: the evaluation set's plain-text form."""
    first = text.lstrip().split("\n", 1)[0]
    m = _HEADER.match(first)
    return m is not None and m.group(1).upper() in ("URL", "TITLE")


def read_text_article(path: Path, text: str, markdown: bool) -> Article:
    header, body = split_header(text) if has_header(text) else ({}, text)
    body = md_to_text(body) if markdown else tidy(body)
    title = header_title(header.get("title", ""))
    if not title and markdown:
        first = next((h for line in text.split("\n") if (h := heading(line)) and h[0] == 1), None)
        title = md_to_text(first[1]) if first and first[1] else ""
    if not title and "title" not in header:  # a header that says "no title" is believed
        title = short_title(body)
    url = header.get("url") or None
    lang, langs = lang_fields(body)
    if header.get("lang"):  # the collector's label wins over the guess
        lang = header["lang"].lower()
        langs = [lang, *(x for x in langs if x != lang)]
    meta = {k: v for k, v in header.items() if k not in ("url", "lang") and v != title}
    return Article(
        id=url or str(path),
        file=str(path),
        format=ArticleFormat.MARKDOWN if markdown else ArticleFormat.TEXT,
        title=title,
        text=body,
        url=url,
        lang=lang,
        langs=langs,
        meta=meta,
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Leading `KEY: value` lines (up to the first blank line) and the body after them."""
    lines = text.lstrip().split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i].strip())):
        header[m.group(1).lower()] = m.group(2).strip()
        i += 1
    return header, "\n".join(lines[i:])


def header_title(raw: str) -> str:
    """The header title minus the collector's placeholders '(no title ...)', '[url-slug] a-b'."""
    raw = raw.strip()
    if _NO_TITLE.match(raw):
        return ""
    slug = _SLUG.match(raw)
    if slug:
        return slug.group(1).replace("-", " ").replace("_", " ")
    return raw
