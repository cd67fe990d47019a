"""What flows through an ingest: the items workers send the writer, the batches the parent
sends workers, and the summary the writer returns."""

from __future__ import annotations

from dataclasses import dataclass
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
    size: int
    mtime_ns: int


Unit = Article | ToRead  # the part of a batch a worker does


@dataclass
class Batch:
    """Records of consecutive files, in order, sent to one worker task together."""

    items: list[Item | Unit]
    files_done: int = 0  # files whose last record is in this batch

    def units(self) -> list[Unit]:
        """The items a worker must do (articles to extract, files to read)."""
        return [i for i in self.items if isinstance(i, Article | ToRead)]

    def fill(self, results: list[list[Item]]) -> list[Item]:
        """The batch's items in order, each unit replaced by the items its worker returned."""
        done = iter(results)
        out: list[Item] = []
        for item in self.items:
            if isinstance(item, Article | ToRead):
                out.extend(next(done))
            else:
                out.append(item)
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
