"""Big files read for the parent in a process of their own, under the per-file budget.

A file of `BIG_FILE` bytes or more is not given to one worker whole: its records are read one
by one and spread over every worker. With a budget, that reading is done here, in a spawned
reader process under the memory budget, and each record must come within the time budget
(the first one included: a feed is parsed whole before its first item). A reader that
overruns is killed, one that dies is seen; either way the file is one failure naming it, its
records already read still go in, and the next big file gets a fresh reader. While it waits
for a record the parent is handed `None` now and then, so it can keep the workers busy and
the writer fed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Generator, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kg.errors import ConfigurationError, InputError, printable
from kg.pipeline.flow import Budget, FileRead, Item
from kg.pipeline.pool import death, memory_limit
from kg.schema import Article

TICK = 0.2  # seconds between the parent's looks at its workers while a record is awaited


class BigFileReader:
    """One reader process, started at the first big file and kept for the next ones."""

    def __init__(self, data_dir: str | None, budget: Budget) -> None:
        self.data_dir, self.budget = data_dir, budget
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None

    def records(self, path: Path, done: FileRead) -> Iterator[Item | Article | None]:
        """The file's items as `kg.pipeline.workers._records` gives them, `done` last;
        `None` while waiting."""
        conn = yield from self._ready()
        conn.send((path, done))
        since = time.monotonic()
        while True:
            if conn.poll(TICK):
                try:
                    item = conn.recv()
                except (EOFError, OSError):
                    yield from self._failed(path, done, self._died())
                    return
                yield item
                if isinstance(item, FileRead):
                    return
                since = time.monotonic()
            elif not self._proc().is_alive():
                yield from self._failed(path, done, self._died())
                return
            elif self.budget.seconds is not None and \
                    time.monotonic() - since > self.budget.seconds:
                self.close()
                reason = f"took longer than {self.budget.seconds:g} s (the per-file time budget)"
                yield from self._failed(path, done, reason)
                return
            else:
                yield None

    def close(self) -> None:
        """Stop the reader process, if any."""
        self._stop("")

    # --- internals ---------------------------------------------------------------------------

    def _proc(self) -> BaseProcess:
        assert self.process is not None
        return self.process

    def _died(self) -> str:
        """Why the reader is gone (it closed its end: it is exiting), and forget it."""
        self._proc().join(5)
        return self._stop(death(self._proc(), "reader"))

    def _ready(self) -> Generator[None, None, Connection]:
        """Start the reader if needed and wait (yielding None) until it has warmed up."""
        if self.conn is not None:
            return self.conn
        ctx = multiprocessing.get_context("spawn")  # fork would copy the SQLite handle
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve_reads, daemon=True,
                                   args=(child, self.data_dir, self.budget.memory_mb))
        self.process.start()
        child.close()
        self.conn = parent
        while not parent.poll(TICK):
            if not self.process.is_alive():
                reason = self._died()
                raise ConfigurationError(f"the big-file reader process could not start ({reason})")
            yield None
        parent.recv()  # "ready"
        return parent

    def _stop(self, reason: str) -> str:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.close()
        self.process, self.conn = None, None
        return reason

    @staticmethod
    def _failed(path: Path, done: FileRead, reason: str) -> Iterator[Item]:
        yield InputError(printable(f"{path}: {reason}"))
        yield FileRead(done.path, done.size, done.mtime_ns, [], clean=False)


def _serve_reads(conn: Connection, data_dir: str | None, memory_mb: int | None) -> None:
    """The reader process: (path, done) in, the file's items out, `done` last."""
    from kg.pipeline.workers import _records
    from kg.readers import read_file  # noqa: F401 - imported before the memory cap
    from kg.store import Store

    store = Store.open_readonly(data_dir) if data_dir is not None else None
    memory_limit(memory_mb)
    conn.send("ready")
    while True:
        try:
            path, done = conn.recv()
        except (EOFError, OSError):
            return
        for item in _records(path, store, done):
            conn.send(item)
