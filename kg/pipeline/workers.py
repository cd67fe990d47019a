"""The worker side of an ingest: files listed and planned, read, hashed and extracted.

The parent skips files stored before unchanged (size and mtime) without reading them; worker
processes read, hash and extract the rest (asking the store first, so unchanged articles and
known copies are never extracted) and send rows back in file order to the single writer
(`kg.pipeline.writer`), with a bounded number of batches in flight.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import ExtractionError, InputError, KgError, printable
from kg.extract.base import Extractor, factory, register
from kg.pipeline.flow import (
    Batch,
    Budget,
    Extracted,
    FileRead,
    Item,
    Skipped,
    ToRead,
    Unit,
    file_key,
)
from kg.pipeline.pool import WorkerPool, memory_limit
from kg.pipeline.reader import BigFileReader
from kg.schema import Article, ExtractionResult
from kg.store import Store, prepare

# --- files ----------------------------------------------------------------------------------


def list_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[KgError]]:
    """Expand files, folders and globs, each file once however often it is named; a missing
    path is an error, the others still count."""
    from kg.readers import iter_files

    files: list[Path] = []
    errors: list[KgError] = []
    seen: set[Path] = set()
    for path in paths:
        try:
            files.extend(iter_files([path], seen))
        except KgError as exc:
            errors.append(exc)
    return files, errors


def file_error(path: Path | str, exc: BaseException) -> KgError:
    """A one-line error that names the file, whatever the reader or extractor raised; control
    characters and undecodable bytes of the name are shown escaped."""
    text = str(exc)
    if text.startswith(f"{path}: "):  # the name may hold a newline: split after it
        text = text[len(str(path)) + 2:]
    reason = text.splitlines()[0] if text.strip() else type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror.lower()
    if isinstance(exc, MemoryError):
        reason = "needs more memory than the per-file budget"
    if reason.startswith(str(path)) or reason.startswith(Path(path).name):
        message = reason
    else:
        message = f"{path}: {reason}"
    cls = type(exc) if isinstance(exc, KgError) else InputError
    return cls(printable(message))


_SPECIAL = [(stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]


def special_file(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"), else None: such files are refused
    before anyone opens them (opening a FIFO blocks until a writer comes)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


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
        if isinstance(exc.__cause__, MemoryError):
            return file_error(article.file, exc.__cause__)
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
        for _file_no, item in items:
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
# BIG_FILE bytes or more is streamed record by record instead, so the records of one 50 MB
# JSONL file are extracted by every worker; with a budget it is read by a process of its own
# under it (`kg.pipeline.reader`), never by the parent, which goes on serving the workers and
# the writer while it waits. At most WINDOW batches per worker are in flight, so
# memory stays bounded when the writer lags; and at most HELD batches wait, done, behind an
# earlier batch of their own file (a streamed file keeps its order), so one slow record of a
# 50 MB JSONL cannot make the parent read and hold the whole file meanwhile.

BATCH_ARTICLES = 16
WINDOW = 4
HELD = 64
BIG_FILE = 1024 * 1024


def _batches(
    files: Iterable[Path], store: Store | None, parent_reads: Callable[[], bool],
    units: int = BATCH_ARTICLES, reader: BigFileReader | None = None,
) -> Iterator[Batch | None]:
    """Consecutive files' items, cut after `units` units to do (or many items or files);
    None while a big file's reader is awaited."""
    batch = Batch([])
    for file_no, path in enumerate(files):
        for item in _plan(path, store, parent_reads(), reader):
            if item is None:
                yield None
                continue
            batch.add(file_no, item)
            if len(batch.items) >= BATCH_ARTICLES * 4 or len(batch.units()) >= units:
                yield batch
                batch = Batch([])
        batch.files_done += 1
        if batch.files_done >= BATCH_ARTICLES:
            yield batch
            batch = Batch([])
    if batch.items or batch.files_done:
        yield batch


def _plan(path: Path, store: Store | None, parent_reads: bool,
          reader: BigFileReader | None = None) -> Iterator[Item | Unit | None]:
    """Skipped items for a file stored before unchanged, else its records (big file, or no
    workers; a big file through `reader` when there is one), else one ToRead for a worker."""
    done = FileRead(file_key(path), 0, 0, [], clean=False)
    try:
        st = path.stat()
    except OSError as exc:
        yield file_error(path, exc)
        yield done
        return
    kind = special_file(st.st_mode)
    if kind is not None:
        yield InputError(printable(f"{path}: {kind}, not a regular file: not read"))
        yield done
        return
    done.size, done.mtime_ns = st.st_size, st.st_mtime_ns
    cached = store.file_known(done.path, st.st_size, st.st_mtime_ns) if store else None
    if cached is not None:  # same size and mtime as when stored: not even read
        yield from (Skipped(article_id, "unchanged") for article_id in cached)
        yield done
    elif reader is not None and not parent_reads and st.st_size >= BIG_FILE:
        yield from reader.records(path, done)  # under the budget, in a process of its own
    elif parent_reads or st.st_size >= BIG_FILE:
        yield from _records(path, store, done)
    else:
        yield ToRead(path, done.path, st.st_size, st.st_mtime_ns)


