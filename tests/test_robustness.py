"""Robustness of the store under real processes: two ingests at once, and SIGKILL mid-ingest.

Children run `kg.pipeline.ingest` with the fixture extractor from test_pipeline.py over a
synthetic folder of our own template sentences, so expected facts are exact.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_pipeline import FixtureExtractor

import kg.store
from kg.readers import read_file
from kg.store import DB_NAME, Store

TESTS = Path(__file__).parent
CHILD = f"""
import json, sys
sys.path.insert(0, {str(TESTS)!r})
from test_pipeline import register_fixture_extractor
from kg.pipeline import ingest
register_fixture_extractor()
s = ingest(sys.argv[2:], sys.argv[1], workers=1, extractor="fixture")
print(s.model_dump_json())
"""


def write_corpus(folder: Path, n: int, offset: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(offset, offset + n):
        (folder / f"note_{i:05d}.txt").write_text(
            f"Firm{i % 37} invests in Firm{(i * 7) % 41 + 100}.\n\n"
            f"Firm{i % 13} partners with Firm{i % 17 + 50} on project {i}.\n", encoding="utf-8")
    return folder


def canonical(data: Path) -> tuple[object, ...]:
    """The store's content, blind to the order in which concurrent writers interleaved."""
    with Store.open(data) as s:
        stats = s.stats().model_dump(exclude={"revision"})
        entities = sorted(e.model_dump_json() for e in s.entities())
        relations = sorted(
            r.model_copy(update={"evidence": sorted(r.evidence, key=lambda e: e.article)})
            .model_dump_json() for r in s.relations())
        return stats, entities, relations, sorted(a.id for a in s.articles())


def start(data: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(data), *map(str, paths)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> dict:
    import json

    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    return json.loads(out)


def test_two_ingests_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news", 150)
    extra = write_corpus(tmp_path / "extra", 50, offset=1000)
    data = tmp_path / "data"
    first, second = start(data, corpus), start(data, extra, corpus)
    a, b = finish(first), finish(second)
    assert (a["failures"], b["failures"]) == ([], [])
    assert a["articles_new"] + b["articles_new"] == 200
    assert a["articles_unchanged"] + b["articles_unchanged"] == 150
    finish(start(tmp_path / "clean", corpus, extra))
    assert canonical(data) == canonical(tmp_path / "clean")


def assert_consistent(data: Path) -> None:
    """Integrity holds, and every stored article has exactly its own facts (no half article)."""
    conn = sqlite3.connect(data / DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored: dict[str, set[tuple[str, str, str, int]]] = {
        aid: set() for (aid,) in conn.execute("SELECT id FROM articles")}
    files = dict(conn.execute("SELECT id, file FROM articles").fetchall())
    for aid, *key, n in conn.execute(
            "SELECT article_id, source, relation, target, evidence_count FROM article_relations"):
        assert aid in stored, f"facts of {aid} without the article"
        stored[aid].add((*key, n))
    conn.close()
    extractor = FixtureExtractor()
    for aid, facts in stored.items():
        (article,) = read_file(Path(files[aid]))
        expected = {(*r.key, len(r.evidence)) for r in extractor.extract(article).relations}
        assert facts == expected, aid


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.3, 0.45, 0.6, 0.75])
def test_sigkill_mid_ingest_then_rerun_completes(tmp_path: Path, fraction: float) -> None:
    corpus = write_corpus(tmp_path / "news", 800)
    t0 = time.perf_counter()
    finish(start(tmp_path / "clean", corpus))
    full = time.perf_counter() - t0

    data = tmp_path / "data"
    proc = start(data, corpus)
    time.sleep(full * fraction)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    if (data / DB_NAME).exists():  # a kill during interpreter start-up leaves nothing
        Store.open(data).close()  # a kill before the first migration committed left no tables
        assert_consistent(data)
    rerun = finish(start(data, corpus))
    assert rerun["failed"] == 0
    assert rerun["articles_new"] + rerun["articles_unchanged"] == 800
    assert canonical(data) == canonical(tmp_path / "clean")
    assert_consistent(data)


# The child SIGKILLs itself when SQLite starts the `nth` statement beginning with `prefix`
# (a trace callback runs before the statement does anything), so each crash window is hit
# every time instead of by timing luck. Test-only: it patches sqlite3.connect in the child.
KILL_AT = """
import os, signal, sqlite3
_connect, _seen = sqlite3.connect, [0]
def _trace(sql):
    if sql.lstrip().startswith({prefix!r}):
        _seen[0] += 1
        if _seen[0] == {nth}:
            os.kill(os.getpid(), signal.SIGKILL)
def _traced(*args, **kwargs):
    conn = _connect(*args, **kwargs)
    conn.set_trace_callback(_trace)
    return conn
sqlite3.connect = _traced
"""
TABLES = {"schema_version", "meta", "articles", "article_entities", "article_relations",
          "changes", "files", "counts", "deal_parties", "names", "ingested", "search_rows",
          "search_index", "search_index_config", "search_index_data", "search_index_docsize",
          "search_index_idx"}


@pytest.mark.parametrize(("prefix", "nth"), [
    ("PRAGMA journal_mode", 1),  # the file exists, empty
    ("BEGIN IMMEDIATE", 1),  # the migration's transaction is about to start
    ("CREATE TABLE articles", 1),  # inside migration 1
    ("CREATE TRIGGER count_relation_out", 1),  # inside migration 3
    ("INSERT INTO schema_version", 1),  # the last migration statement
    ("COMMIT", 1),  # the migration's COMMIT
    ("INSERT INTO article_relations", 7),  # inside a put
    ("COMMIT", 5),  # a put's COMMIT
])
def test_sigkill_at_named_point_then_open_and_rerun(
        tmp_path: Path, prefix: str, nth: int) -> None:
    corpus = write_corpus(tmp_path / "news", 12)
    data = tmp_path / "data"
    child = KILL_AT.format(prefix=prefix, nth=nth) + CHILD
    proc = subprocess.run([sys.executable, "-c", child, str(data), str(corpus)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    conn = sqlite3.connect(data / DB_NAME)
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert names in (set(), TABLES), "a migration was half applied"
    with Store.open(data) as s:  # re-runs whatever the killed process did not commit
        assert s.schema_version() == len(kg.store.MIGRATIONS)
        assert s.stats() == s.scan_stats()
    assert_consistent(data)
    rerun = finish(start(data, corpus))
    assert rerun["failed"] == 0
    assert rerun["articles_new"] + rerun["articles_unchanged"] == 12
    finish(start(tmp_path / "clean", corpus))
    assert canonical(data) == canonical(tmp_path / "clean")


EXAMPLES = TESTS.parent / "examples"


def kg_ingest(data: Path, workers: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "ingest", str(EXAMPLES), "--data-dir", str(data),
         "--workers", str(workers), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_kg_ingest_commands_with_worker_pools(tmp_path: Path) -> None:
    """The real CLI, the rules extractor and spawn worker pools, twice at once on one store."""
    data = tmp_path / "data"
    first, second = kg_ingest(data, 2), kg_ingest(data, 2)
    a, b = finish(first), finish(second)
    finish(kg_ingest(tmp_path / "clean", 1))
    with Store.open(tmp_path / "clean") as clean:
        total = clean.stats().articles
    assert a["articles_new"] + b["articles_new"] == total > 0
    assert canonical(data) == canonical(tmp_path / "clean")
