"""The ingest pipeline: files -> articles -> extraction (worker processes) -> one store writer.

- `flow`: what flows (items for the writer, batches for the workers, `IngestSummary`);
- `workers`: files listed and planned, read, hashed and extracted in worker processes;
- `pool`: the worker processes, each file under a time and memory budget;
- `reader`: big files read record by record in a process of their own, under the budget;
- `writer`: `ingest`, the single writer (one transaction per article, in file order).

    >>> from kg.pipeline import ingest
    >>> summary = ingest(["examples/"], "kg-data")
    >>> summary.articles_new, summary.failed
"""

from __future__ import annotations

from kg.pipeline.flow import Budget, IngestSummary
from kg.pipeline.workers import (
    check_extractor,
    default_workers,
    extract_paths,
    file_error,
    list_files,
)
from kg.pipeline.writer import ingest

__all__ = ["Budget", "IngestSummary", "check_extractor", "default_workers", "extract_paths",
           "file_error", "ingest", "list_files"]
