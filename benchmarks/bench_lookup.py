"""How long the analyst's look-ups take on a big store, and what a repeated `kg chain` or
`kg query` costs next to `kg stats`.

    python benchmarks/corpus.py /tmp/corpus --articles 10000
    kg ingest /tmp/corpus --data-dir /tmp/kg10k
    python benchmarks/bench_lookup.py --data-dir /tmp/kg10k              # library + commands
    python benchmarks/bench_lookup.py --data-dir /tmp/kg10k --bolt       # + kg query cold/warm

Library calls (kg.lookup, in this process, store opened once per call as the CLI does) and
whole commands (a fresh `python -m kg` process each run) are timed best-of-N; each line gives
wall time and CPU time (user + sys), since on a shared machine the wall time mostly measures
the queue for a core: the load average is printed next to the figures. --bolt also times
`kg query dependency_chain_down` with the embedded server stopped before each run (the cost
every `kg query` paid before `kg db`) and with it kept up.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.lookup import (
    list_articles,
    list_deals,
    list_entities,
    open_store,
    search,
    show_entity,
    store_chain,
)


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def best_of(n: int, run: Callable[[], Any]) -> tuple[float, float]:
    """(wall, cpu) seconds of the fastest of n runs (fastest by wall time)."""
    best = (float("inf"), float("inf"))
    for _ in range(n):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def child_best_of(n: int, argv: list[str], env: dict[str, str] | None = None
                  ) -> tuple[float, float]:
    """(wall, cpu of the child) of the fastest of n runs of `python -m kg ARGV`."""
    best = (float("inf"), float("inf"))
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", *argv], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (time.perf_counter() - wall, cpu))
    return best


def hubs(data: Path) -> tuple[str, str, str]:
    """The most connected company, a name one letter off it, and a word from the corpus."""
    with open_store(data) as store:
        top = list_entities(store, kind="Company")[0].name
    return top, top[:-1] + ("x" if top[-1] != "x" else "y"), top.split()[0][:5]


def library_cases(data: Path, n: int) -> list[tuple[str, tuple[float, float]]]:
    top, typo, word = hubs(data)

    def call(fn: Callable[..., Any], *args: Any, **kw: Any) -> Callable[[], Any]:
        def run() -> Any:
            with open_store(data) as store:
                try:
                    return fn(store, *args, **kw)
                except Exception as exc:  # a typo is meant to fail (with its suggestion)
                    return exc
        return run

    cases = {
        f"show {top!r}": call(show_entity, top),
        f"show {typo!r} (did you mean)": call(show_entity, typo),
        "entities (all, by degree)": call(list_entities),
        f"entities --search {word!r}": call(list_entities, search=word),
        "deals (all)": call(list_deals),
        "deals --type acquisition --since 2025": call(list_deals, deal_type="acquisition",
                                                      since="2025"),
        "articles (all, with their facts)": call(list_articles),
        f"search {word!r}": call(search, word),
        "search 'AI' (2 letters: scanned)": call(search, "AI"),
        f"chain {top!r} --depth 3": call(store_chain, top, depth=3),
        "chain NVIDIA --direction up --depth 2": call(store_chain, "NVIDIA", depth=2,
                                                      direction="up"),
    }
    return [(name, best_of(n, run)) for name, run in cases.items()]


def command_cases(data: Path, n: int) -> list[tuple[str, tuple[float, float]]]:
    top, _, word = hubs(data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    d = ["--data-dir", str(data)]
    cases = [["--version"], ["stats", *d], ["chain", top, *d], ["show", top, *d],
             ["search", word, *d], ["deals", *d]]
    return [("kg " + " ".join(a for a in argv if a not in d), child_best_of(n, argv, env))
            for argv in cases]


def bolt_cases(data: Path, n: int) -> list[tuple[str, tuple[float, float]]]:
    from kg.graphdb.daemon import stop_daemon

    top, _, _ = hubs(data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    argv = ["query", "dependency_chain_down", "--param", f"entity={top}", "--data-dir",
            str(data)]
    subprocess.run([sys.executable, "-m", "kg", *argv], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # the first load into the graph, untimed
    cold: tuple[float, float] = (float("inf"), float("inf"))
    for _ in range(n):
        stop_daemon(data)
        cold = min(cold, child_best_of(1, argv, env))
    warm = child_best_of(n, argv, env)
    stop_daemon(data)
    return [("kg query dependency_chain_down, server stopped first (before kg db)", cold),
            ("kg query dependency_chain_down, server kept up (kg db)", warm)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True, help="an ingested store")
    ap.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    ap.add_argument("--bolt", action="store_true", help="also time kg query cold and warm")
    ap.add_argument("--skip-library", action="store_true", help="only whole commands")
    args = ap.parse_args(argv)
    with open_store(args.data_dir) as store:
        s = store.stats()
    print(f"store {args.data_dir}: {s.articles} articles, {sum(s.entities.values())} entities, "
          f"{sum(s.relations.values())} relations; best of {args.repeat}")
    groups = [("library call", library_cases)] if not args.skip_library else []
    groups.append(("whole command", command_cases))
    if args.bolt:
        groups.append(("graph database", bolt_cases))
    for title, cases in groups:
        print(f"\n{title:<58} {'wall ms':>9} {'cpu ms':>8}   ({load_average()})")
        for name, (wall, cpu) in cases(args.data_dir, args.repeat):
            print(f"  {name:<56} {wall * 1000:9.1f} {cpu * 1000:8.1f}")
    print(f"\n{load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
