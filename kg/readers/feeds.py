"""RSS 2.0 / RSS 1.0 / Atom feeds, streamed item by item with bounded memory.

Entity expansion is refused up front: a DOCTYPE or ENTITY declaration in the prolog is an error,
and without one expat knows no entities to expand.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.dates import read_date
from kg.errors import InputError
from kg.readers.common import lang_fields, tidy
from kg.readers.html import html_to_text
from kg.schema import Article, ArticleFormat

CHUNK = 64 * 1024
_ROOT_START = re.compile(r"<[A-Za-z_]")
_ITEM_TAGS = {"item", "entry"}
_LOCAL = re.compile(r"^\{[^}]*\}")


def check_prolog(path: Path, head: str) -> None:
    """Refuse DTDs (entity expansion bombs live there) before parsing anything."""
    root = _ROOT_START.search(head)
    if root is None:
        raise InputError(f"{path}: no XML root element in the first {len(head)} characters")
    if re.search(r"<!(DOCTYPE|ENTITY)", head[: root.start()], re.IGNORECASE):
        raise InputError(f"{path}: XML with a DOCTYPE or ENTITY declaration is not accepted")


def read_feed(path: Path, encoding: str) -> Iterator[Article | InputError]:
    parser: ET.XMLPullParser = ET.XMLPullParser(events=("start", "end"))
    state = _FeedState(path)
    for chunk in _chunks(path, encoding):
        parser.feed(chunk)  # a syntax error is queued and raised by read_events, in order
        yield from _drain(path, parser, state)
    try:
        parser.close()
    except ET.ParseError as exc:
        raise InputError(f"{path}: malformed XML (truncated at the end of the file)") from exc
    yield from _drain(path, parser, state)


class _FeedState:
    def __init__(self, path: Path) -> None:
        self.stack: list[ET.Element] = []
        self.channel: dict[str, str] = {}
        self.n = 0


def _drain(
    path: Path, parser: ET.XMLPullParser, state: _FeedState
) -> Iterator[Article | InputError]:
    """Items completed so far; the items before a syntax error still come out."""
    try:
        for event, elem in parser.read_events():  # type: ignore[misc]  # typeshed is too loose
            assert isinstance(elem, ET.Element)
            if event == "start":
                state.stack.append(elem)
                continue
            state.stack.pop()
            name = local(elem.tag)
            if name in _ITEM_TAGS:
                state.n += 1
                yield item_article(path, elem, state.n, state.channel)
                if state.stack:  # drop the finished item so memory stays bounded
                    state.stack[-1].remove(elem)
            elif state.stack and local(state.stack[-1].tag) in ("channel", "feed") and elem.text:
                state.channel.setdefault(name, elem.text.strip())
    except ET.ParseError as exc:
        position: tuple[int, int] = getattr(exc, "position", (0, 0))
        where = f"line {position[0]}, column {position[1] + 1}"
        raise InputError(f"{path}: malformed XML at {where}") from exc


def _chunks(path: Path, encoding: str) -> Iterator[str]:
    """Decoded text chunks: expat then reads them as UTF-8 whatever the declaration says."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as fh:
            while data := fh.read(CHUNK):
                yield decoder.decode(data)
            yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode feed as {encoding}") from exc


def local(tag: str) -> str:
    return _LOCAL.sub("", tag)


def item_article(
    path: Path, item: ET.Element, n: int, channel: dict[str, str]
) -> Article | InputError:
    f = _item_fields(item)
    title = f.get("title", "")
    body = f.get("encoded") or f.get("content") or f.get("description") or f.get("summary", "")
    text = html_to_text(body) if "<" in body else tidy(body)
    if not title and not text:
        return InputError(f"{path}:item {n}: feed item has no title or text")
    url = f.get("link") or None
    raw_date = f.get("pubDate") or f.get("published") or f.get("updated") or f.get("date")
    lang, langs = lang_fields(text or title)
    declared = channel.get("language", "").split("-")[0].lower()
    if declared in ("zh", "en", "fr") and lang in (None, declared):
        lang, langs = declared, [declared, *(x for x in langs if x != declared)]
    own_id = f.get("guid") or f.get("id")
    meta = {k: v for k, v in {"guid": own_id, "date_text": raw_date}.items() if v}
    return Article(
        id=url or own_id or f"{path}#{n}", file=str(path),
        format=ArticleFormat.ATOM if item.tag.endswith("entry") else ArticleFormat.RSS,
        title=title, text=text, lang=lang, langs=langs, url=url, authors=_authors(item),
        published=read_date(raw_date) if raw_date else None,
        outlet=channel.get("title") or None, meta=meta,
    )


def _item_fields(item: ET.Element) -> dict[str, str]:
    """First value of each child by local name; Atom links by href, xhtml content by its text."""
    out: dict[str, str] = {}
    for child in item:
        name = local(child.tag)
        if name == "link" and child.get("href") is not None:
            if child.get("rel", "alternate") == "alternate" and "link" not in out:
                out["link"] = child.get("href", "").strip()
            continue
        value = child.text or "" if len(child) == 0 else _inner(child)
        if name not in out and value.strip():
            out[name] = value.strip()
    return out


def _inner(elem: ET.Element) -> str:
    # Atom type="xhtml" content arrives as child elements, not as escaped text.
    return "".join(ET.tostring(c, encoding="unicode") for c in elem) or "".join(elem.itertext())


def _authors(item: ET.Element) -> list[str]:
    names = []
    for child in item:
        if local(child.tag) in ("author", "creator"):
            name = next((c.text for c in child if local(c.tag) == "name" and c.text), None)
            names.append((name or child.text or "").strip())
    return [n for n in names if n]
