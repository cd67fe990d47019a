"""The ingest pipeline: files -> articles -> extraction (worker processes) -> one store writer.

Reading and extraction are CPU-bound and run in worker processes; the parent is the only writer
to the store, so SQLite sees one writer per `kg ingest` and articles stream through with a
bounded number in flight.

    >>> from kg.pipeline import ingest
    >>> summary = ingest(["examples/"], "kg-data")
    >>> summary.articles_new, summary.failed
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from kg.errors import ExtractionError, InputError, KgError
from kg.schema import Article, ExtractionResult

if TYPE_CHECKING:
    from kg.store import Store

# Files per worker task, and how many tasks may wait unconsumed: bounds memory when the
# writer is slower than the workers.
CHUNK_SIZE = 4
WINDOW_CHUNKS = 8

Known = Callable[[str, str], "tuple[str, str | None] | None"]


@dataclass
class Extracted:
    article: Article
    result: ExtractionResult


@dataclass
class Skipped:
    """An article the store already holds (same id and hash), or holds under another id."""

    article_id: str
    status: str  # "unchanged" | "duplicate"
    duplicate_of: str | None = None


Item = Extracted | Skipped | KgError


class IngestSummary(BaseModel):
    articles_new: int = 0
    articles_unchanged: int = 0
    articles_replaced: int = 0
    articles_duplicate: int = 0
    failed: int = 0
    failures: list[str] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list)  # "<article> duplicates <article>"
    entities: int = 0
    relations: int = 0
    files: int = 0


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


def process_file(path: Path, extractor: str = "rules", known: Known | None = None) -> list[Item]:
    """Read one file and extract every article in it; problems come back as items, not raised.

    `known(article_id, content_hash)` may say the store already has the article
    ("unchanged"/"duplicate", duplicate_of): then extraction is skipped.
    """
    from kg.readers import read_file

    items: list[Item] = []
    try:
        for record in read_file(path):
            if isinstance(record, KgError):
                items.append(file_error(path, record))
            else:
                items.append(_extract_one(record, extractor, known))
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        items.append(file_error(path, exc))
    return items


def _extract_one(article: Article, extractor: str, known: Known | None) -> Item:
    from kg.extract import extract_article

    if known is not None:
        hit = known(article.id, article.content_hash)
        if hit is not None:
            return Skipped(article.id, hit[0], hit[1])
    try:
        return Extracted(article, extract_article(article, extractor=extractor))
    except KgError as exc:
        return file_error(article.file, ExtractionError(f"{article.id}: {exc}"))
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one article is reported
        return ExtractionError(f"{article.file}: {article.id}: extractor failed: {exc!r}")


def extract_paths(
    paths: Iterable[str | Path], extractor: str = "rules"
) -> Iterator[tuple[Article, ExtractionResult] | KgError]:
    """Read and extract without storing (used by `kg extract`); errors are yielded, not raised."""
    files, errors = list_files(paths)
    yield from errors
    for path in files:
        for item in process_file(path, extractor):
            if isinstance(item, Extracted):
                yield item.article, item.result
            elif isinstance(item, KgError):
                yield item


# --- worker processes -----------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(extractor: str, data_dir: str) -> None:
    from kg.store import Store

    # Read-only use: the worker only asks "do you already have this id+hash?".
    _WORKER["extractor"] = extractor
    _WORKER["store"] = Store.open(data_dir)


def _work_chunk(paths: list[str]) -> list[tuple[str, list[Item]]]:
    from kg.store import Store

    store = _WORKER["store"]
    assert isinstance(store, Store)
    extractor = str(_WORKER["extractor"])
    return [(p, process_file(Path(p), extractor, store.known)) for p in paths]


def _chunks(files: Iterable[Path], size: int, gate: threading.Semaphore) -> Iterator[list[str]]:
    chunk: list[str] = []
    for path in files:
        chunk.append(str(path))
        if len(chunk) == size:
            gate.acquire()  # blocks the pool's feeder thread until the writer catches up
            yield chunk
            chunk = []
    if chunk:
        gate.acquire()
        yield chunk


def _results(
    files: list[Path], extractor: str, data_dir: Path, workers: int
) -> Iterator[tuple[str, list[Item]]]:
    from kg.store import Store

    if workers <= 1:
        with Store.open(data_dir) as store:
            for path in files:
                yield str(path), process_file(path, extractor, store.known)
        return
    gate = threading.Semaphore(WINDOW_CHUNKS * workers)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(extractor, str(data_dir))) as pool:
        for chunk in pool.imap(_work_chunk, _chunks(files, CHUNK_SIZE, gate)):
            yield from chunk
            gate.release()


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


# --- the writer -----------------------------------------------------------------------------


def ingest(
    paths: Iterable[str | Path],
    data_dir: str | Path,
    *,
    workers: int | None = None,
    strict: bool = False,
    extractor: str = "rules",
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read, extract and store every article under `paths`; returns counts and failures.

    A bad file is recorded in `failures` and skipped; with `strict` the first failure is raised.
    `progress(n)` is called with the number of files just finished.
    """
    from kg.store import Store

    files, errors = list_files(paths)
    summary = IngestSummary(files=len(files))
    for exc in errors:
        _fail(summary, exc, strict)
    n_workers = default_workers() if workers is None else max(1, workers)
    n_workers = min(n_workers, max(1, len(files)))
    with Store.open(data_dir) as store:
        for _path, items in _results(files, extractor, Path(data_dir), n_workers):
            for item in items:
                _record(store, summary, item, strict)
            if progress is not None:
                progress(1)
        stats = store.stats()
    summary.entities = sum(stats.entities.values())
    summary.relations = sum(stats.relations.values())
    return summary


def _record(store: Store, summary: IngestSummary, item: Item, strict: bool) -> None:
    if isinstance(item, KgError):
        _fail(summary, item, strict)
        return
    if isinstance(item, Skipped):
        status, article_id, dup_of = item.status, item.article_id, item.duplicate_of
    else:
        outcome = store.put(item.article, item.result)
        status, article_id, dup_of = outcome.status, item.article.id, outcome.duplicate_of
    field = f"articles_{status}"
    setattr(summary, field, getattr(summary, field) + 1)
    if status == "duplicate":
        summary.duplicates.append(f"{article_id} duplicates {dup_of}")


def _fail(summary: IngestSummary, exc: KgError, strict: bool) -> None:
    if strict:
        raise exc
    summary.failed += 1
    summary.failures.append(str(exc))
