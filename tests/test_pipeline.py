"""The ingest pipeline over real files under tests/fixtures/pipeline/ (our own writing).

A tiny "fixture" extractor (registered here the way an add-on would) reads sentences such as
"Orbis Capital invests in Lumen Robotics." so the expected facts are known exactly, whatever
the built-in rules extractor does.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from kg.errors import ConfigurationError, InputError
from kg.extract.base import register
from kg.pipeline import extract_paths, ingest
from kg.schema import Article, Entity, EntityKind, Evidence, ExtractionResult, Relation, entity_id
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
GOOD, BAD = FIXTURES / "good", FIXTURES / "bad"
NAME = r"[A-Z]\w*(?: [A-Z]\w*)*"
PATTERN = re.compile(rf"({NAME}) (invests in|partners with|acquires) ({NAME})")
VERBS = {"invests in": "INVESTS_IN", "partners with": "PARTNERS_WITH", "acquires": "ACQUIRES"}


class FixtureExtractor:
    name = "fixture"

    def extract(self, article: Article) -> ExtractionResult:
        entities: dict[str, Entity] = {}
        relations: dict[tuple[str, str, str], Relation] = {}
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", article.text):
            for src, verb, dst in PATTERN.findall(sentence):
                ids = [entity_id(EntityKind.COMPANY, n) for n in (src, dst)]
                for eid, name in zip(ids, (src, dst), strict=True):
                    entities[eid] = Entity(id=eid, name=name, kind=EntityKind.COMPANY)
                rel = relations.setdefault((ids[0], VERBS[verb], ids[1]), Relation(
                    source=ids[0], target=ids[1], relation=VERBS[verb]))
                rel.evidence.append(Evidence(
                    article=article.id, file=article.file_name, sentence=sentence.strip(),
                    lang=article.lang, published=article.published, extractor=self.name))
        return ExtractionResult(article=article.id, entities=list(entities.values()),
                                relations=list(relations.values()))


def register_fixture_extractor() -> None:
    register("fixture", FixtureExtractor)


register_fixture_extractor()


def run(paths: list[Path], data: Path, **kw: object):
    return ingest(paths, data, workers=1, extractor="fixture", **kw)  # type: ignore[arg-type]


def snapshot(data: Path) -> tuple[object, ...]:
    with Store.open(data) as s:
        stats = s.stats().model_dump(exclude={"revision"})
        # articles sorted: workers finish files in any order (the merged facts do not depend
        # on it: kg.store.rows.merge_order)
        return stats, list(s.entities()), list(s.relations()), sorted(a.id for a in s.articles())


def test_first_ingest_counts_and_duplicate(tmp_path: Path) -> None:
    summary = run([GOOD], tmp_path)
    assert (summary.articles_new, summary.articles_duplicate, summary.failed) == (2, 1, 0)
    # Files are read in sorted order: the copy comes first and the original is the duplicate.
    assert summary.duplicates == [
        f"{GOOD / 'orbis_lumen.txt'} duplicates {GOOD / 'copy_of_orbis_lumen.txt'}"]
    assert (summary.entities, summary.relations) == (4, 3)


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    run([GOOD], tmp_path)
    before = snapshot(tmp_path)
    again = run([GOOD], tmp_path)
    assert (again.articles_new, again.articles_unchanged, again.articles_duplicate) == (0, 2, 1)
    assert snapshot(tmp_path) == before


def test_evidence_accumulates_across_articles(tmp_path: Path) -> None:
    run([GOOD], tmp_path)
    with Store.open(tmp_path) as s:
        invest = next(r for r in s.relations() if r.relation == "INVESTS_IN")
    assert invest.key == ("company:orbis-capital", "INVESTS_IN", "company:lumen-robotics")
    assert sorted(e.file for e in invest.evidence) == ["copy_of_orbis_lumen.txt",
                                                       "kestrel_notes.md"]


def test_same_url_new_content_replaces_facts(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    shutil.copy(FIXTURES / "v1" / "story.json", news / "story.json")
    run([news], tmp_path / "data")
    shutil.copy(FIXTURES / "v2" / "story.json", news / "story.json")
    summary = run([news], tmp_path / "data")
    assert summary.articles_replaced == 1
    with Store.open(tmp_path / "data") as s:
        keys = {r.key for r in s.relations()}
        article = s.article("https://news.example.test/halden-pico")
    assert ("company:halden-systems", "PARTNERS_WITH", "company:orbis-capital") not in keys
    assert ("company:pico-labs", "PARTNERS_WITH", "company:kestrel-cloud") in keys
    assert ("company:halden-systems", "ACQUIRES", "company:pico-labs") in keys
    assert article is not None and article.title == "Halden and Pico (updated)"


def test_bad_files_are_reported_and_skipped(tmp_path: Path) -> None:
    summary = run([BAD, GOOD / "kestrel_notes.md", tmp_path / "missing.txt"], tmp_path / "d")
    assert summary.articles_new == 1
    assert summary.failed == 3
    assert sorted(summary.failures) == sorted([
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{BAD / 'empty.txt'}: empty file",
        f"{BAD / 'scan.pdf'}: binary file (PDF), not an article",
    ])


def test_strict_stops_at_first_failure(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty.txt: empty file"):
        run([BAD / "empty.txt", GOOD], tmp_path, strict=True)
    with Store.open(tmp_path) as s:
        assert s.stats().articles == 0


def test_unknown_extractor_fails_up_front(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="unknown extractor 'nope'"):
        ingest([GOOD], tmp_path, extractor="nope")


def test_extractor_crash_is_one_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: FixtureExtractor, article: Article) -> ExtractionResult:
        if "Kestrel Cloud notes" in article.title:
            raise ValueError("boom")
        return original(self, article)

    original = FixtureExtractor.extract
    monkeypatch.setattr(FixtureExtractor, "extract", broken)
    summary = run([GOOD], tmp_path)
    assert summary.articles_new == 1 and summary.failed == 1
    assert summary.failures[0].startswith(f"{GOOD / 'kestrel_notes.md'}: ")
    assert summary.failures[0].endswith(": extractor 'fixture' failed (boom)")


def test_progress_reports_every_file(tmp_path: Path) -> None:
    seen: list[int] = []
    run([GOOD, BAD], tmp_path, progress=seen.append)
    assert sum(seen) == 5


def test_extract_paths_yields_facts_and_errors() -> None:
    items = list(extract_paths([GOOD / "kestrel_notes.md", BAD / "empty.txt"], "fixture"))
    (article, result), error = items
    assert article.title == "Kestrel Cloud notes"
    assert {r.relation.value for r in result.relations} == {"PARTNERS_WITH", "INVESTS_IN"}
    assert str(error) == f"{BAD / 'empty.txt'}: empty file"


def test_rescan_does_not_read_unchanged_files(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.readers

    news = tmp_path / "news"
    shutil.copytree(GOOD, news)
    run([news], tmp_path / "data")
    reads: list[str] = []
    real = kg.readers.read_file

    def counting(path: Path):  # type: ignore[no-untyped-def]
        reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(kg.readers, "read_file", counting)
    again = run([news], tmp_path / "data")
    # The duplicate's file is not remembered, so it is read (and reported) every time.
    assert reads == ["orbis_lumen.txt"]
    assert (again.articles_unchanged, again.articles_duplicate) == (2, 1)
    (news / "kestrel_notes.md").write_text("Kestrel Cloud acquires Pico Labs.\n", "utf-8")
    reads.clear()
    third = run([news], tmp_path / "data")
    assert sorted(reads) == ["kestrel_notes.md", "orbis_lumen.txt"]
    assert third.articles_replaced == 1


def test_remembered_file_is_read_again_when_its_article_changed_elsewhere(
        tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    shutil.copy(FIXTURES / "v1" / "story.json", news / "story.json")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FIXTURES / "v2" / "story.json", other / "story.json")
    data = tmp_path / "data"
    run([news], data)
    run([other], data)  # same URL, new content: replaces the article from news/
    back = run([news], data)  # the stat cache must not call news/story.json unchanged
    assert back.articles_replaced == 1
    with Store.open(data) as s:
        article = s.article("https://news.example.test/halden-pico")
    assert article is not None and article.title == "Halden and Pico"


def test_rescan_with_nothing_new_starts_no_worker_pool(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.pipeline.workers

    run([GOOD], tmp_path)

    def no_pool(*args: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(kg.pipeline.workers, "WorkerPool", no_pool)
    again = ingest([GOOD], tmp_path, workers=2, extractor="fixture")
    assert (again.articles_unchanged, again.articles_duplicate, again.failed) == (2, 1, 0)


# --- worker processes: reading in the workers, big files streamed by the parent --------------

EXAMPLES = Path(__file__).parent.parent / "examples"


def spy_pool_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the size of every worker pool ingest starts (the pools still run)."""
    import kg.pipeline.workers

    real, sizes = kg.pipeline.workers.WorkerPool, []

    def spy(n: int, *args: object):  # type: ignore[no-untyped-def]
        sizes.append(n)
        return real(n, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.pipeline.workers, "WorkerPool", spy)
    return sizes


