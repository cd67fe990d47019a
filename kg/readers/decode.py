"""Bytes to text: size limits, binary sniffing and encoding detection (UTF-8, UTF-16, then
Windows-1252/Latin-1, GB18030 or Big5 by charset-normalizer and two checks of our own).

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
# charset-normalizer's names -> Python codecs; Latin-1 is read as its superset cp1252.
_CODE_PAGES = {"gb18030": "gb18030", "big5": "big5", "cp1252": "cp1252", "latin_1": "cp1252"}
_CJK = ("gb18030", "big5")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LATIN_PUNCT = re.compile("[\xa0«»‘’‚“”„‹›–—…•€™]")
_LATIN_RUN = re.compile("(?:[\xc0-\xd6\xd8-\xf6\xf8-\u024f]|" + _LATIN_PUNCT.pattern + ")+")
_MAX_CHAOS = 0.1  # mess ratio above which a guess is mojibake (EUC-KR read as GB18030: 0.18)
_SPACE = re.compile(r"\s+")
# Whitespace and fully assigned blocks (ASCII, Latin-1 and Latin Extended-A/B, Cyrillic,
# punctuation, arrows, CJK symbols, ideographs, full-width forms): none is Cc, Co or Cn.
_PLAIN = re.compile(
    "[\\s\x20-\x7e\xa0-\u024f\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff"
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9ffc\uff01-\uff5e]+")


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
    """Encoding of a file from its head: a BOM, else UTF-8, else charset-normalizer's best
    guess among the code pages our languages come in (GB18030, Big5, Windows-1252, Latin-1).

    A guess that reads as a mess (Korean, Japanese or Russian bytes, random bytes) is refused,
    never decoded into mojibake that would become facts. `complete` says the head is the whole
    file; otherwise a multi-byte character cut at the end of the head must not count.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    try:  # incremental: a character cut at the end of an incomplete head is no error
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    sample = head if complete else _whole_characters(head)
    if _reads_as_latin(sample):
        return "cp1252"
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    found = from_bytes(sample, cp_isolation=list(_CODE_PAGES), preemptive_behaviour=False)
    best = found.best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(f"{path}: cannot decode text (not UTF-8, UTF-16, GB18030, Big5 or "
                         "Latin-1)")  # fmt: skip
    chinese = [r.encoding for r in found if r.encoding in _CJK and r.chaos <= _MAX_CHAOS]
    if best.encoding in _CJK and len(chinese) > 1:
        return _likelier_chinese(sample, best.encoding)
    return _CODE_PAGES[best.encoding]


def _whole_characters(head: bytes) -> bytes:
    """The head cut after its last byte below 0x30 (a line break, a space, most ASCII
    punctuation): no multi-byte character of GB18030 or Big5 holds one, so none is cut in two.
    Cutting a fixed few bytes off left half a character one time in two, and a 100 KB Chinese
    file was refused as undecodable."""
    last = max(head.rfind(bytes([byte]), len(head) - 4096) for byte in range(0x30))
    return head[: last + 1] if last >= 0 else head


def _reads_as_latin(sample: bytes) -> bool:
    """Do the bytes read as Latin-script text in Windows-1252: every non-ASCII character an
    accented letter or typographic punctuation, never three such letters in a row, at most 40 %
    of the letters accented? A short French line is also valid GB18030 or Big5 ("lève": "è"
    and "v" make one ideograph) and the detector scores the readings alike; Chinese text in
    those code pages is runs of high bytes (GB18030) or has lead bytes that are symbols in
    Windows-1252 (Big5's "台" starts with "¥")."""
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    accented = 0
    for run in _NON_ASCII.findall(text):
        letters = len(_LATIN_PUNCT.sub("", run))
        if not _LATIN_RUN.fullmatch(run) or letters >= 3:
            return False
        accented += letters
    # Big5 with an ASCII second byte reads as a letter pair ("鴻" is "ÂE"): half the letters
    return accented <= 0.4 * sum(map(str.isalpha, text))


def _likelier_chinese(sample: bytes, guess: str) -> str:
    """GB18030 or Big5, whichever reading has more common characters (the 3,755 of GB2312's
    first level, traditional ones folded to simplified): short texts in one are valid in the
    other, with rare characters ("阿里云" in GB18030 reads as Big5 "陝爵堁"). A tie keeps the
    detector's guess."""
    scores = {}
    for encoding in _CJK:
        try:
            scores[encoding] = _common_share(sample.decode(encoding)[:2000])
        except UnicodeDecodeError:
            continue
    top = max(scores.values(), default=0.0)
    return guess if scores.get(guess) == top else max(scores, key=scores.__getitem__)


def _common_share(text: str) -> float:
    from kg.lang import to_simplified

    wide = [c for c in to_simplified(text) if c >= "\u2e80"]  # ideographs, kana, hangul…
    return sum(map(_common, wide)) / len(wide) if wide else 1.0


def _common(char: str) -> bool:
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7  # GB2312 level 1: the common hanzi


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


def decode_whole(path: Path, encoding: str, limit: int, what: str) -> str:
    """A whole multi-article file (a feed) as text, refused over `limit` bytes."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path}: file is {size / MB:.1f} MB, larger than the "
                             f"{limit // MB} MB limit for {what}")  # fmt: skip
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode feed as {encoding}") from exc
    return text.lstrip("\ufeff").replace("\r\n", "\n")

