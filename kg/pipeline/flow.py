"""What flows through an ingest: the items workers send the writer, the batches the parent
sends workers, and the summary the writer returns."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from kg.errors import KgError
from kg.schema import Article, ExtractionResult
from kg.store import PreparedPut


@dataclass
class Extracted:
    """An article and what the extractor found in it, ready for `Store.put`."""

    article: Article
    result: ExtractionResult


@dataclass
class Skipped:
    """An article the store already holds (same id and hash), or holds under another id."""

    article_id: str
    status: str  # "unchanged" | "duplicate"
    duplicate_of: str | None = None


@dataclass
class FileRead:
    """Marks the end of one file's records; a clean file is remembered by size and mtime."""

    path: str  # resolved
    size: int
    mtime_ns: int
    articles: list[tuple[str, str]]  # (article id, content hash)
    clean: bool


# What the writer receives, in file order: a worker sends PreparedPut rows rather than
# Extracted models (serialising is done off the writer's core).
Item = Extracted | PreparedPut | Skipped | FileRead | KgError


@dataclass
class ToRead:
    """A file a worker will read and extract; replaced by its items when the batch returns."""

    path: Path
    key: str  # the file as the store remembers it (`file_key`)
    size: int
    mtime_ns: int


def file_key(path: Path) -> str:
    """The file's resolved path as text the store can hold: bytes that are not UTF-8 (a GBK
    name from a zip archive) kept as backslash escapes."""
    return os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")


class Budget(BaseModel):
    """Per-file limits in worker processes: seconds to read and extract one file (or one
    record of a streamed file), and memory (MB) above the warmed-up worker's own size."""

    seconds: float | None = Field(default=None, gt=0)
    memory_mb: int | None = Field(default=None, gt=0)


Unit = Article | ToRead  # the part of a batch a worker does


@dataclass
class Batch:
    """Records of consecutive files, in order, sent to one worker task together."""

    items: list[Item | Unit]
    files_done: int = 0  # files whose last record is in this batch
    files: list[int] = field(default_factory=list)  # each item's file number (order listed)

    def add(self, file_no: int, item: Item | Unit) -> None:
        """Append one item of file number `file_no`."""
        self.items.append(item)
        self.files.append(file_no)

    def units(self) -> list[Unit]:
        """The items a worker must do (articles to extract, files to read)."""
        return [i for i in self.items if isinstance(i, Article | ToRead)]

    def fill(self, results: list[list[Item]]) -> list[tuple[int, Item]]:
        """(file number, item) in order, each unit replaced by the items its worker returned."""
        done = iter(results)
        out: list[tuple[int, Item]] = []
        for file_no, item in zip(self.files, self.items, strict=True):
            if isinstance(item, Article | ToRead):
                out.extend((file_no, i) for i in next(done))
            else:
                out.append((file_no, item))
        return out


class IngestSummary(BaseModel):
    """What one `ingest` did: article counts by outcome, failures, store totals after it."""

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
