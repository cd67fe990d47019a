"""RSS 0.9x / 1.0 / 2.0 and Atom feeds, read the way feed readers do (feedparser): HTML
entities and sloppy escaping are forgiven, one article per item with its own link and date.

Safety first: the real prolog (past the XML declaration, comments and processing instructions)
is checked before anything parses. A DOCTYPE with an internal subset (where entity bombs and
external entities live) or an ENTITY declaration is refused; a plain external DOCTYPE (RSS 0.91's
own) is dropped unread, so no DTD is fetched. The strict pass then runs on defusedxml's expat
reader, which refuses entities and external references even if one got past the check.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.entities import name2codepoint
from pathlib import Path
from typing import Any

from kg.dates import read_date
from kg.errors import InputError
from kg.readers.common import is_dropped, lang_fields, tidy
from kg.readers.decode import MB, decode_whole
from kg.readers.html import html_to_text
from kg.schema import Article, ArticleFormat

FEED_LIMIT = 50 * MB  # feedparser holds the whole feed in memory
_NAME = re.compile(r"[A-Za-z_:][\w:.-]*")
_ITEM_END = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")
# expat errors that are sloppy escaping, which feed readers forgive (feedparser's loose pass)
_FORGIVEN = ("undefined entity", "not well-formed (invalid token)")
_TRUNCATED = ("no element found", "unclosed token", "unclosed CDATA section")
_AMP = re.compile(r"&(?:(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));|&")
_LT = re.compile(r"<(?![A-Za-z_:/?]|!--|!\[CDATA\[)")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def scan_prolog(head: str) -> tuple[int, tuple[int, int] | None, bool]:
    """Walk the real prolog (XML declaration, comments, processing instructions, DOCTYPE) with
    str.find, in linear time: (where the root element should start, the span of a DOCTYPE,
    whether a DTD declares anything: an internal subset or a bare `<!ENTITY`)."""
    pos, doctype = 0, None
    while True:
        while pos < len(head) and head[pos] in " \t\r\n\ufeff":
            pos += 1
        if head.startswith("<?", pos) or head.startswith("<!--", pos):
            pi = head[pos + 1] == "?"
            close = head.find("?>" if pi else "-->", pos + 2)
            if close < 0:
                return pos, doctype, False
            pos = close + (2 if pi else 3)
        elif head[pos : pos + 9].upper() == "<!DOCTYPE":
            end = _doctype_end(head, pos + 9)
            if end is None:
                return pos, doctype, True
            doctype, pos = (pos, end), end
        else:
            return pos, doctype, head.startswith("<!", pos) and not head.startswith("<![", pos)


def _doctype_end(head: str, pos: int) -> int | None:
    """End of a DOCTYPE that names only an external DTD; None for an internal subset."""
    quote = ""
    for i in range(pos, len(head)):
        ch = head[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            return None
        elif ch == ">":
            return i + 1
    return None


def check_prolog(path: Path, head: str) -> tuple[int, int]:
    """Refuse DTDs with an internal subset and ENTITY declarations before parsing anything;
    (start, end) of an external DOCTYPE to drop, (0, 0) when there is none."""
    pos, doctype, declares = scan_prolog(head)
    if declares:
        raise InputError(f"{path}: XML with a DOCTYPE or ENTITY declaration is not accepted")
    if not (head.startswith("<", pos) and _NAME.match(head, pos + 1)):
        raise InputError(f"{path}: no XML root element in the first {len(head)} characters")
    return doctype or (0, 0)


def read_feed(path: Path, encoding: str, head: str) -> Iterator[Article | InputError]:
    """Articles of a feed, one per item; a bad item comes out as an InputError, and a feed
    broken beyond repair gives the items before the break, then one error."""
    start, end = check_prolog(path, head)
    text = decode_whole(path, encoding, FEED_LIMIT, "one feed")
    if end:
        text = text[:start] + text[end:]
    text = repair(text)
    try:
        parsed, shift = _parse(text)
    except MemoryError:
        raise  # not the feed's markup: the caller's memory budget
    except Exception as exc:  # feedparser's own bugs on broken markup (KeyError, ValueError)
        reason = f"{type(exc).__name__} in the feed parser"
        raise InputError(f"{path}: malformed XML ({reason})") from exc
    entries = parsed.get("entries", [])
    error = _structural_error(path, parsed, text, shift)
    if error is not None:
        entries = entries[: len(_ITEM_END.findall(text, 0, error[1]))]
    atom = str(parsed.get("version", "")).startswith("atom")
    channel = parsed.get("feed", {})
    for n, entry in enumerate(entries, 1):
        yield item_article(path, entry, n, channel, atom)
    if error is not None:
        raise error[0]


def repair(text: str) -> str:
    """Sloppy escaping made well-formed, the way feed readers forgive it: HTML entities
    (`&nbsp;`) to characters, a bare `&` or a `<` that opens no markup (`<![CDATAx`) escaped.
    CDATA sections are left as they are. Line numbers do not change."""
    out, pos = [], 0
    while pos < len(text):
        start = text.find("<![CDATA[", pos)
        start = len(text) if start < 0 else start
        out.append(_AMP.sub(_entity, _LT.sub("&lt;", text[pos:start])))
        end = text.find("]]>", start)
        end = len(text) if end < 0 or start == len(text) else end + 3
        out.append(text[start:end])
        pos = end
    return "".join(out)


def _entity(m: re.Match[str]) -> str:
    name = m[2]
    if m[1] or name in _XML_ENTITIES:
        return m[0]
    if name in name2codepoint:
        return f"&#{name2codepoint[name]};"
    return "&amp;" + m[0][1:]  # an unknown name or a bare "&": the text as written


_UTF8_DECL = '<?xml version="1.0" encoding="utf-8"?>'


def _parse(text: str) -> tuple[Any, int]:
    """feedparser's result, and how far `text` is shifted in what it read (for positions)."""
    import feedparser  # imported on first use: ~0.2 s

    # Our own decoding wins: the declaration is replaced by the UTF-8 the parser is given.
    decl = _DECL.match(text)
    cut = decl.end() if decl else len(text) - len(text.lstrip())
    feedparser.api.PREFERRED_XML_PARSERS = ["defusedxml.expatreader"]
    body = io.BytesIO((_UTF8_DECL + text[cut:]).encode("utf-8"))
    # A stream, never bytes or str: feedparser would take those for a file name or URL.
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    return parsed, cut - len(_UTF8_DECL)


