"""The single writer: `ingest` drives the workers and is the only process writing the store,
one transaction per article, in file order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import KgError, printable
from kg.pipeline.flow import Budget, FileRead, IngestSummary, Item, Skipped
from kg.pipeline.workers import (
    check_extractor,
    default_workers,
    list_files,
    parallel_units,
    results,
)
from kg.store import PreparedPut, Store


def ingest(
    paths: Iterable[str | Path],
    data_dir: str | Path,
    *,
    workers: int | None = None,
    strict: bool = False,
    extractor: str = "rules",
    progress: Callable[[int], None] | None = None,
    budget: Budget | None = None,
) -> IngestSummary:
    """Read, extract and store every article under `paths`; returns counts and failures.

    A bad file is recorded in `failures` and skipped; with `strict` the first failure is raised.
    `progress(n)` is called with the number of files just finished. With a `budget`, every
    file is read and extracted in a worker process under it (time and memory per file); a
    file over budget, or whose worker dies, fails alone and the run goes on.
    """
    check_extractor(extractor)
    files, errors = list_files(paths)
    summary = IngestSummary(files=len(files))
    for exc in errors:
        _fail(summary, exc, strict)
    n_workers = default_workers() if workers is None else max(1, workers)
    n_workers = min(n_workers, parallel_units(files, n_workers))
    with Store.open(data_dir) as store:
        writer = Writer(store, summary, strict)
        for files_done, items in results(files, extractor, store, n_workers, budget):
            for file_no, item in items:
                writer.record(file_no, item)
            if progress is not None and files_done:
                progress(files_done)
        stats = store.stats()
    summary.entities = sum(stats.entities.values())
    summary.relations = sum(stats.relations.values())
    return summary


class Writer:
    """Puts articles, counts outcomes, remembers files stored cleanly (by size and mtime)."""

    def __init__(self, store: Store, summary: IngestSummary, strict: bool) -> None:
        self.store, self.summary, self.strict = store, summary, strict
        self.dirty: set[int] = set()  # files with a failure or duplicate so far (by number)

    def record(self, file_no: int, item: Item) -> None:
        """Write or count one item of file number `file_no`; `strict` raises the first failure.
        Files finish in any order; a file's own items come in order, its FileRead last."""
        if isinstance(item, FileRead):
            if item.clean and file_no not in self.dirty:
                self.store.remember_file(item.path, item.size, item.mtime_ns, item.articles)
            self.dirty.discard(file_no)
            return
        if isinstance(item, KgError):
            self.dirty.add(file_no)
            _fail(self.summary, item, self.strict)
            return
        if isinstance(item, Skipped):
            status, article_id, dup_of = item.status, item.article_id, item.duplicate_of
        else:
            outcome = (self.store.put_rows(item) if isinstance(item, PreparedPut)
                       else self.store.put(item.article, item.result))
            status, article_id, dup_of = outcome.status, outcome.article_id, outcome.duplicate_of
        field = f"articles_{status}"
        setattr(self.summary, field, getattr(self.summary, field) + 1)
        if status == "duplicate":
            self.dirty.add(file_no)
            self.summary.duplicates.append(printable(f"{article_id} duplicates {dup_of}"))


def _fail(summary: IngestSummary, exc: KgError, strict: bool) -> None:
    if strict:
        raise exc
    summary.failed += 1
    summary.failures.append(printable(str(exc)))
