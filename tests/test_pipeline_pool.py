"""Worker processes under budgets (kg/pipeline/pool.py): a slow, memory-hungry or crashing file
fails alone with one line naming it, the run finishes, and no other file waits for it.

`HostileExtractor` misbehaves on purpose when an article's text asks it to; it is registered
here and sent to the spawned workers by reference (the pool registers the caller's extractor
in every worker).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

import kg.pipeline.workers
import kg.pipeline.writer
from kg.extract.base import register
from kg.pipeline import Budget, ingest
from kg.schema import Article, Entity, EntityKind, ExtractionResult, entity_id
from kg.store import Store


class HostileExtractor:
    """One entity per article, after doing what the text says: SLEEP n, DIE, SEGV, HOG."""

    name = "hostile"

    def extract(self, article: Article) -> ExtractionResult:
        words = article.text.split()
        if "SLEEP" in words:
            time.sleep(float(words[words.index("SLEEP") + 1]))
        if "DIE" in words:
            os.kill(os.getpid(), signal.SIGKILL)
        if "SEGV" in words:
            ctypes.string_at(0)
        if "HOG" in words:
            hog = bytearray(8 * 1024**3)  # 8 GB: over any budget the test sets
            hog[-1] = 1
        name = words[0]
        return ExtractionResult(
            article=article.id,
            entities=[Entity(id=entity_id(EntityKind.COMPANY, name), name=name,
                             kind=EntityKind.COMPANY)])


register("hostile", HostileExtractor)


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text + "\n", "utf-8")
    return root


GOOD = {f"good{i}.txt": f"Firm{i} builds robots." for i in range(4)}
BUDGET = Budget(seconds=4, memory_mb=400)


def stored(data: Path) -> list[str]:
    with Store.open(data) as s:
        return sorted(Path(a.file).name for a in s.articles())


def test_slow_dying_and_greedy_files_fail_alone_and_the_run_finishes(tmp_path: Path) -> None:
    root = folder(tmp_path, {**GOOD, "a_slow.txt": "Slow SLEEP 600", "b_die.txt": "Dead DIE",
                             "c_segv.txt": "Crash SEGV", "d_hog.txt": "Hog HOG"})
    summary = ingest([root], tmp_path / "data", workers=2, extractor="hostile", budget=BUDGET)
    assert stored(tmp_path / "data") == sorted(GOOD)
    assert summary.articles_new == 4 and summary.failed == 4
    reasons = {Path(line.split(":")[0]).name: line for line in summary.failures}
    assert "took longer than 4 s" in reasons["a_slow.txt"]
    assert "killed by SIGKILL" in reasons["b_die.txt"]
    assert "killed by SIGSEGV" in reasons["c_segv.txt"]
    assert "memory" in reasons["d_hog.txt"]
    assert all("\n" not in line for line in summary.failures)


def test_a_slow_file_does_not_hold_back_the_others(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Before, results were written in file order: every file after a slow one waited for it.
    root = folder(tmp_path, {"a_slow.txt": "Slow SLEEP 6", **GOOD})
    order: list[str] = []
    real = kg.pipeline.writer.Writer.record

    def spy(self: kg.pipeline.writer.Writer, file_no: int, item: object) -> None:
        if type(item).__name__ == "FileRead":
            order.append(Path(item.path).name)  # type: ignore[attr-defined]
        real(self, file_no, item)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.pipeline.writer.Writer, "record", spy)
    summary = ingest([root], tmp_path / "data", workers=2, extractor="hostile",
                     budget=Budget(seconds=60))
    assert summary.articles_new == 5 and summary.failed == 0
    assert order[-1] == "a_slow.txt" and sorted(order[:-1]) == sorted(GOOD)


def test_a_rescan_after_failures_reads_only_the_failed_files_again(tmp_path: Path) -> None:
    root = folder(tmp_path, {**GOOD, "b_die.txt": "Dead DIE"})
    ingest([root], tmp_path / "data", workers=2, extractor="hostile", budget=BUDGET)
    again = ingest([root], tmp_path / "data", workers=2, extractor="hostile", budget=BUDGET)
    assert (again.articles_unchanged, again.failed) == (4, 1)


# --- big files: read record by record, in a reader process under the budget ------------------


def big_feed(path: Path, items: int) -> Path:
    """A feed of tiny items: the feed parser takes seconds (7 s for 60,000 at load 10) and
    memory (60 MB) before its first item, whole documents being parsed first."""
    body = "<item><title>t</title></item>" * items
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>{body}'
                    "</channel></rss>", "utf-8")  # fmt: skip
    assert path.stat().st_size >= kg.pipeline.workers.BIG_FILE
    return path


def test_a_big_file_is_read_under_the_time_budget(tmp_path: Path) -> None:
    # Before, a file of 1 MB or more was read by the parent itself, under no budget: a big
    # file that reads slowly (or never finishes) stalled the whole run.
    feed = big_feed(tmp_path / "feed.xml", 60_000)
    started = time.monotonic()
    summary = ingest([feed], tmp_path / "data", workers=2, extractor="hostile",
                     budget=Budget(seconds=0.5))
    assert summary.failures == [f"{feed}: took longer than 0.5 s (the per-file time budget)"]
    assert summary.articles_new == 0
    assert time.monotonic() - started < 60


def test_a_big_file_is_read_under_the_memory_budget_and_the_others_go_in(tmp_path: Path) -> None:
    root = folder(tmp_path, GOOD)
    feed = big_feed(root / "a_feed.xml", 150_000)
    summary = ingest([root], tmp_path / "data", workers=2, extractor="hostile",
                     budget=Budget(memory_mb=60))
    assert summary.failures == [f"{feed}: needs more memory than the per-file budget"]
    assert stored(tmp_path / "data") == sorted(GOOD)


def test_a_big_file_read_under_a_budget_goes_to_every_worker(tmp_path: Path) -> None:
    big = tmp_path / "in" / "news.jsonl"
    big.parent.mkdir()
    big.write_text("".join(f'{{"url": "https://x.example/{i}", "title": "t{i}", "text": '
                           f'"Firm{i} builds robots. {"Filler text. " * 400}"}}\n'
                           for i in range(300)), "utf-8")  # fmt: skip
    assert big.stat().st_size >= kg.pipeline.workers.BIG_FILE
    summary = ingest([big], tmp_path / "data", workers=2, extractor="hostile",
                     budget=Budget(seconds=60))
    assert (summary.articles_new, summary.failed) == (300, 0)
    again = ingest([big], tmp_path / "data", workers=2, extractor="hostile",
                   budget=Budget(seconds=60))
    assert (again.articles_unchanged, again.failed) == (300, 0)


def test_a_deadly_record_of_a_big_file_fails_alone_named_once(tmp_path: Path) -> None:
    root = folder(tmp_path, GOOD)
    text = root / "long.txt"
    text.write_text("Long DIE " + "filler " * 200_000, "utf-8")
    jsonl = root / "news.jsonl"
    jsonl.write_text("".join(f'{{"url": "https://x.example/{i}", "title": "t{i}", "text": '
                             f'"{"Dead DIE" if i == 7 else f"Firm{i} builds robots."} '
                             f'{"Filler text. " * 400}"}}\n' for i in range(300)), "utf-8")
    assert min(text.stat().st_size, jsonl.stat().st_size) >= kg.pipeline.workers.BIG_FILE
    summary = ingest([root], tmp_path / "data", workers=2, extractor="hostile",
                     budget=Budget(seconds=60))
    killed = "its worker process was killed by SIGKILL"
    assert sorted(summary.failures) == [f"{text}: {killed}",  # before: the file's name twice
                                        f"{jsonl}: https://x.example/7: {killed}"]
    assert summary.articles_new == 299 + len(GOOD)


class DiesOnceWarmingUp(HostileExtractor):
    """Killed while a worker loads it, once (the OOM killer picking a starting worker)."""

    name = "dies-warming"

    def __init__(self) -> None:
        marker = Path(os.environ["KG_TEST_DIED_ONCE"])
        if multiprocessing.parent_process() is not None and not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)


register("dies-warming", DiesOnceWarmingUp)


def test_a_worker_killed_while_warming_up_is_replaced(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Before, a worker lost before its first file ended the whole run ("could not start").
    monkeypatch.setenv("KG_TEST_DIED_ONCE", str(tmp_path / "died"))
    root = folder(tmp_path, GOOD)
    summary = ingest([root], tmp_path / "data", workers=2, extractor="dies-warming",
                     budget=BUDGET)
    assert (tmp_path / "died").exists()
    assert (summary.articles_new, summary.failed) == (len(GOOD), 0)
    assert stored(tmp_path / "data") == sorted(GOOD)
