"""JSON (an object, a list of objects, or {"articles": [...]}) and JSON Lines, read line by line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.dates import read_date
from kg.errors import InputError
from kg.readers.common import lang_fields, tidy
from kg.readers.frontmatter import json_safe
from kg.readers.html import html_to_text
from kg.schema import Article, ArticleFormat

_FIELDS = {
    "title": ("title", "headline"),
    "text": ("text", "content", "body", "article", "description", "summary"),
    "date": ("date", "published", "published_at", "pubDate", "datetime", "created_at"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "outlet": ("source", "outlet", "publisher", "site"),
    "lang": ("lang", "language"),
    "id": ("id", "guid", "_id"),
    "authors": ("authors", "author", "byline"),
}
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def looks_like_jsonl(head: str) -> bool:
    """Two or more lines that each start a JSON object: JSON Lines rather than one document."""
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    if len(lines) < 2 or not lines[0].startswith("{"):
        return False
    try:
        json.loads(lines[0])
    except ValueError:
        return False
    return lines[1].startswith("{")


def read_json(path: Path, text: str) -> Iterator[Article | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except (ValueError, RecursionError) as exc:  # 5000-digit numbers, absurd nesting
        raise InputError(f"{path}: unreadable JSON ({type(exc).__name__})") from exc
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield record_article(path, data, ArticleFormat.JSON, None, str(path))
        return
    if not isinstance(data, list):
        raise InputError(
            f"{path}: JSON is a {type(data).__name__}, not an article object or a list"
        )
    for n, record in enumerate(data, start=1):
        yield record_article(path, record, ArticleFormat.JSON, n, f"{path}:item {n}")


def read_jsonl(path: Path, encoding: str) -> Iterator[Article | InputError]:
    n = 0
    try:
        fh = path.open(encoding=encoding, errors="surrogateescape", newline=None)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    with fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            n += 1
            where = f"{path}:{lineno}"
            if _SURROGATE.search(line):
                yield InputError(f"{where}: line is not valid {encoding}")
                continue
            try:
                record = json.loads(line.lstrip("\ufeff"))
            except json.JSONDecodeError as exc:
                yield InputError(f"{where}: malformed JSON at character {exc.pos + 1}: {exc.msg}")
                continue
            except (ValueError, RecursionError) as exc:
                yield InputError(f"{where}: unreadable JSON ({type(exc).__name__})")
                continue
            yield record_article(path, record, ArticleFormat.JSONL, n, where)


def record_article(
    path: Path, record: Any, fmt: ArticleFormat, n: int | None, where: str
) -> Article | InputError:
    """One JSON object -> Article, or the InputError to report for it."""
    if not isinstance(record, dict):
        return InputError(f"{where}: JSON record is a {type(record).__name__}, not an object")
    used: set[str] = set()
    get = _getter(record, used)
    title, body = _text(get("title")), _text(get("text"))
    text = html_to_text(body) if _TAG.search(body) else tidy(body)
    if not title and not text:
        return InputError(f"{where}: JSON record has no title or text")
    url, own_id, raw_date = _text(get("url")) or None, _text(get("id")), get("date")
    authors, outlet = _names(get("authors")), _name(get("outlet")) or None
    lang, langs = lang_fields(text or title)
    declared = _text(get("lang")).split("-")[0].lower()
    if declared:  # the record's own label wins over the guess
        lang, langs = declared, [declared, *(x for x in langs if x != declared)]
    published = read_date(raw_date)
    meta = json_safe({k: v for k, v in record.items() if k not in used})
    if raw_date and not published:
        meta["date_text"] = str(raw_date)
    return Article(
        id=url or own_id or (f"{path}#{n}" if n is not None else str(path)), file=str(path),
        format=fmt, title=title, text=text, lang=lang, langs=langs, published=published, url=url,
        authors=authors, outlet=outlet, meta=meta,
        keywords=_names(record.get("keywords")), tags=_names(record.get("tags")),
    )


def _getter(record: dict[str, Any], used: set[str]) -> Any:
    used.update(("keywords", "tags"))

    def get(field: str) -> Any:
        for key in _FIELDS[field]:
            value = record.get(key)
            if value not in (None, "", []):
                used.add(key)
                return value
        return None

    return get


def _text(value: Any) -> str:
    if isinstance(value, str | int | float):
        return str(value).strip()
    return ""


def _name(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("title"))
    return _text(value)


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    if len(items) == 1 and isinstance(items[0], str) and "," in items[0]:
        items = items[0].split(",")
    return [n for n in (_name(i) for i in items) if n]
