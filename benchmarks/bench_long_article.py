"""One long plain-text article, 1 KB to 10 MB: extraction time per KB must stay flat.

    python benchmarks/bench_long_article.py              # 1 KB, 16 KB, 256 KB, 1 MB, 4 MB, 10 MB
    python benchmarks/bench_long_article.py --max 1024   # stop at 1 MB (sizes in KB)
    python benchmarks/bench_long_article.py --best 3     # best of 3 timed passes (default 2)

The article is read from a .txt file by kg.readers (as `kg ingest` would) and extracted by the
`rules` extractor; sentences come from our own templates (benchmarks/bench_extract.py). Prints
CPU seconds (one core, unaffected by other load) and ms per KB for each size. Issue 15: a 10 MB
article took 428 s; per-sentence scans over every fact found so far made it quadratic.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_extract import COMPANIES, EN, INVESTORS  # noqa: E402

from kg.extract import extract_article  # noqa: E402
from kg.readers import read_file  # noqa: E402
from kg.schema import Article  # noqa: E402

SIZES_KB = [1, 16, 256, 1024, 4096, 10240]


def prose(nbytes: int, rng: random.Random) -> str:
    """Template sentences in paragraphs of about five, `nbytes` characters in all."""
    out: list[str] = []
    size = 0
    while size < nbytes:
        sentence = rng.choice(EN).format(
            c=rng.choice(COMPANIES), d=rng.choice(COMPANIES), i=rng.choice(INVESTORS),
            j=rng.choice(INVESTORS), k=rng.choice(INVESTORS), n=rng.randint(5, 900),
            r=rng.choice("ABCD"))
        out.append(sentence + ("\n\n" if rng.random() < 0.2 else " "))
        size += len(out[-1])
    return "".join(out)


def read_one(path: Path) -> Article:
    (article,) = [a for a in read_file(path) if isinstance(a, Article)]
    return article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=SIZES_KB[-1], help="largest size, KB")
    parser.add_argument("--best", type=int, default=2, help="timed passes per size")
    args = parser.parse_args()
    rng = random.Random(15)
    extract_article(Article(id="warm", file="warm.txt", format="text", text=prose(4096, rng),
                            lang="en", content_hash="0" * 64))  # data files loaded once
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'size':>8}  {'read s':>7}  {'extract s':>9}  {'ms/KB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for kb in [k for k in SIZES_KB if k <= args.max]:
            path = Path(tmp) / f"long{kb}.txt"
            path.write_text(prose(kb * 1024, rng), "utf-8")
            best_read = best_extract = float("inf")
            for _ in range(args.best):
                start = time.process_time()
                article = read_one(path)
                middle = time.process_time()
                extract_article(article)
                end = time.process_time()
                best_read = min(best_read, middle - start)
                best_extract = min(best_extract, end - middle)
            per_kb = (best_read + best_extract) * 1000 / kb
            print(f"{kb:>6}KB  {best_read:>7.2f}  {best_extract:>9.2f}  {per_kb:>7.2f}", flush=True)


if __name__ == "__main__":
    main()
