"""Cypher with no server installed: ArcadeDB (PyPI `arcadedb-embedded`) speaking Bolt on loopback.

`ensure_server(data_dir)` starts it on first use in a child process (`python -m
kg.graphdb.embedded serve`), which this process stops when it exits, and returns where to
connect. A child rather than a JVM inside this process: the JVM's threads then never wait on our
GIL (loads run 2-3x faster), its log goes to `<data_dir>/arcadedb/server.log` instead of the
terminal, and a crash of either side cannot take the other down. `start_in_process` is the same
server in this process (JPype starts one JVM per process and cannot restart it), for `serve` and
the test fixture.
Files live in `<data_dir>/arcadedb/`; the generated root password is kept beside them in a file
only the owner can read.

`python -m kg.graphdb.embedded serve --data-dir D [--port P]` runs the same server in the
foreground, for Neo4j tools (cypher-shell, Browser-style clients) or for tests that need to kill it.
"""

from __future__ import annotations

import argparse
import atexit
import os
import secrets
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import StoreError

DATABASE = "kg"
USERNAME = "root"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
START_TIMEOUT = 180.0  # a cold JVM on a busy 2-core machine can take a minute

_servers: dict[Path, EmbeddedServer] = {}
_lock = threading.Lock()


@dataclass
class EmbeddedServer:
    """A running embedded server: its files, Bolt port and login, and what to stop it by."""

    root: Path
    port: int
    password: str = field(repr=False)
    handle: Any = field(default=None, repr=False)  # in this process
    process: subprocess.Popen[str] | None = field(default=None, repr=False)  # or a child
    username: str = USERNAME
    database: str = DATABASE

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.handle is not None or (self.process is not None and
                                           self.process.poll() is None)

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.stop()
            self.handle = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: the JVM's shutdown hooks close the database
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def ensure_server(data_dir: Path, port: int | None = None) -> EmbeddedServer:
    """The running embedded server for this data directory, started (as a child) if needed."""
    return _running(data_dir, port, _spawn)


def start_in_process(data_dir: Path, port: int | None = None) -> EmbeddedServer:
    """The same server with its JVM in this process (for `serve` and the test fixture)."""
    return _running(data_dir, port, _start)


def _running(data_dir: Path, port: int | None,
             start: Callable[[Path, int], EmbeddedServer]) -> EmbeddedServer:
    root = (Path(data_dir) / "arcadedb").resolve()
    with _lock:
        server = _servers.get(root)
        if server is None or not server.alive():
            server = start(root, port or free_port())
            _servers[root] = server
            atexit.register(server.stop)
        return server


def _spawn(root: Path, port: int) -> EmbeddedServer:
    password = root_password(root)
    command = [sys.executable, "-m", "kg.graphdb.embedded", "serve", "--data-dir", str(root.parent),
               "--port", str(port), "--exit-with", str(os.getpid())]
    with open(root / "server.log", "ab", opener=private) as log:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True,
                                stdin=subprocess.DEVNULL)
    line = _first_line(proc, START_TIMEOUT)
    if not line.startswith("ready "):
        proc.kill()
        proc.wait()
        raise StoreError(_child_error(root) or f"{root}: the embedded ArcadeDB did not start "
                         f"within {START_TIMEOUT:.0f}s (see {root / 'server.log'})")
    return EmbeddedServer(root=root, port=port, password=password, process=proc)


def _first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    # A selector, not select.select: a long-lived caller (a test session with a JVM inside) may
    # hold descriptors above FD_SETSIZE (1024), which select() refuses.
    with selectors.DefaultSelector() as waiting:
        waiting.register(proc.stdout, selectors.EVENT_READ)
        ready = waiting.select(timeout)
    return proc.stdout.readline() if ready else ""


def _child_error(root: Path) -> str | None:
    """The child's own one-line `Error: ...` (the engine's log lines may run into it)."""
    text = (root / "server.log").read_text(encoding="utf-8", errors="replace")
    at = text.rfind("Error: ")
    return text[at + len("Error: "):].splitlines()[0][:400] if at >= 0 else None


def root_password(root: Path) -> str:
    """Generated once per data directory: the server only listens on loopback, but other local
    users should still not be able to read or change the graph."""
    path = root / "root-password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password)
    return password


def private(path: str, flags: int) -> int:
    """`open(..., opener=private)`: a file this module creates is the user's alone (0600), like
    the store and the password file."""
    return os.open(path, flags, 0o600)


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(root: Path, port: int) -> EmbeddedServer:
    password = root_password(root)
    try:
        from arcadedb_embedded.server import ArcadeDBServer

        _quiet_java_logs()
        handle = ArcadeDBServer(
            root_path=str(root),
            root_password=password,
            config={
                "host": "127.0.0.1",
                "server_plugins": BOLT_PLUGIN,
                "bolt_port": port,
                "http_port": free_port(),
                "server_defaultDatabases": f"{DATABASE}[{USERNAME}]",
            },
        )
        handle.start()
    except Exception as exc:  # the JVM and the engine raise many kinds; all mean "not started"
        reason = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"{root}: cannot start the embedded ArcadeDB ({reason}); is another kg process "
            "using this data directory? Set NEO4J_URI to use a running server instead"
        ) from exc
    wait_for_port(port, START_TIMEOUT)
    return EmbeddedServer(root=root, port=port, password=password, handle=handle)


