"""Extraction speed on one core: articles per second of the `rules` extractor.

    python benchmarks/bench_extract.py [N]              # default 2000 generated articles
    python benchmarks/bench_extract.py --long [N]       # generated, ~1,500 characters each
    python benchmarks/bench_extract.py --files DIR [R]  # real files read by kg.readers, R rounds
    python benchmarks/bench_extract.py --best 7 ...     # best of 7 timed passes (shared machines)

Articles are generated from our own templates (zh, en, fr and mixed digests), so the figure does
not depend on any data set. Prints articles per CPU-second (one core, unaffected by other
load); no timing in tests.
"""

from __future__ import annotations

import random
import sys
import time

from kg.extract import extract_article
from kg.schema import Article, ArticleFormat

COMPANIES = [
    "Mistral AI",
    "OpenAI",
    "Anthropic",
    "Cohere",
    "Helsing",
    "Kyutai",
    "DeepSeek",
    "xAI",
    "Aleph Alpha",
    "Hugging Face",
    "Poolside",
    "Scale AI",
    "Perplexity",
    "Runway",
]
INVESTORS = [
    "Nvidia",
    "Microsoft",
    "Google",
    "Amazon",
    "Salesforce",
    "SoftBank",
    "Sequoia",
    "Index Ventures",
    "General Catalyst",
    "Lightspeed",
    "Bpifrance",
    "a16z",
]
EN = [
    "{c} raised ${n} million in a Series {r} round led by {i}, with participation from {j} "
    "and {k}.",
    "{i} has invested ${n} million in {c}, the startup said on Tuesday.",
    "The Competition and Markets Authority is reviewing the partnership between {i} and {c}.",
    "{c}, a rival to {d}, said {i} is its main cloud provider.",
    "{c} CEO Jane Example told reporters the company would hire 200 engineers in Paris.",
    "{i} agreed to acquire {d} for ${n} million, pending approval.",
    "Analysts said the market for AI chips kept growing through the quarter.",
]
FR = [
    "{c} a levé {n} millions d’euros auprès de {i} et {j}.",
    "L’Autorité de la concurrence examine le partenariat entre {i} et {c}.",
    "La pépite française {c}, concurrente de {d}, a racheté une start-up lyonnaise.",
]
ZH = [
    "{i}向{c}注资{n}亿美元。",
    "这家公司的竞争对手{d}也在扩张。",
    "欧盟委员会正在审查{i}与{c}的合作关系。",
]


def make_article(k: int, rng: random.Random, rounds: int = 1) -> Article:
    """One generated article; `rounds=3` gives the size of a news excerpt (~1,500 characters)."""
    parts = []
    for _ in range(rounds):
        for templates in (EN, FR, ZH) if k % 3 == 0 else (EN,):
            for t in rng.sample(templates, min(len(templates), 5)):
                c, d = rng.sample(COMPANIES, 2)
                i, j, kk = rng.sample(INVESTORS, 3)
                n = rng.randint(2, 900)
                parts.append(t.format(c=c, d=d, i=i, j=j, k=kk, n=n, r="ABCD"[k % 4]))
    text = "\n\n".join(parts)
    return Article(
        id=f"bench:{k}",
        file=f"bench/{k}.txt",
        format=ArticleFormat.TEXT,
        text=text,
        published="2025-01-15",
    )


def file_articles(folder: str, rounds: int) -> list[Article]:
    from kg.readers import iter_files, read_file

    found = [a for p in iter_files([folder]) for a in read_file(p) if isinstance(a, Article)]
    return found * rounds


def _best_of() -> int:
    """`--best N` anywhere in the arguments: time N passes and keep the fastest (the other
    jobs on a shared machine only ever slow a pass down)."""
    if "--best" not in sys.argv:
        return 1
    i = sys.argv.index("--best")
    count = int(sys.argv[i + 1])
    del sys.argv[i : i + 2]
    return count


def main() -> None:
    passes = _best_of()
    if len(sys.argv) > 2 and sys.argv[1] == "--files":
        articles = file_articles(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20)
    elif len(sys.argv) > 1 and sys.argv[1] == "--long":
        rng = random.Random(7)
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
        articles = [make_article(k, rng, rounds=3) for k in range(count)]
    else:
        rng = random.Random(7)
        articles = [
            make_article(k, rng) for k in range(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
        ]
    n = len(articles)
    extract_article(articles[0])  # load data files outside the timing
    elapsed = float("inf")
    for _ in range(passes):
        start = time.process_time()
        relations = sum(len(extract_article(a).relations) for a in articles)
        elapsed = min(elapsed, time.process_time() - start)
    chars = sum(len(a.text) for a in articles)
    print(f"articles: {n}, chars/article: {chars / n:.0f}, relations: {relations}")
    print(
        f"CPU time: {elapsed:.2f}s, {n / elapsed:.0f} articles/s, {chars / elapsed / 1e6:.2f} MB/s"
    )


if __name__ == "__main__":
    main()
