"""The worker side of an ingest: files listed and planned, read, hashed and extracted.

The parent skips files stored before unchanged (size and mtime) without reading them; worker
processes read, hash and extract the rest (asking the store first, so unchanged articles and
known copies are never extracted) and send rows back in file order to the single writer
(`kg.pipeline.writer`), with a bounded number of batches in flight.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from kg.errors import ExtractionError, InputError, KgError
from kg.pipeline.flow import Batch, Extracted, FileRead, Item, Skipped, ToRead, Unit
from kg.schema import Article, ExtractionResult
from kg.store import Store, prepare

# --- files ----------------------------------------------------------------------------------


def list_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[KgError]]:
    """Expand files, folders and globs; a missing path is an error, the others still count."""
    from kg.readers import iter_files

    files: list[Path] = []
    errors: list[KgError] = []
    for path in paths:
        try:
            files.extend(iter_files([path]))
        except KgError as exc:
            errors.append(exc)
    return files, errors


def file_error(path: Path | str, exc: BaseException) -> KgError:
    """A one-line error that names the file, whatever the reader or extractor raised."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror.lower()
    if reason.startswith(str(path)) or reason.startswith(Path(path).name):
        message = reason
    else:
        message = f"{path}: {reason}"
    cls = type(exc) if isinstance(exc, KgError) else InputError
    return cls(message)


def check_extractor(name: str) -> None:
    """Fail the whole run up front (ConfigurationError) rather than every article."""
    import kg.extract  # noqa: F401 - registers the built-in extractors
    from kg.extract.base import get_extractor

    get_extractor(name)


def _extract_one(article: Article, extractor: str) -> ExtractionResult | KgError:
    from kg.extract import extract_article

    try:
        return extract_article(article, extractor=extractor)
    except KgError as exc:  # extract_article names the article; we add the file
        return file_error(article.file, exc)
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one article is reported
        return ExtractionError(f"{article.file}: {article.id}: extractor failed: {exc!r}")


def extract_paths(
    paths: Iterable[str | Path], extractor: str = "rules"
) -> Iterator[tuple[Article, ExtractionResult] | KgError]:
    """Read and extract without storing (used by `kg extract`); errors are yielded, not raised."""
    check_extractor(extractor)
    files, errors = list_files(paths)
    yield from errors
    for _, items in results(files, extractor, None, 1):
        for item in items:
            if isinstance(item, Extracted):
                yield item.article, item.result
            elif isinstance(item, KgError):
                yield item


# --- worker processes -----------------------------------------------------------------------
#
# Workers read, hash and extract: the parent only stats files (an unchanged file is skipped by
# size and mtime before anyone reads it) and writes. A worker asks its own read-only view of
# the store whether an article is unchanged or a copy before extracting it; `Store.put`
# checks again under the write lock, so a race only costs one wasted extraction. A file of
# BIG_FILE bytes or more is streamed by the parent instead, so the records of one 50 MB JSONL
# file are extracted by every worker. At most WINDOW batches per worker are in flight, so
# memory stays bounded when the writer lags.

BATCH_ARTICLES = 16
WINDOW = 4
BIG_FILE = 1024 * 1024


def _batches(
    files: Iterable[Path], store: Store | None, parent_reads: Callable[[], bool]
) -> Iterator[Batch]:
    batch = Batch([])
    for path in files:
        for item in _plan(path, store, parent_reads()):
            batch.items.append(item)
            if len(batch.items) >= BATCH_ARTICLES * 4 or len(batch.units()) >= BATCH_ARTICLES:
                yield batch
                batch = Batch([])
        batch.files_done += 1
        if batch.files_done >= BATCH_ARTICLES:
            yield batch
            batch = Batch([])
    if batch.items or batch.files_done:
        yield batch


def _plan(path: Path, store: Store | None, parent_reads: bool) -> Iterator[Item | Unit]:
    """Skipped items for a file stored before unchanged, else its records (big file, or no
    workers), else one ToRead for a worker."""
    done = FileRead(str(path.resolve()), 0, 0, [], clean=False)
    try:
        st = path.stat()
    except OSError as exc:
        yield file_error(path, exc)
        yield done
        return
    done.size, done.mtime_ns = st.st_size, st.st_mtime_ns
    cached = store.file_known(done.path, st.st_size, st.st_mtime_ns) if store else None
    if cached is not None:  # same size and mtime as when stored: not even read
        yield from (Skipped(article_id, "unchanged") for article_id in cached)
        yield done
    elif parent_reads or st.st_size >= BIG_FILE:
        yield from _records(path, store, done)
    else:
        yield ToRead(path, st.st_size, st.st_mtime_ns)


