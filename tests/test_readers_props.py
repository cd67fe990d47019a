"""Property tests: whatever bytes a file holds, reading it gives Articles, InputError items, or
raises InputError — never any other exception."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.readers import read_file
from kg.readers.decode import check_text
from kg.schema import Article

SUFFIXES = st.sampled_from([".txt", ".md", ".json", ".jsonl", ".xml", ".html", ""])

# Fragments of every format, shuffled together: reaches the parsers far more often than noise.
FRAGMENTS = st.sampled_from([
    "---\n", "title: Mistral AI\n", "date: 2024-06-11\n", "date: [\n", "source_url: ''\n",
    "## Content\n", "<article>\n", "[^1]: (2024, June 11). \"[t](<https://x.example>)\". P.\n",
    "**关键词**：Mistral AI，微软\n", "## Tags\n#AI\n", "摘要\n", "Summary\n", "Résumé\n",
    "Example by A B 2024-02-27 09:15 Original\n", "Key Players\n", "X — y, Paris, France.\n",
    "Related Companies\n", "mature\n", "positive\n", "AI Processing\n", "<?xml version='1.0'?>",
    "<rss><channel><item><title>", "</title></item>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<entry><link href='u'/>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "<html lang='fr'><body><p>",
    "<script>", "</p>", '{"title": "t", "text": ', '"微软投资Mistral AI"}', "[", "]", "\n",
    "URL: https://e.example\n", "TITLE: t\n", "LANG: zh\n", "\u00e9", "\ufffd", "\x00", "\r\n",
])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=25).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"])


def check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            items = list(read_file(path))
        except InputError as exc:
            assert str(exc).startswith(str(path)), exc
            assert "\n" not in str(exc)
            return
        for item in items:
            assert isinstance(item, Article | InputError), item
            if isinstance(item, InputError):
                assert str(item).startswith(str(path)) and "\n" not in str(item)
            else:
                assert item.file == str(path) and item.id


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=SUFFIXES)
def test_arbitrary_bytes_never_crash(data: bytes, suffix: str):
    check(data, suffix)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, encoding=ENCODINGS, suffix=SUFFIXES)
def test_format_shaped_text_never_crashes(text: str, encoding: str, suffix: str):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates from st.text(): not a file anyone can write
        data = text.encode(encoding, errors="replace")
    check(data, suffix)


def _check_text_per_character(text: str) -> bool:
    """The plain definition check_text's fast path must agree with: True = refused."""
    if not text.strip():
        return True
    visible = [c for c in text if not c.isspace()]
    bad = sum(1 for c in visible if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    return bad > len(visible) * 0.1


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(FRAGMENTS, st.text(max_size=12),
                               st.sampled_from(["\x01", "\ue000", "\U000e0080", "\u0378"])),
                     max_size=30).map("".join))
def test_check_text_agrees_with_the_per_character_definition(text: str):
    try:
        check_text(Path("x.txt"), text)
        refused = False
    except InputError:
        refused = True
    assert refused == _check_text_per_character(text)
