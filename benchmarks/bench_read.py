"""Reading speed: articles/s of `kg.readers` alone (no extraction, no store), per format.

    python benchmarks/bench_read.py                       # a 1k-article corpus + saved pages
    python benchmarks/bench_read.py --articles 2000 --repeat 5 --work /tmp/kg-read
    python benchmarks/bench_read.py --growth 100,1000,10000   # CPU per KB as a page grows

Two inputs: the synthetic corpus of `corpus.py` (every format) and "saved pages": the HTML
pages of our own writing under tests/fixtures (news pages with navigation, sidebars, comments,
cookie banners) copied --copies times. Each is read --repeat times in this process, one core;
the best run is printed in CPU seconds (the machine is shared), with the load average.
Run it on another checkout with PYTHONPATH=that/checkout to compare before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.errors import InputError
from kg.readers import iter_files, read_file

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*(ROOT / "tests/fixtures/web").glob("*.html"),
                *(ROOT / "tests/fixtures/articles").glob("page_*.html"),
                *(ROOT / "examples/news").glob("*.html")])  # fmt: skip


Run = tuple[Counter[str], Counter[str], int, float]  # articles and CPU s by format, failed, CPU s


def read_all(folder: Path) -> Run:
    """Articles and CPU seconds per format, failures, CPU seconds for one pass over `folder`."""
    counts: Counter[str] = Counter()
    cpu: Counter[str] = Counter()
    failed = 0
    start = time.process_time()  # CPU, not wall: the machine is shared
    for path in iter_files([folder]):
        began, fmt = time.process_time(), "refused"
        try:
            for item in read_file(path):
                if isinstance(item, InputError):
                    failed += 1
                else:
                    fmt = str(item.format)
                    counts[fmt] += 1
        except InputError:
            failed += 1
        cpu[fmt] += time.process_time() - began
    return counts, cpu, failed, time.process_time() - start


def report(name: str, folder: Path, repeat: int) -> None:
    counts, cpu, failed, seconds = min((read_all(folder) for _ in range(repeat)),
                                       key=lambda r: r[3])  # fmt: skip
    total = sum(counts.values())
    rate = total / seconds
    print(f"{name:>12} {total:8d} {failed:6d} {seconds:9.2f} {rate:9.0f}   "
          f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
    for fmt, n in sorted(counts.items()):
        print(f"{'':>12}   {fmt:<16} {n:6d} {cpu[fmt] * 1000 / n:7.2f} ms/article")


def growth(sizes_kb: list[int]) -> None:
    """CPU per KB of one HTML article page as it grows: flat means linear."""
    para = "<p>{i}. Kestrel Robotics raised $40 million in a round led by Northwind Capital.</p>"
    list(read_file(ROOT / "tests/fixtures/web/news_page_traps.html"))  # first-use imports
    with tempfile.TemporaryDirectory() as tmp:
        for kb in sizes_kb:
            n = kb * 1024 // len(para.format(i=0))
            body = "".join(para.format(i=i) for i in range(n))
            path = Path(tmp) / f"page_{kb}.html"
            path.write_text(f"<html><body><nav>Home</nav><article>{body}</article></body></html>")
            start = time.process_time()
            list(read_file(path))
            seconds = time.process_time() - start
            size = path.stat().st_size / 1024
            print(f"{'html page':>12} {size:8.0f} KB {seconds * 1000 / size:7.3f} ms/KB   "
                  f"load {os.getloadavg()[0]:.2f}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--copies", type=int, default=100, help="copies of each saved page")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--growth", default="", help="HTML page sizes in KB, e.g. 100,1000,10000")
    args = ap.parse_args()
    if args.growth:
        growth([int(x) for x in args.growth.split(",")])
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-read-"))
    corpus, pages = work / "corpus", work / "pages"
    if not corpus.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks/corpus.py"), str(corpus),
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    for page in PAGES:
        for i in range(args.copies):
            shutil.copy(page, pages / f"{page.stem}_{i:04d}.html")
    import kg

    print(f"kg from {Path(kg.__file__).parent}")
    print(f"{'input':>12} {'articles':>8} {'failed':>6} {'cpu s':>9} {'art/cpu-s':>9}")
    report("corpus", corpus, args.repeat)
    report("saved pages", pages, args.repeat)


if __name__ == "__main__":
    main()