def _records(path: Path, store: Store | None, done: FileRead) -> Iterator[Item | Article]:
    """The file's articles (Skipped when the store has them), errors, then `done`."""
    from kg.readers import read_file

    try:
        done.clean = True
        for record in read_file(path):
            if isinstance(record, KgError):
                done.clean = False
                yield file_error(path, record)
                continue
            done.articles.append((record.id, record.content_hash))
            hit = _known(store, record)
            yield record if hit is None else Skipped(record.id, hit[0], hit[1])
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        done.clean = False
        yield file_error(path, exc)
    yield done


def _known(store: Store | None, article: Article) -> tuple[str, str | None] | None:
    """The worker's look-up before extracting. Only a shortcut: the writer checks again under
    the write lock, so a read that fails while another process writes (SQLITE_BUSY) means
    "extract it", never a failed file."""
    if store is None:
        return None
    try:
        return store.known(article.id, article.content_hash)
    except sqlite3.Error:
        return None


def _work(units: list[Unit], extractor: str, store: Store | None) -> list[list[Item]]:
    """One batch's units, each done: an article extracted, or a file read and extracted."""
    out: list[list[Item]] = []
    for unit in units:
        if isinstance(unit, Article):
            out.append([_pair(unit, _extract_one(unit, extractor))])
            continue
        done = FileRead(str(unit.path.resolve()), unit.size, unit.mtime_ns, [], clean=False)
        out.append([_pair(r, _extract_one(r, extractor)) if isinstance(r, Article) else r
                    for r in _records(unit.path, store, done)])
    return out


def _pair(article: Article, result: ExtractionResult | KgError) -> Item:
    return result if isinstance(result, KgError) else Extracted(article, result)


_WORKER_STORE: Store | None = None  # each worker's read-only view of the store


def _warm_up(extractor: str, data_dir: str | None) -> None:
    global _WORKER_STORE
    check_extractor(extractor)  # loads rules and gazetteers once per worker, not per task
    _WORKER_STORE = Store.open_readonly(data_dir) if data_dir is not None else None


def _work_in_worker(units: list[Unit], extractor: str) -> list[list[Item]]:
    # Rows, not models, go back: serialising for SQLite is done here, off the writer's core.
    return [[prepare(i.article, i.result) if isinstance(i, Extracted) else i for i in items]
            for items in _work(units, extractor, _WORKER_STORE)]


def results(
    files: list[Path], extractor: str, store: Store | None, workers: int
) -> Iterator[tuple[int, list[Item]]]:
    """(files finished, items in order) for each batch, read and extracted in `workers`
    processes (in this one when `workers` is 1)."""
    if workers <= 1:
        for batch in _batches(files, store, lambda: True):
            yield batch.files_done, batch.fill(_work(batch.units(), extractor, store))
        return
    pool: Pool | None = None  # started at the first article to extract: a re-scan needs none
    pending: deque[tuple[Batch, AsyncResult[list[list[Item]]] | None]] = deque()
    data_dir = str(store.path.parent) if store is not None else None
    try:
        # Until a first article needs extracting the parent reads files itself: a re-scan that
        # finds nothing new (or only known copies) never pays for starting workers.
        for batch in _batches(files, store, lambda: pool is None):  # noqa: B023 - late on purpose
            if batch.units() and pool is None:
                # spawn: fork would copy the parent's SQLite handle into the workers
                pool = multiprocessing.get_context("spawn").Pool(
                    workers, initializer=_warm_up, initargs=(extractor, data_dir))
            task = (pool.apply_async(_work_in_worker, (batch.units(), extractor))
                    if pool is not None and batch.units() else None)
            pending.append((batch, task))
            while pending and (len(pending) >= WINDOW * workers or pending[0][1] is None):
                yield _done(*pending.popleft())
        while pending:
            yield _done(*pending.popleft())
    finally:
        if pool is not None:
            pool.terminate()


def _done(batch: Batch, task: AsyncResult[list[list[Item]]] | None) -> tuple[int, list[Item]]:
    return batch.files_done, batch.fill(task.get() if task is not None else [])


def default_workers() -> int:
    """min(2, CPUs): reading and extraction are CPU-bound; the writer shares the cores."""
    return max(1, min(2, os.cpu_count() or 1))


def parallel_units(files: list[Path], wanted: int) -> int:
    """How many workers can be busy: one per file, more for a big (streamed) file."""
    if len(files) >= wanted:
        return wanted
    return max(1, sum(1 + _size(f) // BIG_FILE for f in files))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