def _records(path: Path, store: Store | None, done: FileRead) -> Iterator[Item | Article]:
    """The file's articles (Skipped when the store has them), errors, then `done`."""
    from kg.readers import read_file

    failed: KgError | None = None
    out_of_memory = False
    try:
        done.clean = True
        for record in read_file(path):
            if isinstance(record, KgError):
                done.clean = False
                yield file_error(path, record)
                continue
            record = _storable(_identity(record, path, done.path))
            done.articles.append((record.id, record.content_hash))
            hit = _known(store, record)
            yield record if hit is None else Skipped(record.id, hit[0], hit[1])
    except MemoryError:  # its traceback holds what filled the memory: answered once freed
        out_of_memory = True
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        failed = file_error(path, exc)
    if out_of_memory:
        failed = file_error(path, MemoryError())
    if failed is not None:
        done.clean = False
        yield failed
    yield done


def _identity(article: Article, path: Path, key: str) -> Article:
    """An article named by its file (no URL or id of its own) is named by the resolved path:
    `news/a.txt` and `/abs/news/a.txt` are one article, whatever the working directory."""
    given = str(path)
    if article.id == given or article.id.startswith(given + "#"):
        return article.model_copy(update={"id": key + article.id[len(given):]})
    return article


def _storable(article: Article) -> Article:
    """The article with a file name of undecodable bytes kept as backslash escapes (SQLite
    holds UTF-8 text only)."""
    fixed = {name: _text(getattr(article, name)) for name in ("id", "file")}
    if all(fixed[name] == getattr(article, name) for name in fixed):
        return article
    return article.model_copy(update=fixed)


def _text(value: str) -> str:
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name holds (from a JSON escape)
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


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
        done = FileRead(unit.key, unit.size, unit.mtime_ns, [], clean=False)
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


def _serve(conn: Connection, extractor: str, factory: Callable[[], Extractor] | None,
           data_dir: str | None, memory_mb: int | None) -> None:
    """A worker process (`kg.pipeline.pool`): tasks in, each unit announced, then its items."""
    if factory is not None:
        register(extractor, factory)
    _warm_up(extractor, data_dir)
    memory_limit(memory_mb)
    while True:
        try:
            _key, units, offset = conn.recv()
        except (EOFError, OSError):
            return
        for i, unit in enumerate(units, offset):
            conn.send(("start", i))
            conn.send(("unit", i, _work_in_worker([unit], extractor)[0]))


Results = Iterator[tuple[int, list[tuple[int, Item]]]]


def results(
    files: list[Path], extractor: str, store: Store | None, workers: int,
    budget: Budget | None = None,
) -> Results:
    """(files finished, (file number, item) in order) for each batch, read and extracted in
    `workers` processes (in this one when `workers` is 1 and there is no budget). Batches are
    given as they finish, so a slow file delays no other's; a file cut across batches keeps
    its order."""
    if workers <= 1 and budget is None:
        for batch in _batches(files, store, lambda: True):
            assert batch is not None  # no reader: never waits
            yield batch.files_done, batch.fill(_work(batch.units(), extractor, store))
        return
    pool: WorkerPool | None = None  # started at the first file to read: a re-scan needs none
    pending: dict[int, Batch] = {}  # by batch number, in order
    finished: dict[int, list[list[Item]]] = {}
    data_dir = str(store.path.parent) if store is not None else None
    reader = BigFileReader(data_dir, budget) if budget is not None else None
    number = 0
    try:
        # Without a budget the parent reads files itself until a first article needs
        # extracting: a re-scan that finds nothing new never pays for starting workers. With
        # one, every file is read in a worker, under its budget.
        parent_reads = (lambda: pool is None) if budget is None else (lambda: False)  # noqa: B023
        # one unit per task: a worker's tasks finish one file at a time, so a slow file
        # holds back no other file's results
        for batch in _batches(files, store, parent_reads, units=1, reader=reader):
            if batch is None:  # a big file's reader is slow: meanwhile, workers and writer go on
                if pool is not None:
                    finished.update(pool.finished(block=False))
                yield from _release(pending, finished)
                continue
            number += 1
            pending[number] = batch
            if batch.units():
                if pool is None:
                    pool = WorkerPool(workers, (extractor, factory(extractor)), data_dir,
                                      budget or Budget())
                pool.submit(number, batch.units())
            while pool is not None and pool.busy() and (
                    pool.busy() >= WINDOW * workers or len(pending) >= HELD * workers):
                finished.update(pool.finished(block=True))
                yield from _release(pending, finished)
            yield from _release(pending, finished)
        while pending:
            assert pool is not None
            finished.update(pool.finished(block=True))
            yield from _release(pending, finished)
    finally:
        if pool is not None:
            pool.close()
        if reader is not None:
            reader.close()


def _release(pending: dict[int, Batch], finished: dict[int, list[list[Item]]]) -> Results:
    """Every batch that is done, unless it continues a file an earlier pending batch holds."""
    previous: Batch | None = None
    for number, batch in list(pending.items()):
        ready = number in finished or not batch.units()
        continues = previous is not None and previous.files[-1:] == batch.files[:1]
        if ready and not continues:
            del pending[number]
            yield batch.files_done, batch.fill(finished.pop(number, []))
        else:
            previous = batch


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
