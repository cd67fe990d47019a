"""Hostile and unlucky input to the readers (issue 15): no hang, no crash, no lost record.

Each case failed on the readers before this file (hours-long regex backtracking, a YAML alias
bomb, html.parser's AssertionError, a RecursionError, a bad record ending its file). The hang
guard is a generous budget for inputs read in milliseconds now: it catches a hang, it does not
measure speed (benchmarks/ does).
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import InputError, KgError
from kg.readers import read_file
from kg.schema import Article

BUDGET = 10  # seconds; each input below is read in well under one now


@contextmanager
def no_hang(seconds: int = BUDGET) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read(path: Path) -> list[Article | InputError]:
    with no_hang():
        return list(read_file(path))


def outcome(path: Path) -> list[Article | InputError] | KgError:
    try:
        return read(path)
    except KgError as exc:  # a one-line error is a fine outcome; anything else is not
        assert "\n" not in str(exc)
        return exc


SPACES = " " * 3000
SLOW_TEXT = [
    # name, content: each one took from seconds to days
    ("detect.txt", "<??>" * 40 + "x"),  # exponential format-detection regex
    ("heading.md", "# a" + SPACES + "b\n\nMistral AI raised money.\n"),  # cubic heading regex
    ("heading.txt", "# a" + SPACES + "b\n"),
    ("heading_digest.md", "---\ntitle: t\n---\n# a" + SPACES + "b\n\nText.\n"),
    ("brackets.md", "# Notes\n\n" + "[" * 10_000_000 + "\n"),  # a 10 MB line of "["
    ("footnotes.md", "# Notes\n\n" + "[^" * 1_000_000 + "\n"),
    ("byline.txt", "Headline\n\nOutlet by " + "by " * 20_000 + "\n摘要\n文本\nSummary\nText\n"),
    ("keywords.md", "---\ntitle: t\n---\nText.\n\n" + " " * 20_000 + "x\n"),
    ("tags.json", json.dumps({"title": "t", "text": "<a" * 200_000})),
    ("players.txt", "标题\n\n摘要\n文本\nKey Players\nMistral AI" + " " * 200_000 + "x\n"),
]


@pytest.mark.parametrize(("name", "content"), SLOW_TEXT)
def test_reading_time_stays_linear(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    outcome(path)


def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path: Path) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    levels += [f"{b}: &{b} [{','.join(['*' + a] * 9)}]" for a, b in pairs]
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(levels) + "\ntitle: t\n---\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read(path)
    assert str(err.value) == f"{path}: front matter uses YAML aliases (*name), not accepted"


def test_yaml_constructor_errors_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad_month.md"
    path.write_text("---\ntitle: t\ndate: 2024-13-45\n---\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read(path)
    assert str(err.value) == f"{path}: front matter is not valid YAML (month must be in 1..12)"


BAD_SECTION = "<p>Opening.</p><![CDATAx bad</p>"  # a malformed marked section


def test_malformed_marked_section_fails_alone_in_json_lines(tmp_path: Path) -> None:
    rows = [{"title": f"t{i}", "text": f"<p>Mistral AI raised round {i}.</p>"} for i in range(5)]
    rows[1]["text"] = BAD_SECTION
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = read(path)
    assert [a.title for a in got if isinstance(a, Article)] == ["t0", "t1", "t2", "t3", "t4"]


@pytest.mark.parametrize("escaped", [True, False])
def test_malformed_marked_section_fails_alone_in_feeds(tmp_path: Path, escaped: bool) -> None:
    bad = BAD_SECTION.replace("<", "&lt;") if escaped else "<![CDATAx bad"
    entries = "".join(
        f"<item><title>t{i}</title><link>https://x.example/{i}</link><description>"
        f"{bad if i == 1 else f'Mistral AI raised round {i}.'}</description></item>"
        for i in range(5))  # fmt: skip
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>{entries}'
                    "</channel></rss>", encoding="utf-8")  # fmt: skip
    got = read(path)
    assert [a.title for a in got if isinstance(a, Article)] == ["t0", "t1", "t2", "t3", "t4"]
    assert [a.url for a in got if isinstance(a, Article)][2] == "https://x.example/2"


PAGE = "<html><body><article><p>{}</p></article></body></html>"
STORY = "Kestrel Robotics raised $40 million in a Series B round led by Northwind Capital."


@pytest.mark.parametrize("markup", [
    PAGE.format(STORY) + "<![ bad",  # html.parser: "expected name token"
    PAGE.format(STORY + " <![CDATAx bad"),  # html.parser: "unknown status keyword"
])  # fmt: skip
def test_odd_markup_is_read_not_a_crash(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article) and STORY in article.text


@pytest.mark.parametrize("depth", [1000, 5000])
def test_deeply_nested_valid_page_is_read(tmp_path: Path, depth: int) -> None:
    ld = "[" * 100_000 + "]" * 100_000  # valid JSON-LD, deeper than Python's recursion limit
    page = (f'<html><head><script type="application/ld+json">{ld}</script></head><body>'
            f"<article>{'<div>' * depth}<p>{STORY}</p>{'</div>' * depth}</article></body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article) and article.text == STORY


def test_feed_parser_exceptions_are_one_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "namespace.xml"  # a no-break space in a namespace URI (found by fuzzing)
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0" xmlns:dc="http://purl.org/a&nbsp;b/">'
                    "<channel><title>c</title><item><title>t</title><dc:creator>x</dc:creator>"
                    "</item></channel></rss>\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError) as err:
        read(path)
    assert str(err.value) == f"{path}: malformed XML (ValueError in the feed parser)"


def test_big_page_is_read_in_linear_time(tmp_path: Path) -> None:
    # trafilatura's time grows faster than the page: past a bound the page's own <article> is
    # read instead, whole
    paras = "".join(f"<p>{i}. {STORY}</p><div><span>段落{i}</span></div>" for i in range(40_000))
    path = tmp_path / "big.html"
    path.write_text(f"<html><body><nav>Home</nav><article>{paras}</article></body></html>",
                    encoding="utf-8")  # fmt: skip
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text.startswith(f"0. {STORY}") and "39999. " in article.text
    assert "Home" not in article.text
