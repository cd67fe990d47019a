"""Worker processes under budgets (kg/pipeline/pool.py): a slow, memory-hungry or crashing file
fails alone with one line naming it, the run finishes, and no other file waits for it.

`HostileExtractor` misbehaves on purpose when an article's text asks it to; it is registered
here and sent to the spawned workers by reference (the pool registers the caller's extractor
in every worker).
"""

from __future__ import annotations

import ctypes
import os
import signal
import time
from pathlib import Path

import pytest

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
