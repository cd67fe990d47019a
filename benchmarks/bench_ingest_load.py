"""Does a full `kg load` take no longer than the `kg ingest` of the same corpus (issue 11)?

    python benchmarks/bench_ingest_load.py --articles 5000 --repeat 3
    python benchmarks/bench_ingest_load.py --articles 1000 --target arcadedb

benchmarks/corpus.py writes the corpus (deals, hub companies; not timed). Then, each as the
user runs it, wall clock of the whole command in a child process:
- `kg ingest CORPUS --data-dir D --no-progress`, into a fresh D each time;
- `kg load --full --data-dir D` into Neo4j (NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD when set,
  whose database it wipes; otherwise a server of its own from scripts/neo4j.sh, started
  before the clock);
- `kg load --full --data-dir D` into the embedded ArcadeDB: "cold" is the first load, which
  starts the database's JVM (`kg db`), the others reuse it; `kg db stop` at the end.
Each line prints the best of --repeat runs (cold: one run) with the load average of the
shared machine when it was measured, and the load's time as a share of the ingest's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import neo4j_settings  # noqa: E402

KG = [sys.executable, "-m", "kg"]


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[2:])} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def best(repeat: int, args: list[str], env: dict[str, str], before: list[str] | None = None
         ) -> tuple[float, float]:
    """(best seconds of `repeat` runs, 1-minute load average after them); `before` is removed
    before each run."""
    times = []
    for _ in range(repeat):
        for path in before or []:
            shutil.rmtree(path, ignore_errors=True)
        times.append(timed(args, env))
    return min(times), os.getloadavg()[0]


def line(label: str, seconds: float, load: float, ingest: float | None = None) -> None:
    share = "" if ingest is None else f"{seconds / ingest:>8.0%}"
    print(f"{label:<34} {seconds:>8.2f} {share:>8}   load average {load:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--target", choices=("neo4j", "arcadedb", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-ingest-load-"))
    corpus, data = work / f"corpus{args.articles}", work / f"store{args.articles}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(Path(__file__).parent / "corpus.py"), str(corpus),
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    print(f"{args.articles} articles from corpus.py; best of {args.repeat}")
    print(f"{'command':<34} {'seconds':>8} {'/ingest':>8}")
    ingest, load = best(args.repeat, [*KG, "ingest", str(corpus), "--data-dir", str(data),
                                      "--no-progress"], env, before=[str(data)])
    line("kg ingest", ingest, load)
    full = [*KG, "load", "--full", "--data-dir", str(data)]
    if args.target in ("neo4j", "both"):
        with neo4j_settings(work) as target:
            settings = target.settings
            given = {"NEO4J_URI": settings.uri or "", "NEO4J_USERNAME": settings.username,
                     "NEO4J_PASSWORD": settings.password or ""}
            if settings.database:
                given["NEO4J_DATABASE"] = settings.database
            seconds, load = best(args.repeat, full, env | given)
            line("kg load --full (Neo4j)", seconds, load, ingest)
    if args.target in ("arcadedb", "both"):
        stop = [*KG, "db", "stop", "--data-dir", str(data)]
        subprocess.run(stop, env=env, check=False, capture_output=True)
        try:
            seconds, load = best(1, full, env)
            line("kg load --full (ArcadeDB, cold)", seconds, load, ingest)
            seconds, load = best(args.repeat, full, env)
            line("kg load --full (ArcadeDB)", seconds, load, ingest)
        finally:
            subprocess.run(stop, env=env, check=False, capture_output=True)


if __name__ == "__main__":
    main()