def test_worker_pool_stores_what_one_process_stores(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.pipeline.workers

    one = ingest([EXAMPLES], tmp_path / "one", workers=1)
    sizes = spy_pool_sizes(monkeypatch)
    monkeypatch.setattr(kg.pipeline.workers, "BIG_FILE", 3000)  # some files streamed by the parent
    two = ingest([EXAMPLES], tmp_path / "two", workers=2)
    assert sizes == [2]
    assert two == one and one.articles_new > 5
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


def test_one_big_jsonl_file_is_extracted_by_every_worker(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.pipeline.workers

    big = tmp_path / "news.jsonl"
    big.write_text("".join(
        f'{{"url": "https://news.example.test/{i}", "title": "Deal {i}", "text": '
        f'"Orbis Capital invests in Lumen{i} Robotics. Kestrel Cloud acquires Pico{i} Labs."}}\n'
        for i in range(40)), "utf-8")
    one = ingest([big], tmp_path / "one", workers=1)
    sizes = spy_pool_sizes(monkeypatch)
    monkeypatch.setattr(kg.pipeline.workers, "BIG_FILE", 1000)
    two = ingest([big], tmp_path / "two", workers=2)
    assert sizes == [2]  # not capped at one worker for one file
    assert two == one and one.articles_new == 40
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


class BusyStore:
    """A worker's read-only view while another process holds the write lock."""

    def known(self, article_id: str, content_hash: str) -> None:
        raise sqlite3.OperationalError("database is locked")


def test_a_busy_store_lookup_in_a_worker_means_extract_not_a_failed_file() -> None:
    from kg.pipeline.flow import FileRead
    from kg.pipeline.workers import _records

    path = GOOD / "kestrel_notes.md"
    done = FileRead(str(path), 0, 0, [], clean=False)
    items = list(_records(path, BusyStore(), done))  # type: ignore[arg-type]
    assert [type(i).__name__ for i in items] == ["Article", "FileRead"]
    assert done.clean


# --- hostile file names and special files (issue 15) -----------------------------------------


def test_a_fifo_named_on_the_command_line_is_refused_not_opened(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(run([fifo, GOOD], tmp_path / "data")),
                              daemon=True)
    thread.start()
    thread.join(60)
    if thread.is_alive():  # before: open() waited for a writer forever; release it
        with open(fifo, "w"):
            pass
        raise AssertionError("ingest blocked on a FIFO")
    (summary,) = out
    assert summary.failures == [f"{fifo}: a FIFO, not a regular file: not read"]  # type: ignore[attr-defined]
    assert summary.articles_new == 2  # type: ignore[attr-defined]


def test_a_file_named_twice_is_read_and_reported_once(tmp_path: Path) -> None:
    # Before, each argument was listed on its own: a FIFO in a folder also named on the command
    # line was two failures, and a file given as `in` and `in/a.md` counted twice.
    import os

    root = tmp_path / "in"
    shutil.copytree(GOOD, root)
    os.mkfifo(root / "pipe.txt")
    story = next(p for p in sorted(root.iterdir()) if p.suffix == ".md")
    summary = run([root, root / "pipe.txt", story, root / ".." / "in" / story.name],
                  tmp_path / "data")
    assert summary.failures == [f"{root / 'pipe.txt'}: a FIFO, not a regular file: not read"]
    assert summary.files == len(list(GOOD.iterdir())) + 1
    assert summary.articles_unchanged == 0


def test_file_names_of_any_bytes_are_read_and_reported_on_one_line(tmp_path: Path) -> None:
    import os

    root = tmp_path / "in"
    root.mkdir()
    gbk = os.fsdecode(b"\xc4\xe3\xba\xc3.txt")  # 你好 in GBK: not UTF-8
    (root / gbk).write_text("Orbis Capital invests in Lumen Robotics.\n", "utf-8")
    (root / "evil\nError: fake.txt").write_bytes(b"")  # empty: a failure naming the file
    summary = run([root], tmp_path / "data")
    assert summary.articles_new == 1
    assert summary.failures == [f"{root}/evil\\x0aError: fake.txt: empty file"]
    with Store.open(tmp_path / "data") as s:
        (article,) = s.articles()
    assert article.file.endswith("\\xc4\\xe3\\xba\\xc3.txt")
    again = run([root], tmp_path / "data")  # remembered by its escaped name: not read again
    assert (again.articles_unchanged, again.articles_new) == (1, 0)


def test_an_article_is_one_article_however_its_path_is_typed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before, the id was the path as typed: the edit below added a second article and kept the
    # old facts next to the new ones.
    news = tmp_path / "news"
    news.mkdir()
    story = news / "a.txt"
    story.write_text("Orbis Capital invests in Lumen Robotics.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    first = run([Path("news/a.txt")], tmp_path / "data")
    story.write_text("Kestrel Cloud acquires Pico Labs.\n", "utf-8")
    second = run([story], tmp_path / "data")
    assert (first.articles_new, second.articles_replaced, second.articles_new) == (1, 1, 0)
    with Store.open(tmp_path / "data") as s:
        assert [a.id for a in s.articles()] == [str(story)]
        assert {r.source for r in s.relations()} == {"company:kestrel-cloud"}
