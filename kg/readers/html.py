"""HTML article pages: the story's text (trafilatura), title, date, author, canonical URL, lang.

The page is parsed once with lxml (libxml2: no Python recursion, no parser assertions on odd
markup). Metadata is read from that tree first (meta tags, `<link rel=canonical>`, JSON-LD,
`<time>`); then trafilatura keeps the main text only: navigation, sidebars, "related" and
"trending" lists, comments, footers and cookie banners never reach the extractor. A page where
no main text is found is one clear error, never a page of boilerplate facts.
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lhtml

from kg.dates import read_date
from kg.errors import InputError
from kg.readers.common import lang_fields, tidy
from kg.schema import Article, ArticleFormat

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
         "svg", "iframe", "button", "figure", "head", "title"}  # fmt: skip
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "br", "h1", "h2", "h3",
          "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "hr",
          "figcaption", "body", "list", "item", "head", "quote", "row", "cell"}  # fmt: skip
_LINE = {"br", "li", "tr", "td", "th", "item", "row", "cell", "lb"}
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
              "publish_date", "publish-date", "dc.date", "dc.date.issued", "og:published_time",
              "sailthru.date")  # fmt: skip
MAX_ELEMENTS = 20_000  # trafilatura's time per KB grows with the page past a few MB
_RAW_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^<>]*>")
_RAW_SKIP = re.compile(r"<(script|style)\b[^<>]*>[^<]*</\1\s*>", re.IGNORECASE)
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are not ours to show


def parse_markup(markup: str) -> Any:
    """An lxml tree of `markup`, or None when there is nothing to parse. Bytes, so that an XML
    declaration naming an encoding is no error; `huge_tree` so that deep pages are read whole."""
    parser = lhtml.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    try:
        return lhtml.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):  # an empty document
        return None


def element_text(root: Any) -> str:
    """Visible text under `root`, block elements as line breaks; iterative, so any depth."""
    parts: list[str] = []
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, el in walk:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP or not tag:
                walk.skip_subtree()
                parts.append(el.tail or "" if el is not root else "")
                continue
            _newline(parts, tag)
            parts.append(el.text or "")
        else:
            _newline(parts, tag)
            if el is not root:
                parts.append(el.tail or "")
    return _clean("".join(parts))


def _newline(parts: list[str], tag: str) -> None:
    if tag in _BLOCK or tag in _LINE:
        parts.append("\n" if tag in _LINE else "\n\n")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment (feed descriptions), block elements as line breaks."""
    tree = parse_markup(markup)
    return element_text(tree) if tree is not None else tidy(markup)


def read_html(path: Path, markup: str) -> Article:
    tree = parse_markup(markup)
    if tree is None:
        raise InputError(f"{path}: HTML page has no article text")
    m, ld, times, declared = _page_meta(tree)
    text = _main_text(tree, markup)
    if not text:
        raise InputError(f"{path}: HTML page has no article text")
    url = m.get("canonical") or m.get("og:url") or _str(ld.get("url")) or None
    # the page's own headline first: a <title> often carries the site's name after it
    title = m.get("og:title") or _str(ld.get("headline")) or _page_title(m)
    if title and text.startswith(title + "\n"):  # the headline is the title, not a sentence
        text = text[len(title):].lstrip("\n")
    published = _first_date(*(m.get(k) for k in _DATE_KEYS[:1]), _str(ld.get("datePublished")),
                            *(m.get(k) for k in _DATE_KEYS[1:]), *times)  # fmt: skip
    lang, langs = lang_fields(text)
    if declared:  # the page's declared language is better than a guess
        lang = declared.split("-")[0].lower()
        langs = [lang, *(x for x in langs if x != lang)]
    return Article(
        id=url or str(path), file=str(path), format=ArticleFormat.HTML, title=title, text=text,
        lang=lang, langs=langs, published=published, url=url, authors=_authors(m, ld),
        outlet=m.get("og:site_name") or None,
        meta={k: v for k, v in {"description": m.get("description")}.items() if v},
    )


