"""HTML article pages (stdlib html.parser): title, body text, date, canonical URL, author, lang."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.dates import read_date
from kg.errors import InputError
from kg.readers.common import lang_fields, tidy
from kg.schema import Article, ArticleFormat

_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "noscript",
    "template",
    "form",
    "svg",
    "iframe",
    "button",
    "figure",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "hr",
    "figcaption",
    "body",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "col", "area", "base"}


class _PageParser(HTMLParser):
    """Collects text per container (article, main, body) and the page's metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open: dict[str, int] = {"article": 0, "main": 0, "skip": 0, "title": 0, "h1": 0}
        self.title, self.h1, self.lang = "", "", ""
        self.times: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.meta.setdefault("canonical", a.get("href", "").strip())
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_jsonld = True
        if tag in _VOID:
            self._newline(tag)
            return
        self._count(tag, +1)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False if tag == "script" else self._in_jsonld
        if tag not in _VOID:
            self._count(tag, -1)

    def _count(self, tag: str, step: int) -> None:
        name = "skip" if tag in _SKIP else tag
        if name in self.open:
            self.open[name] = max(0, self.open[name] + step)
        self._newline(tag)

    def _newline(self, tag: str) -> None:
        if tag in _BLOCK:
            self._add("\n\n" if tag not in ("br", "li", "tr", "td", "th") else "\n")

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)
        elif self.open["title"]:
            self.title += data
        else:
            if self.open["h1"]:  # even inside a skipped <header>: it is the headline
                self.h1 += data
            self._add(data)

    def _add(self, data: str) -> None:
        if self.open["skip"]:
            return
        self.texts["body"].append(data)
        for name in ("article", "main"):
            if self.open[name]:
                self.texts[name].append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment (feed descriptions), block elements as line breaks."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return _clean("".join(parser.texts["body"]))


def read_html(path: Path, markup: str) -> Article:
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    text = _best_text(parser)
    if not text:
        raise InputError(f"{path}: HTML page has no article text")
    ld = _jsonld(parser.jsonld)
    m = parser.meta
    url = m.get("canonical") or m.get("og:url") or _str(ld.get("url")) or None
    title = (
        m.get("og:title") or _clean(parser.title) or _clean(parser.h1) or _str(ld.get("headline"))
    )
    published = _first_date(
        m.get("article:published_time"),
        _str(ld.get("datePublished")),
        m.get("date"),
        m.get("datepublished"),
        *parser.times,
    )
    lang, langs = lang_fields(text)
    if parser.lang:  # the page's declared language is better than a guess
        lang = parser.lang.split("-")[0].lower()
        langs = [lang, *(x for x in langs if x != lang)]
    return Article(
        id=url or str(path),
        file=str(path),
        format=ArticleFormat.HTML,
        title=title,
        text=text,
        lang=lang,
        langs=langs,
        published=published,
        url=url,
        authors=_authors(m, ld),
        outlet=m.get("og:site_name") or None,
        meta={k: v for k, v in {"description": m.get("description")}.items() if v},
    )


def _best_text(parser: _PageParser) -> str:
    for name in ("article", "main", "body"):
        text = _clean("".join(parser.texts[name]))
        if len(text) >= 40 or (text and name == "body"):
            return text
    return ""


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return tidy("\n".join(lines))


def _jsonld(chunks: list[str]) -> dict[str, Any]:
    """The first JSON-LD object that looks like an article (or the first object at all)."""
    found: list[dict[str, Any]] = []
    for chunk in chunks:
        try:
            data = json.loads(chunk)
        except ValueError:
            continue
        items = (
            data
            if isinstance(data, list)
            else data.get("@graph", [data])
            if isinstance(data, dict)
            else []
        )
        found.extend(i for i in items if isinstance(i, dict))
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
