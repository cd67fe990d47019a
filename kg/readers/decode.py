"""Bytes to text: size limits, binary sniffing and encoding detection (UTF-8, UTF-16, GB18030).

Detection looks at a bounded head of the file so that streamed formats (JSON Lines, feeds) never
load the whole file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from kg.errors import InputError

MB = 1024 * 1024
ONE_ARTICLE_LIMIT = 20 * MB  # single-article formats are read whole; streamed ones are not
HEAD_BYTES = 64 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media"),
    (b"\x7fELF", "executable"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s+")
# Whitespace and fully assigned blocks (ASCII, Latin-1 and Latin Extended-A/B, Cyrillic,
# punctuation, arrows, CJK symbols, ideographs, full-width forms): none is Cc, Co or Cn.
_PLAIN = re.compile(
    "[\\s\x20-\x7e\xa0-\u024f\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff"
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9ffc\uff01-\uff5e]+")
_LATIN_CJK_LATIN = re.compile(r"(?<=[A-Za-z])[\u3400-\u9fff](?=[A-Za-z])")


def read_head(path: Path) -> tuple[bytes, int]:
    """The first bytes of `path` and its size; unreadable paths become InputError."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES), size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def check_binary(path: Path, head: bytes) -> None:
    """Refuse PDFs, images, archives and anything with NUL bytes that is not UTF-16."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"{path}: binary file ({kind}), not an article")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{path}: binary file (contains NUL bytes), not an article")


def detect_encoding(path: Path, head: bytes, complete: bool) -> str:
    """Encoding of a file from its head: BOM, else UTF-8, else GB18030, else cp1252 (Latin text).

    `complete` says the head is the whole file; otherwise a multi-byte character cut at the end
    of the head must not count against UTF-8.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head if complete else head[: max(0, len(head) - 4)]
    for name in ("utf-8", "gb18030", "cp1252"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "gb18030" and _looks_like_latin1(text):
            continue
        if name == "cp1252" and sum(b < 128 for b in sample) < len(sample) * 0.7:
            break  # mostly high bytes: not a French or English text in a Latin code page
        return name
    raise InputError(f"{path}: cannot decode text (not UTF-8, UTF-16, GB18030 or Latin-1)")


def _looks_like_latin1(text: str) -> bool:
    # A French cp1252 file also "decodes" as GB18030, but its accented letters turn into lone
    # ideographs wedged between Latin letters ("d\u00e9but" -> "d閎ut").
    cjk = len(_CJK.findall(text))
    return cjk > 0 and len(_LATIN_CJK_LATIN.findall(text)) > cjk * 0.3


def decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode the whole file and refuse text that is mostly control or replacement characters."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode text as {encoding} (byte {exc.start})") from exc
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    check_text(path, text)
    return text


def check_text(path: Path, text: str) -> None:
    """Refuse text that is only whitespace, or over 10 % control/private/unassigned characters."""
    if not text.strip():
        raise InputError(f"{path}: file has only whitespace")
    # Regexes run in C: whitespace and the ranges articles are made of are removed wholesale, so
    # the per-character category check only sees the rare rest.
    spaces = sum(map(len, _SPACE.findall(text)))
    rest = _PLAIN.sub("", text)
    bad = sum(1 for c in rest if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    if bad > (len(text) - spaces) * 0.1:
        raise InputError(f"{path}: text is mostly control characters, not an article")


def read_text(path: Path, size: int, encoding: str) -> str:
    """The whole file as text, for formats that hold one article (or one small JSON document)."""
    if size > ONE_ARTICLE_LIMIT:
        raise InputError(
            f"{path}: file is {size / MB:.1f} MB, larger than the "
            f"{ONE_ARTICLE_LIMIT // MB} MB limit for one article"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return decode(path, data, encoding)
