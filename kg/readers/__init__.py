"""Readers: files in, `kg.schema.Article` out, whatever the format (formats.md).

>>> from kg.readers import iter_files, read_file
>>> for path in iter_files(["examples/"]):
...     for item in read_file(path):
...         print(item)   # an Article, or an InputError for one bad record
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.readers.common import lexicon
from kg.readers.decode import check_binary, check_text, detect_encoding, read_head, read_text
from kg.readers.detect import detect_format
from kg.readers.feeds import check_prolog, read_feed
from kg.readers.frontmatter import read_digest
from kg.readers.html import read_html
from kg.readers.insight import read_insight
from kg.readers.jsonfmt import read_json, read_jsonl
from kg.readers.text import read_text_article
from kg.schema import Article, ArticleFormat

__all__ = ["iter_files", "read_file", "detect_format"]

_GLOB_CHARS = set("*?[")


def iter_files(paths: Iterable[str | Path], seen: set[Path] | None = None) -> Iterator[Path]:
    """Files named, found under folders (recursively, sorted; hidden files, READMEs, scripts and
    config skipped) or matched by glob patterns; each file once (by resolved path; `seen`, when
    given, holds those already listed by an earlier call)."""
    seen = set() if seen is None else seen
    for given in paths:
        for path in _expand(given):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def _expand(given: str | Path) -> Iterator[Path]:
    path = Path(given)
    if path.is_dir():
        found = (p for p in path.rglob("*")
                 # not only regular files: a FIFO or device met is refused by name, not skipped
                 if not p.is_dir() and not _hidden(p.relative_to(path)) and not _not_an_article(p))
        yield from sorted(found, key=lambda p: p.relative_to(path).parts)
    elif path.exists():
        yield path
    elif _GLOB_CHARS & set(str(given)):
        matches = sorted(glob.glob(str(given), recursive=True))
        if not matches:
            raise InputError(f"{given}: no such file or directory")
        for match in matches:
            yield from _expand(match)
    else:
        raise InputError(f"{given}: no such file or directory")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _not_an_article(path: Path) -> bool:
    """A README, licence, script or config file met in a folder walk."""
    skip = lexicon()["folder_skip"]
    return path.stem.lower() in skip["names"] or path.suffix.lower() in skip["suffixes"]


def read_file(path: str | Path) -> Iterator[Article | InputError]:
    """Articles in one file, format detected from content.

    Whole-file problems raise InputError straight away; a bad record inside a JSON Lines file or
    a feed comes out as an InputError item and the other records still come.
    """
    path = Path(path)
    head, size = read_head(path)
    if size == 0 or not head:
        raise InputError(f"{path}: empty file")
    check_binary(path, head)
    complete = size <= len(head)
    encoding = detect_encoding(path, head, complete)
    head_text = head.decode(encoding, errors="ignore").lstrip("\ufeff").replace("\r\n", "\n")
    if complete or not head_text.strip():
        check_text(path, head_text)
    fmt = detect_format(path, head_text)
    if fmt in (ArticleFormat.RSS, ArticleFormat.ATOM):
        check_prolog(path, head_text)  # before anything parses: DTDs are refused up front
        return read_feed(path, encoding, head_text)
    if fmt is ArticleFormat.JSONL:
        return read_jsonl(path, encoding)
    text = read_text(path, size, encoding)
    if fmt is ArticleFormat.JSON:
        return read_json(path, text)
    return iter([_single(path, text, fmt)])


def _single(path: Path, text: str, fmt: ArticleFormat) -> Article:
    if fmt is ArticleFormat.MARKDOWN_DIGEST:
        return read_digest(path, text)
    if fmt is ArticleFormat.INSIGHT_DIGEST:
        return read_insight(path, text)
    if fmt is ArticleFormat.HTML:
        return read_html(path, text)
    return read_text_article(path, text, markdown=fmt is ArticleFormat.MARKDOWN)
