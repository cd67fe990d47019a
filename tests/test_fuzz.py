"""Hostile and unlucky input (issue 15): work that grows faster than the input, and the fuzz run.

The fuzz run reads and extracts random and mutated inputs (a fixed seed, KG_FUZZ_SEED, 15 by
default; KG_FUZZ_SECONDS, 20 s by default) and fails on any exception that is not a KgError.
Extraction growth is measured in work, never in seconds: the number of Python lines executed
inside `kg` (a tracer counts them) for an input of n and of 4n units. Linear code gives a ratio
near 4; the quadratic scans these tests guard against gave 7 and more. The counts are
deterministic, so the margin is wide and the test is never flaky on a loaded machine. Reading
growth (regexes run in C, where lines are not counted) is CPU time, best of three, retried,
against a ratio of 10 where linear is 4 and quadratic 16.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from kg.errors import KgError
from kg.extract import extract_article
from kg.readers import read_file
from kg.schema import Article, ArticleFormat

# Our own template sentences (the same shapes as benchmarks/bench_extract.py).
FIRMS = ["Mistral AI", "OpenAI", "Anthropic", "Cohere", "Helsing", "Kyutai", "Poolside"]
BACKERS = ["Nvidia", "Microsoft", "Google", "Amazon", "SoftBank", "Sequoia", "Lightspeed"]
TEMPLATES = [
    "{c} raised ${n} million in a Series B round led by {i}, with participation from {j}.",
    "{i} has invested ${n} million in {c}, the startup said on Tuesday.",
    "The Competition and Markets Authority is reviewing the partnership between {i} and {c}.",
    "{c}, a rival to {d}, said {i} is its main cloud provider.",
    "{i} agreed to acquire {d} for ${n} million, pending approval.",
    "Analysts said the market for AI chips kept growing through the quarter.",
]
GROWTH_LIMIT = 5.5  # work(4n) / work(n): linear is ~4, quadratic far above


def prose(sentences: int, seed: int = 7) -> str:
    """`sentences` template sentences with random firms and amounts (fixed seed)."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        out.append(rng.choice(TEMPLATES).format(
            c=rng.choice(FIRMS), d=rng.choice(FIRMS), i=rng.choice(BACKERS),
            j=rng.choice(BACKERS), n=rng.randint(5, 900)))
    return " ".join(out)


