"""Worker processes with budgets: each file (or streamed record) has a time and memory budget,
a worker that dies or overruns is replaced, and its file alone is reported failed.

The parent hands a worker one task (a batch's units) at a time over a pipe; the worker says
when it starts each unit and sends each unit's items when done, so the parent always knows
which file a worker is on, since when. A unit over its time budget gets its worker killed; a
worker that exits without answering (OOM kill, SIGKILL, segfault) is seen through its process
sentinel. Either way that unit becomes one failure and the rest of its task goes to a fresh
worker. Tasks finish in any order: `finished()` returns them as they complete.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.errors import ConfigurationError, ExtractionError, InputError, printable
from kg.pipeline.flow import Budget, FileRead, Item, ToRead, Unit, file_key
from kg.schema import Article


@dataclass
class Task:
    """One batch's units; `results[i]` is filled when unit i is done (or failed)."""

    key: int
    units: list[Unit]
    results: list[list[Item] | None] = field(default_factory=list)
    next: int = 0  # the first unit not yet given to a worker after a failure

    def __post_init__(self) -> None:
        self.results = [None] * len(self.units)


@dataclass
class Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    unit: int | None = None  # index of the unit it is on
    since: float = 0.0  # when it started that unit (monotonic)
    ready: bool = False  # it has started a unit: warmed up


class WorkerPool:
    """`size` spawned workers (started on demand) running `kg.pipeline.workers._serve`."""

    def __init__(self, size: int, extractor: tuple[str, Callable[[], Any]], data_dir: str | None,
                 budget: Budget) -> None:
        """`extractor`: its name and registered factory (workers register it too)."""
        self.size, self.extractor, self.data_dir, self.budget = size, extractor, data_dir, budget
        self.ctx = multiprocessing.get_context("spawn")  # fork would copy the SQLite handle
        self.workers: list[Worker] = []
        self.queue: deque[Task] = deque()
        self.done: list[Task] = []
        self.lost_starts = 0  # workers dead before their first unit, since one last started

    def submit(self, key: int, units: list[Unit]) -> None:
        """Queue a task; `finished()` returns it under `key`."""
        self.queue.append(Task(key, units))
        self._dispatch()

    def busy(self) -> int:
        """Tasks queued or running."""
        return len(self.queue) + sum(w.task is not None for w in self.workers)

    def finished(self, block: bool) -> list[tuple[int, list[list[Item]]]]:
        """Tasks completed since the last call; with `block`, waits until there is one."""
        while True:
            self._poll(block and not self.done and self.busy() > 0)
            if self.done or not block or not self.busy():
                out = [(t.key, [r or [] for r in t.results]) for t in self.done]
                self.done = []
                return out

    def close(self) -> None:
        """Stop every worker now."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.close()
            worker.process.kill()
            worker.process.join(5)
        self.workers = []

    # --- internals ---------------------------------------------------------------------------

    def _start(self) -> Worker:
        from kg.pipeline.workers import _serve

        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, daemon=True, args=(
            child, *self.extractor, self.data_dir, self.budget.memory_mb))
        process.start()
        child.close()
        worker = Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _dispatch(self) -> None:
        while self.queue:
            idle = next((w for w in self.workers if w.task is None), None)
            if idle is None and len(self.workers) < self.size:
                idle = self._start()
            if idle is None:
                return
            task = self.queue.popleft()
            idle.task, idle.unit, idle.since = task, None, time.monotonic()
            idle.conn.send((task.key, task.units[task.next:], task.next))

    def _poll(self, block: bool) -> None:
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return
        timeout = self._next_deadline(busy) if block else 0.0
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                self._read(worker)
        now = time.monotonic()
        seconds = self.budget.seconds
        for worker in [w for w in self.workers if w.unit is not None]:
            if seconds is not None and now - worker.since > seconds:
                self._fail(worker, f"took longer than {seconds:g} s (the per-file time budget)")
        self._dispatch()

    def _next_deadline(self, busy: list[Worker]) -> float | None:
        if self.budget.seconds is None:
            return None
        started = [w.since for w in busy if w.unit is not None]
        if not started:
            return 1.0  # warming up: look again soon
        return max(0.0, min(started) + self.budget.seconds - time.monotonic()) + 0.05

    def _read(self, worker: Worker) -> None:
        try:
            while worker.task is not None and worker.conn.poll():
                self._message(worker, worker.conn.recv())
        except (EOFError, OSError):
            pass
        if worker.task is not None and not worker.process.is_alive():
            self._fail(worker, death(worker.process))

    def _message(self, worker: Worker, message: tuple[Any, ...]) -> None:
        task = worker.task
        assert task is not None
        if message[0] == "start":
            worker.unit, worker.since, worker.ready = message[1], time.monotonic(), True
            self.lost_starts = 0
            return
        task.results[message[1]] = message[2]
        worker.unit = None
        if message[1] == len(task.units) - 1:
            worker.task = None
            self.done.append(task)

    def _fail(self, worker: Worker, reason: str) -> None:
        """The worker's current unit fails with `reason`; the worker is replaced and the rest
        of its task queued first."""
        task, index = worker.task, worker.unit
        lost_start = not worker.ready and not worker.process.is_alive()
        if lost_start and self.lost_starts:
            # twice in a row before any file: every worker would do the same
            raise ConfigurationError(f"a worker process could not start ({death(worker.process)})")
        worker.process.kill()
        worker.process.join(5)
        with contextlib.suppress(OSError):
            worker.conn.close()
        self.workers.remove(worker)
        if lost_start:  # killed while warming up (an OOM kill): no file to blame, start another
            self.lost_starts += 1
            if task is not None:
                self.queue.appendleft(task)
            return
        if task is None:
            return
        if index is None:  # died between units, or warming up: the first unfinished one
            index = next((i for i, r in enumerate(task.results) if r is None), len(task.units))
        if index < len(task.units):
            task.results[index] = failure(task.units[index], reason)
        task.next = index + 1
        if task.next >= len(task.units):
            self.done.append(task)
        else:
            self.queue.appendleft(task)


def failure(unit: Unit, reason: str) -> list[Item]:
    """What a unit that could not be done sends the writer: one error naming its file."""
    if isinstance(unit, Article):  # named by its file: the file once; else the file and its id
        named = unit.id not in (unit.file, file_key(Path(unit.file)))
        where = f"{unit.file}: {unit.id}" if named else unit.file
        return [ExtractionError(printable(f"{where}: {reason}"))]
    assert isinstance(unit, ToRead)
    path = str(unit.path)
    return [InputError(printable(f"{path}: {reason}")),
            FileRead(unit.key, unit.size, unit.mtime_ns, [], clean=False)]


def death(process: BaseProcess, role: str = "worker") -> str:
    """Why a process is gone: "its worker process was killed by SIGKILL"."""
    code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"its {role} process was killed by {signal.Signals(-code).name}"
    return f"its {role} process exited (status {code})"


def memory_limit(extra_mb: int | None) -> None:
    """Cap this process's address space at its present size plus `extra_mb` (Linux); reading
    or extracting past it raises MemoryError, reported as the file's failure."""
    if extra_mb is None:
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = size + extra_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, OSError, ValueError):
        return
