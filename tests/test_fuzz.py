"""Hostile and unlucky input (issue 15): work that grows faster than the input, and the fuzz run.

Growth is measured in work, never in seconds: the number of Python lines executed inside `kg`
(a tracer counts them) for an input of n and of 4n units. Linear code gives a ratio near 4; the
quadratic scans these tests guard against gave 7 and more. The counts are deterministic, so the
margin is wide and the test is never flaky on a loaded machine.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from kg.extract import extract_article
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