def wait_for_port(port: int, timeout: float, host: str = "127.0.0.1") -> None:
    """Return once something accepts connections on the port; StoreError after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.2)
    raise StoreError(
        f"{host}:{port}: embedded ArcadeDB did not open its Bolt port in {timeout:.0f}s"
    )


def _quiet_java_logs() -> None:
    """Start the JVM with its start-up warning ("Using incubator modules") kept off the
    terminal unless the start fails, and the HTTP stack's INFO lines muted."""
    import jpype
    from arcadedb_embedded.jvm import start_jvm

    failure: Exception | None = None
    with _stderr_to_file() as captured:
        try:
            start_jvm()
        except Exception as exc:  # shown below, once stderr is back
            failure, said = exc, captured.read_text(encoding="utf-8", errors="replace")
    if failure is not None:
        sys.stderr.write(said)
        raise failure
    level = jpype.JClass("java.util.logging.Level")
    jpype.JClass("java.util.logging.Logger").getLogger("").setLevel(level.WARNING)


@contextmanager
def _stderr_to_file() -> Iterator[Path]:
    """The JVM writes a start-up warning straight to file descriptor 2 ("Using incubator
    modules"); park it in a file, which the caller shows only if the start fails."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jvm-stderr.txt"
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            with open(path, "w", encoding="utf-8") as fh:
                os.dup2(fh.fileno(), 2)
                yield path
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.graphdb.embedded serve ...`: run the server until stopped; exit status."""
    parser = argparse.ArgumentParser(prog="python -m kg.graphdb.embedded")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the embedded Bolt server in the foreground")
    serve.add_argument("--data-dir", type=Path, default=Path("kg-data"))
    serve.add_argument("--port", type=int, default=7687)
    serve.add_argument("--exit-with", type=int, default=None, metavar="PID",
                       help="stop when this process is gone")
    serve.add_argument("--state-file", type=Path, default=None,
                       help="write pid and port here once ready; stop when it is removed")
    serve.add_argument("--idle-timeout", type=float, default=None, metavar="SECONDS",
                       help="with --state-file: stop after this long unused (kg.graphdb.daemon)")
    args = parser.parse_args(argv)
    data_dir = args.data_dir.resolve()
    # The engine writes `log/` relative to the working directory: keep it with the data.
    os.umask(0o077)  # the graph's files are the user's alone, like the store and the password
    (data_dir / "arcadedb").mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chdir(data_dir / "arcadedb")
    try:
        server = start_in_process(data_dir, args.port)
    except StoreError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # atexit then stops the server
    if args.state_file is not None:
        from kg.graphdb.daemon import idle_timeout, write_state

        write_state(args.state_file.resolve(), args.port, idle_timeout(args.idle_timeout))
    # The password is in the file named here, never on the terminal.
    print(f"ready {server.uri} user={server.username} database={server.database} "
          f"password-file={server.root / 'root-password'}", flush=True)
    if args.state_file is not None:
        _stdout_to_devnull()
    try:
        while _keep_serving(args):
            time.sleep(0.5)
    except (KeyboardInterrupt, SystemExit):
        pass
    server.stop()
    if args.state_file is not None:
        _forget_state(args.state_file)
    leave_without_finalizing(0)
    return 0  # pragma: no cover


def _stdout_to_devnull() -> None:
    """A server kept up between commands (kg.graphdb.daemon) stops writing to the starter's
    pipe, which closes when the starting command exits."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def _keep_serving(args: argparse.Namespace) -> bool:
    if args.exit_with is not None and not pid_alive(args.exit_with):
        return False
    if args.state_file is None:
        return True
    from kg.graphdb.daemon import idle_timeout, keep_serving

    return keep_serving(args.state_file.resolve(), idle_timeout(args.idle_timeout))


def _forget_state(state_file: Path) -> None:
    """Remove the state file if it is still this server's."""
    import json

    try:
        if json.loads(state_file.read_text(encoding="utf-8")).get("pid") == os.getpid():
            state_file.unlink()
    except (OSError, ValueError):
        pass


def leave_without_finalizing(status: int) -> None:
    """Exit now, once the server is stopped and output flushed: JPype's JVM can crash
    (SIGSEGV) while Python finalises, which would turn a clean stop into exit status 139."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (it may belong to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


if __name__ == "__main__":
    sys.exit(main())
