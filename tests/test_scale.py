"""Scale: a folder of 20,000 small files, a 50 MB JSONL file with bounded memory, a mixed
corpus through the real extractor, and progress on stderr. Corpora come from
benchmarks/corpus.py (seeded, our own templates).

Speed is measured by benchmarks/bench_ingest.py, not here: these tests check that big inputs
go in completely and that memory stays bounded. The two biggest runs use a tiny title-only
extractor (registered the way an add-on would be) so that they test reading, batching,
worker processes and the store at scale without taking minutes of rule extraction.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import write_big_jsonl, write_corpus, write_small_files  # noqa: E402

pytestmark = pytest.mark.slow

SMALL_FILES = 20_000
BIG_JSONL_MB = 50
MIXED_ARTICLES = 300
RSS_LIMIT_MB = 1024  # generous: the point is "does not grow with the file", not a tight fit

# A script file, not `python -c`: spawned worker processes re-import the parent's main
# script, so the add-on extractor registered at its top level exists in the workers too.
CHILD = '''
import json, resource, sys
from kg.extract import register
from kg.schema import Entity, EntityKind, ExtractionResult, entity_id


class TitleExtractor:
    """One company per article, named after the title: enough for the store to do real work."""

    name = "scale-title"

    def extract(self, article):
        entity = Entity(id=entity_id(EntityKind.COMPANY, article.title), name=article.title,
                        kind=EntityKind.COMPANY)
        return ExtractionResult(article=article.id, entities=[entity])


class SlowFirstExtractor(TitleExtractor):
    """The same, but the file's first record takes 15 s (a slow article in a streamed file)."""

    name = "scale-slow-first"

    def extract(self, article):
        if article.id.endswith("/0"):
            import time

            time.sleep(15)
        return super().extract(article)


register("scale-title", TitleExtractor)


def peak_kb():
    """This process's own peak RSS. Not getrusage: Linux keeps ru_maxrss across exec, so a child
    of a big pytest process would report the test runner's size."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
register("scale-slow-first", SlowFirstExtractor)

if __name__ == "__main__":
    from kg.pipeline import ingest

    s = ingest([sys.argv[1]], sys.argv[2], workers=2, extractor=sys.argv[3])
    print(json.dumps({"new": s.articles_new, "failed": s.failed, "failures": s.failures[:3],
                      "entities": s.entities, "relations": s.relations,
                      "self_kb": peak_kb(),
                      "child_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
'''


def ingest_in_child(path: Path, work: Path, extractor: str = "scale-title") -> dict:
    """Ingest in a fresh interpreter (workers=2) and report counts and peak RSS in KB."""
    script = work / "child_ingest.py"
    script.write_text(CHILD, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(path), str(work / "data"), extractor],
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_folder_of_small_files_ingests_completely(tmp_path: Path) -> None:
    write_small_files(tmp_path / "news", SMALL_FILES)
    report = ingest_in_child(tmp_path / "news", tmp_path)
    assert report["failures"] == []
    assert (report["new"], report["failed"], report["entities"]) == (SMALL_FILES, 0, SMALL_FILES)


def test_50mb_jsonl_ingests_with_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "corpus.jsonl"
    records = write_big_jsonl(big, BIG_JSONL_MB)
    assert big.stat().st_size >= BIG_JSONL_MB * 1024 * 1024
    report = ingest_in_child(big, tmp_path)
    assert report["failures"] == []
    assert (report["new"], report["failed"]) == (records, 0)
    assert report["self_kb"] / 1024 < RSS_LIMIT_MB
    assert report["child_kb"] / 1024 < RSS_LIMIT_MB


def test_one_slow_record_does_not_make_the_parent_hold_the_whole_file(tmp_path: Path) -> None:
    """Batches done behind a slow one of the same file wait, so they are bounded (HELD): the
    parent stops reading ahead instead of holding the rest of the 50 MB file (133 MB before)."""
    big = tmp_path / "corpus.jsonl"
    records = write_big_jsonl(big, BIG_JSONL_MB)
    report = ingest_in_child(big, tmp_path, extractor="scale-slow-first")
    assert (report["new"], report["failed"]) == (records, 0)
    assert report["self_kb"] / 1024 < 100


def test_mixed_corpus_goes_through_the_rules_extractor(tmp_path: Path) -> None:
    write_corpus(tmp_path / "news", MIXED_ARTICLES)
    report = ingest_in_child(tmp_path / "news", tmp_path, extractor="rules")
    assert report["failures"] == []
    assert (report["new"], report["failed"]) == (MIXED_ARTICLES, 0)
    # The generator draws companies from a pool of MIXED_ARTICLES // 2 names and writes 3-5
    # template facts per article. A floor, not a recall target (extraction has its own
    # benchmark): nearly every name, and one fact per two articles, must come out.
    assert report["entities"] >= MIXED_ARTICLES // 2
    assert report["relations"] >= MIXED_ARTICLES // 2


def test_progress_goes_to_stderr_only_when_asked(tmp_path: Path) -> None:
    write_small_files(tmp_path / "news", 30)
    runner = CliRunner()
    quiet = runner.invoke(cli, ["ingest", str(tmp_path / "news"), "--no-progress",
                                "--data-dir", str(tmp_path / "d1")])
    loud = runner.invoke(cli, ["ingest", str(tmp_path / "news"), "--progress",
                               "--data-dir", str(tmp_path / "d2")])
    assert quiet.exit_code == loud.exit_code == 0, loud.output
    assert "30" in loud.stderr and len(loud.stderr) > len(quiet.stderr)
    assert loud.stdout == quiet.stdout
