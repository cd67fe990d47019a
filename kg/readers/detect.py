"""Which format a file is in, from its first 64 KB of text; the extension only breaks ties."""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import InputError
from kg.readers.feeds import scan_prolog
from kg.readers.frontmatter import has_front_matter
from kg.readers.insight import looks_like_insight
from kg.readers.jsonfmt import looks_like_jsonl
from kg.readers.text import has_header
from kg.schema import ArticleFormat

_ROOT = re.compile(r"<([A-Za-z][\w:.-]*)")
_HTML_ROOTS = {
    "html",
    "head",
    "body",
    "article",
    "main",
    "div",
    "p",
    "section",
    "meta",
    "title",
    "h1",
    "h2",
    "header",
    "nav",
    "span",
    "a",
    "table",
    "ul",
    "br",
    "link",
    "script",
}
_JSON_START = re.compile(r"\A(\{\s*(\"|\})|\[\s*([\[{\"\]\d-]|true|false|null))")
_HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html\b", re.IGNORECASE)
_MD_MARKS = re.compile(r"^(#{1,6} \S|```|[-*] \S.*\n[-*] \S)", re.MULTILINE)


def detect_format(path: Path, head: str) -> ArticleFormat:
    """Format of a file whose decoded head is `head` (the whole text for small files)."""
    text = head.lstrip("\ufeff \t\n")
    suffix = path.suffix.lower()
    if has_front_matter(text):
        return ArticleFormat.MARKDOWN_DIGEST
    if text.startswith("<"):
        markup = _markup_format(path, text)
        if markup is not None:
            return markup
    if _JSON_START.match(text) or suffix in (".json", ".jsonl", ".ndjson"):
        jsonl = looks_like_jsonl(text) or suffix in (".jsonl", ".ndjson")
        return ArticleFormat.JSONL if jsonl else ArticleFormat.JSON
    if has_header(text):
        return ArticleFormat.TEXT
    if looks_like_insight(text):
        return ArticleFormat.INSIGHT_DIGEST
    if suffix in (".md", ".markdown") or _MD_MARKS.search(text):
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


def _markup_format(path: Path, text: str) -> ArticleFormat | None:
    """RSS, Atom or HTML from the first element's name; None when it is not markup after all."""
    pos, doctype, declares = scan_prolog(text)  # linear: no regex over the prolog
    if declares or (doctype and not _HTML_DOCTYPE.match(text, doctype[0])):
        return ArticleFormat.RSS  # the feed reader decides on a non-HTML DTD, with a clear message
    root = _ROOT.match(text, pos)
    lowered = text[:4096].lower()
    name = root.group(1).split(":")[-1].lower() if root else ""
    if name in ("rss", "rdf"):
        return ArticleFormat.RSS
    if name == "feed":
        return ArticleFormat.ATOM
    if name in _HTML_ROOTS or "<html" in lowered or "<!doctype html" in lowered:
        return ArticleFormat.HTML
    if text.startswith("<?xml"):
        raise InputError(f"{path}: XML document <{name or '?'}> is not an RSS or Atom feed")
    return None