def lines_run(call: Callable[[], Any]) -> int:
    """How many lines of `kg` code `call()` executes."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def scope(frame: FrameType, event: str, arg: Any) -> Any:
        return local if "/kg/" in frame.f_code.co_filename else None

    sys.settrace(scope)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def growth(make: Callable[[int], Any], run: Callable[[Any], Any], n: int) -> float:
    """work(4n) / work(n) for inputs made by `make`."""
    run(make(1))  # warm-up: data files are loaded once, outside the count
    small, large = make(n), make(4 * n)
    return lines_run(lambda: run(large)) / lines_run(lambda: run(small))


def article(text: str) -> Article:
    return Article(id="long.txt", file="long.txt", format=ArticleFormat.TEXT, text=text,
                   lang="en", content_hash="0" * 64)


def test_extraction_work_grows_linearly_with_article_length() -> None:
    # Before: every sentence scanned every fact found so far (pairs._co_agents, _oriented,
    # _own_deals): 100 -> 400 sentences did 7x the work, and a 10 MB article took minutes.
    ratio = growth(lambda n: article(prose(n)), extract_article, 100)
    assert ratio < GROWTH_LIMIT, ratio


# --- the fuzz run: readers and extractor on random and mutated input ---------------------------

FIXTURES = Path(__file__).parent / "fixtures"
FUZZ_SECONDS = float(os.environ.get("KG_FUZZ_SECONDS", "20"))  # CI: bounded; longer by hand
FUZZ_SEED = int(os.environ.get("KG_FUZZ_SEED", "15"))  # another seed by hand: other inputs
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".xml"]
TOKENS = [b"<", b">", b"<![CDATA[", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"---\n", b"*a",
          b"&a [", b"[", b"]", b"{", b"}", b'"', b"\n", b"\r", b"\x00", b"\xff\xfe", b"# ",
          b"\xe4\xb8\xad", b"\xc3", b"\\u", b"  ", b"Mistral AI raised $5 million. ",
          b"\xe5\x8f\x91\xe5\xb8\x83", b"<p>", b"</div>", b"title: ", b"- ", b"1e999"]


def seeds() -> list[tuple[str, bytes]]:
    """Our own fixture files: the starting points mutations work from."""
    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                   and p.stat().st_size < 200_000)
    return [(p.suffix, p.read_bytes()) for p in files]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few random edits: insert a token, delete or duplicate a span, flip bytes."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, len(out))
        choice = rng.random()
        if choice < 0.4:
            out[pos:pos] = rng.choice(TOKENS) * rng.choice([1, 1, 2, 50])
        elif choice < 0.6 and out:
            del out[pos:pos + rng.randint(1, 200)]
        elif choice < 0.8 and out:
            out[pos:pos] = out[pos:pos + rng.randint(1, 400)]
        elif out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
    return bytes(out)


def read_and_extract(path: Path) -> None:
    """Read `path` and extract what it holds: every error must be a KgError."""
    for item in read_file(path):
        if isinstance(item, Article):
            try:
                extract_article(item)
            except KgError:
                pass


def test_fuzz_finds_no_exception_other_than_kg_errors(tmp_path: Path) -> None:
    rng = random.Random(FUZZ_SEED)
    pool = seeds()
    assert len(pool) > 20
    deadline = time.monotonic() + FUZZ_SECONDS
    tried = 0
    failures: list[str] = []
    while time.monotonic() < deadline or tried < 50:
        if rng.random() < 0.15:
            suffix, data = rng.choice(SUFFIXES), rng.randbytes(rng.randint(0, 3000))
        else:
            suffix, data = rng.choice(pool)
            data = mutate(data, rng)
        path = tmp_path / f"case{tried}{suffix}"
        path.write_bytes(data)
        try:
            read_and_extract(path)
        except KgError as exc:
            assert "\n" not in str(exc), str(exc)
        except Exception as exc:  # noqa: BLE001 - what the fuzz run is looking for
            keep = tmp_path.parent / f"fuzz-failure-{tried}{suffix}"
            keep.write_bytes(data)
            failures.append(f"{keep}: {exc!r}")
        path.unlink()
        tried += 1
    assert not failures, failures[:5]


# --- slowdown detector: reading time for n vs 4n (CPU time, best of three, wide margin) --------

GROWING = [  # name, one unit of a repeated pattern, around a fixed frame
    ("detect.txt", "<??>", "{}x"),
    ("heading.md", " ", "# a{}b\n\nText.\n"),
    ("brackets.md", "[", "# Notes\n\n{}\n"),
    ("links.md", "[a](", "# Notes\n\n{}\n"),
    ("tags.html", "<a", "<html><body><p>{}</p></body></html>"),
    ("spaces.txt", " ", "Headline\n\nOutlet by {}x\n"),
    ("cdata.xml", "<![CDATA[", "<rss><channel><item><title>{}</title></item></channel></rss>"),
    ("prose.txt", "Orbis Capital invests in Lumen Robotics. ", "{}"),
]
SLOWDOWN_LIMIT = 10.0  # time(4n) / time(n): linear ~4, quadratic ~16


def cpu_time(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        try:
            read_and_extract(path)
        except KgError:
            pass
        best = min(best, time.process_time() - start)
    return best


def test_reading_and_extracting_grow_linearly(tmp_path: Path) -> None:
    slow = []
    for name, unit, frame in GROWING:
        n = 20_000 // len(unit)
        ratios = []
        for _attempt in range(3):  # noise only ever makes one measurement too slow: retry
            small, large = tmp_path / f"s_{name}", tmp_path / f"l_{name}"
            small.write_text(frame.replace("{}", unit * n), "utf-8")
            large.write_text(frame.replace("{}", unit * 4 * n), "utf-8")
            ratio = cpu_time(large) / max(cpu_time(small), 0.02)
            ratios.append(ratio)
            if ratio < SLOWDOWN_LIMIT:
                break
        if min(ratios) >= SLOWDOWN_LIMIT:
            slow.append((name, ratios))
    assert not slow, slow


# --- done when: a folder of every hostile file plus good ones ----------------------------------


def hostile_folder(root: Path) -> dict[str, str]:
    """Every hostile file of issue 15 (small forms of each) and two good articles; returns the
    good files' names and texts."""
    import json

    root.mkdir()
    good = {"good_en.txt": "Orbis Capital invests in Lumen Robotics.\n",
            "good_fr.md": "# Kestrel\n\nKestrel Cloud rachète Pico Labs.\n"}
    for name, text in good.items():
        (root / name).write_text(text, "utf-8")
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    levels += [f"{b}: &{b} [{','.join(['*' + a] * 9)}]" for a, b in pairs]
    rows = [{"title": f"t{i}", "text": f"<p>Helsing raised round {i}.</p>"} for i in range(5)]
    rows[1]["text"] = "<p>Opening.</p><![CDATAx bad</p>"
    files = {
        "detect.txt": "<??>" * 40 + "x",
        "heading.md": "# a" + " " * 3000 + "b\n\nText.\n",
        "brackets.md": "# Notes\n\n" + "[" * 1_000_000 + "\n",
        "bomb.md": "---\n" + "\n".join(levels) + "\ntitle: t\n---\nText.\n",
        "records.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n",
        "deep.html": "<html><body><article>" + "<div>" * 5000 + "<p>Deep text here.</p>"
                     + "</div>" * 5000 + "</article></body></html>",
        "doctype.xml": '<?xml version="1.0"?><!-- <a --><!DOCTYPE r [<!ENTITY e "x">]>'
                       "<rss><channel><item><title>&e;</title></item></channel></rss>",
        "empty.txt": "",
    }
    for name, text in files.items():
        (root / name).write_text(text, "utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / os.fsdecode(b"\xc4\xe3\xba\xc3.txt")).write_bytes(b"")  # GBK name, empty
    (root / "two\nlines.txt").write_bytes(b"\x00\x01")
    os.mkfifo(root / "pipe.txt")
    return good


def test_a_folder_of_hostile_files_stores_every_good_one(tmp_path: Path) -> None:
    from kg.pipeline import Budget, ingest
    from kg.store import Store

    root = tmp_path / "in"
    good = hostile_folder(root)
    summary = ingest([root], tmp_path / "data", workers=2, budget=Budget(seconds=120))
    with Store.open(tmp_path / "data") as store:
        files = {Path(a.file).name for a in store.articles()}
        records = [a.title for a in store.articles() if a.file.endswith("records.jsonl")]
    assert set(good) <= files
    assert len(records) >= 4  # the bad record fails alone (or is read), the rest go in
    assert summary.failed == len(summary.failures) >= 5
    for line in summary.failures:
        assert "\n" not in line and line.startswith(str(root)), line
    named = " ".join(summary.failures)
    for bad in ["empty.txt", "binary.txt", "bomb.md", "pipe.txt", "two\\x0alines.txt",
                "\\xc4\\xe3\\xba\\xc3.txt"]:
        assert bad in named, bad
    assert not any(name in named for name in good)
