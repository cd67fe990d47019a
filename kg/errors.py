"""One error base for the whole library: the CLI shows `Error: <message>` for any of these."""

from __future__ import annotations

import re


class KgError(Exception):
    """Base class of every error `kg` raises on purpose. The message is one line."""


class InputError(KgError):
    """An article file or value cannot be read (empty, binary, bad encoding, bad front matter)."""


class ExtractionError(KgError):
    """An extractor failed on an article."""


class StoreError(KgError):
    """The local store or the graph database cannot be read or written."""


class ConfigurationError(KgError):
    """Bad options, environment variables or connection settings."""


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe to print on one line: control characters, line and paragraph separators,
    bidi overrides and undecodable bytes of file names (lone surrogates) shown as escapes."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