def _page_title(m: dict[str, str]) -> str:
    """<title>, or the <h1> when the title is that headline plus the site's name after it."""
    title, h1 = m.get("title", ""), m.get("h1", "")
    return h1 if h1 and (not title or title.startswith(h1)) else title


def _page_meta(tree: Any) -> tuple[dict[str, str], dict[str, Any], list[str], str]:
    """Meta tags by name, the JSON-LD article, `<time datetime>` values, the declared lang."""
    m: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key and (el.get("content") or "").strip() and key not in m:
            m[key] = el.get("content").strip()
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            m.setdefault("canonical", el.get("href").strip())
    for tag in ("title", "h1"):
        el = next(tree.iter(tag), None)
        if el is not None and (text := " ".join(el.text_content().split())):
            m[tag] = text
    ld = _jsonld([el.text or "" for el in tree.iter("script")
                  if "ld+json" in (el.get("type") or "").lower()])  # fmt: skip
    times = [el.get("datetime") for el in tree.iter("time") if el.get("datetime")]
    root = tree.getroottree().getroot()
    return m, ld, times, (root.get("lang") or "").strip()


def _main_text(tree: Any, markup: str) -> str:
    """The story's paragraphs, as trafilatura finds them (precision first: no boilerplate).
    Its time grows faster than the page past a few thousand elements: a bigger page is read
    from what it marks as its article (<article>, else <main>), in linear time."""
    if sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        marked = next((el for tag in ("article", "main") for el in tree.iter(tag)), None)
        return element_text(marked) if marked is not None else ""
    from trafilatura import bare_extraction  # imported on first use: ~0.1 s

    try:
        doc = bare_extraction(tree, options=_extractor_options())
    except RecursionError:  # deeper than trafilatura's own recursive walks
        doc = None
    body = getattr(doc, "body", None)
    text = element_text(body) if body is not None else ""
    if not text:
        # Nothing found. A valid page nested thousands of levels deep loses its text in any
        # tree parser (libxml2 stops at a depth limit): the story is then what the page itself
        # marks as its article, read from the markup without a tree; never the whole page.
        marked = _marked_text(markup)
        text = marked if len(marked) >= 40 else ""
    return text


def _marked_text(markup: str) -> str:
    """Text of the first <article> (else <main>) element, tags dropped in one linear pass."""
    lowered = markup.lower()
    for tag in ("article", "main"):
        start = lowered.find(f"<{tag}")
        end = lowered.rfind(f"</{tag}")
        if 0 <= start < end:
            region = _RAW_SKIP.sub(" ", markup[start:end])
            return _clean(unescape(_RAW_TAG.sub(_raw_tag, region)))
    return ""


def _raw_tag(m: re.Match[str]) -> str:
    return "\n\n" if m[1].lower() in _BLOCK else ""


@cache
def _extractor_options() -> Any:
    """Built once: trafilatura would build them again for every page (~0.5 ms)."""
    from trafilatura.settings import Extractor

    # fast: no second opinion from the fallback extractors; precision: a page of boilerplate
    # gives nothing rather than its navigation.
    return Extractor(fast=True, precision=True, comments=False, tables=True)


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return tidy("\n".join(lines))


def _jsonld(chunks: list[str]) -> dict[str, Any]:
    """The first JSON-LD object that looks like an article (or the first object at all)."""
    found: list[dict[str, Any]] = []
    for chunk in chunks:
        try:
            data = json.loads(chunk)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            data = data.get("@graph", [data])
        if isinstance(data, list):
            found.extend(i for i in data if isinstance(i, dict))
    articles = [i for i in found if "Article" in str(i.get("@type", ""))]
    return (articles or found or [{}])[0]


def _first_date(*candidates: str | None) -> str | None:
    for value in candidates:
        iso = read_date(value) if value else None
        if iso:
            return iso
    return None


def _authors(meta: dict[str, str], ld: dict[str, Any]) -> list[str]:
    raw = ld.get("author")
    items = raw if isinstance(raw, list) else [raw] if raw else []
    names = [_str(i.get("name")) if isinstance(i, dict) else _str(i) for i in items]
    names = [n for n in names if n]
    if not names and meta.get("author"):
        names = [meta["author"]]
    return names


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