def _structural_error(
    path: Path, parsed: Any, text: str, shift: int
) -> tuple[InputError, int] | None:
    """(error, offset in `text`) when the feed is broken beyond sloppy escaping."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    message = str(getattr(exc, "getMessage", lambda: "")())
    if exc is None or not message or any(m in message for m in _FORGIVEN):
        return None
    seen = _UTF8_DECL + text[len(_UTF8_DECL) + shift :]
    lines = seen.split("\n")
    row = min(exc.getLineNumber(), len(lines)) - 1
    offset = max(0, sum(len(x) + 1 for x in lines[:row]) + exc.getColumnNumber() + shift)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if any(m in message for m in _TRUNCATED):
        return InputError(f"{path}: malformed XML (truncated at the end of the file)"), offset
    return InputError(f"{path}: malformed XML at line {line}, column {column}"), offset


def item_article(
    path: Path, entry: Any, n: int, channel: Any, atom: bool
) -> Article | InputError:
    title = " ".join(_plain(entry.get("title", "")).split())
    contents = entry.get("content") or []
    body = (contents[0].get("value") if contents else "") or entry.get("summary", "")
    text = "\n".join(line for line in _plain(body).split("\n") if not is_dropped(line))
    text = tidy(text)  # without "The post … appeared first on …", which blogs append
    if not title and not text:
        return InputError(f"{path}:item {n}: feed item has no title or text")
    own_id = entry.get("id") or None
    link = entry.get("link") or ""
    url = link if re.match(r"https?://", link) else None
    # dict.get: feedparser's own get() maps a missing "updated" to "published" with a warning
    raw_date = next((dict.get(entry, key) for key in ("published", "updated", "created")
                     if dict.get(entry, key)), None)
    lang, langs = lang_fields(text or title)
    declared = str(channel.get("language", "")).split("-")[0].lower()
    if declared in ("zh", "en", "fr") and lang in (None, declared):
        lang, langs = declared, [declared, *(x for x in langs if x != declared)]
    meta = {k: v for k, v in {"guid": own_id, "date_text": raw_date}.items() if v}
    return Article(
        id=url or own_id or f"{path}#{n}", file=str(path),
        format=ArticleFormat.ATOM if atom else ArticleFormat.RSS, title=title, text=text,
        lang=lang, langs=langs, url=url, authors=_authors(entry),
        published=read_date(raw_date) if raw_date else None,
        outlet=channel.get("title") or None, meta=meta,
    )  # fmt: skip


def _plain(value: str) -> str:
    value = (value or "").strip()
    return html_to_text(value) if "<" in value or "&" in value else tidy(value)


def _authors(entry: Any) -> list[str]:
    names = [a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)]
    names = [n.strip() for n in names if n and n.strip()]
    if not names and entry.get("author"):
        names = [str(entry["author"]).strip()]
    return names
