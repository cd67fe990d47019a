"""The embedded ArcadeDB kept up between `kg` commands, so `kg query` pays the JVM start once.

`ensure_daemon(data_dir)` returns the server already running for this data directory or starts
one (`python -m kg.graphdb.embedded serve --idle-timeout N --state-file F`) in its own session,
so it outlives the command that started it. It is never orphaned:

- its state file `<data_dir>/arcadedb/server.json` names its pid and port; a reader trusts it
  only if that pid is alive and the port answers (a stale file is removed);
- every command that uses it touches `<data_dir>/arcadedb/last-used`; the server itself stops
  once that is older than its idle time (default 600 s, env KG_DB_IDLE), or when its state
  file is gone (the data directory was removed);
- `kg db stop` stops it now; `kg db status` says whether it runs, since when, how idle.

    >>> server = ensure_daemon(Path("kg-data"))     # started or reused
    >>> daemon_status(Path("kg-data")).port
"""

from __future__ import annotations

import fcntl
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from kg.errors import ConfigurationError, StoreError
from kg.graphdb.embedded import (
    DATABASE,
    START_TIMEOUT,
    USERNAME,
    free_port,
    pid_alive,
    private,
    root_password,
)

IDLE_SECONDS = 600.0
STATE = "server.json"
LAST_USED = "last-used"
STOP_TIMEOUT = 60.0


class DaemonStatus(BaseModel):
    """A running embedded server: where it listens, since when, how long it has been idle."""

    pid: int
    port: int
    started: float  # epoch seconds
    idle_timeout: float
    idle: float = 0.0  # seconds since a command last used it
    data_dir: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


def idle_timeout(value: float | None = None) -> float:
    """The idle time: `value`, else env KG_DB_IDLE, else 600 s; ConfigurationError if bad."""
    raw = value if value is not None else os.environ.get("KG_DB_IDLE") or IDLE_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        raise ConfigurationError(f"KG_DB_IDLE {raw!r}: expected seconds, e.g. 600") from None
    if seconds <= 0:
        raise ConfigurationError(f"idle time {raw}: expected more than 0 seconds")
    return seconds


def _root(data_dir: Path) -> Path:
    return (Path(data_dir) / "arcadedb").resolve()


def daemon_status(data_dir: Path) -> DaemonStatus | None:
    """The server running for `data_dir`, or None (a stale state file is removed)."""
    root = _root(data_dir)
    try:
        status = DaemonStatus.model_validate_json((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (pid_alive(status.pid) and _answers(status.port)):
        (root / STATE).unlink(missing_ok=True)
        return None
    used = root / LAST_USED
    since = used.stat().st_mtime if used.exists() else status.started
    return status.model_copy(update={"idle": max(0.0, time.time() - since)})


def ensure_daemon(data_dir: Path, idle: float | None = None) -> DaemonStatus:
    """The running server for `data_dir`, started if there is none; marks it used."""
    root = _root(data_dir)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _start_lock(root):  # two commands at once start one server, not two
        status = daemon_status(data_dir) or _spawn(root, idle_timeout(idle))
    touch(data_dir)
    return status


@contextmanager
def load_lock(data_dir: Path) -> Iterator[None]:
    """Held while the embedded graph is brought up to date with the store: a second command
    at the same time waits for the first, then finds the graph current (two first loads at
    once collided on the load record)."""
    root = _root(data_dir)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _start_lock(root, "load.lock"):
        yield


@contextmanager
def kept_alive(data_dir: Path, status: DaemonStatus) -> Iterator[None]:
    """While the caller works (a long `kg load`), mark the server used every quarter of its
    idle time, so that its idle timer never stops it under a running command."""
    done = threading.Event()

    def beat() -> None:
        while not done.wait(max(0.5, status.idle_timeout / 4)):
            try:
                touch(data_dir)
            except OSError:  # the data directory went away: nothing left to keep
                return

    thread = threading.Thread(target=beat, name="kg-db-keepalive", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        touch(data_dir)  # the idle time counts from the end of the command


def touch(data_dir: Path) -> None:
    """Mark the server used now: its idle time starts again."""
    path = _root(data_dir) / LAST_USED
    path.touch()
    os.utime(path)


def stop_daemon(data_dir: Path) -> DaemonStatus | None:
    """Stop the server for `data_dir` (SIGTERM, then wait); what was running, or None."""
    status = daemon_status(data_dir)
    if status is None:
        return None
    os.kill(status.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while pid_alive(status.pid) and time.monotonic() < deadline:
        _reap(status.pid)
        time.sleep(0.1)
    if pid_alive(status.pid):
        os.kill(status.pid, signal.SIGKILL)
    (_root(data_dir) / STATE).unlink(missing_ok=True)
    return status


def _spawn(root: Path, idle: float) -> DaemonStatus:
    root_password(root)  # created here, before the child reads it
    port = free_port()
    command = [sys.executable, "-m", "kg.graphdb.embedded", "serve",
               "--data-dir", str(root.parent), "--port", str(port),
               "--idle-timeout", str(idle), "--state-file", str(root / STATE)]
    with open(root / "server.log", "ab", opener=private) as log:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    assert proc.stdout is not None
    # A selector, not select.select: a long-lived process (a test session with a JVM inside)
    # may hand out descriptors above FD_SETSIZE (1024), which select() refuses.
    try:
        with selectors.DefaultSelector() as waiting:
            waiting.register(proc.stdout, selectors.EVENT_READ)
            ready = waiting.select(START_TIMEOUT)
        line = proc.stdout.readline() if ready else ""
    except BaseException:  # never leave a server we could not hear from running
        proc.kill()
        proc.wait()
        raise
    proc.stdout.close()
    if not line.startswith("ready "):
        proc.kill()
        proc.wait()
        raise StoreError(f"{root}: the embedded ArcadeDB did not start within "
                         f"{START_TIMEOUT:.0f}s (see {root / 'server.log'})")
    status = daemon_status(root.parent)
    if status is None:
        raise StoreError(f"{root}: the embedded ArcadeDB started but wrote no {STATE}")
    return status


def write_state(path: Path, port: int, idle: float) -> None:
    """The server's own record of itself, written once it accepts connections."""
    state = DaemonStatus(pid=os.getpid(), port=port, started=time.time(), idle_timeout=idle,
                         data_dir=str(path.parent.parent))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(state.model_dump_json(), encoding="utf-8")
    tmp.replace(path)
    (path.parent / LAST_USED).touch()


def keep_serving(state_file: Path, idle: float) -> bool:
    """The server's idle check: False once unused for `idle` seconds or its state file is
    gone (stopped, or the data directory removed)."""
    try:
        last = (state_file.parent / LAST_USED).stat().st_mtime
        state_file.stat()
    except OSError:
        return False
    return time.time() - last < idle


def server_login(data_dir: Path) -> tuple[str, str, str]:
    """(username, password, database) of the embedded server for `data_dir`."""
    return USERNAME, root_password(_root(data_dir)), DATABASE


@contextmanager
def _start_lock(root: Path, name: str = "start.lock") -> Iterator[None]:
    with open(root / name, "w", opener=private) as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _reap(pid: int) -> None:
    """Collect the exit status if the server is our own child (this process started it), so
    that it does not linger as a zombie that looks alive."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False
