"""Cypher with no server installed: ArcadeDB (PyPI `arcadedb-embedded`) speaking Bolt on loopback.

`ensure_server(data_dir)` starts it inside this process on first use (JPype can start one JVM per
process, never restart it, so the server lives until the process exits) and returns where to
connect. Its files live in `<data_dir>/arcadedb/`; the generated root password is kept beside them
in a file only the owner can read.

`python -m kg.embedded serve --data-dir D [--port P]` runs the same server in the foreground, for
Neo4j tools (cypher-shell, Browser-style clients) or for tests that need to kill it.
"""

from __future__ import annotations

import argparse
import atexit
import os
import secrets
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
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
    root: Path
    port: int
    password: str = field(repr=False)
    handle: Any = field(default=None, repr=False)
    username: str = USERNAME
    database: str = DATABASE

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.stop()
            self.handle = None


def ensure_server(data_dir: Path, port: int | None = None) -> EmbeddedServer:
    """The running embedded server for this data directory, started if needed."""
    root = (Path(data_dir) / "arcadedb").resolve()
    with _lock:
        server = _servers.get(root)
        if server is None or server.handle is None:
            server = _start(root, port or free_port())
            _servers[root] = server
            atexit.register(server.stop)
        return server


def root_password(root: Path) -> str:
    """Generated once per data directory: the server only listens on loopback, but other local
    users should still not be able to read or change the graph."""
    path = root / "root-password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    root.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password)
    return password


def free_port() -> int:
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
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"{root}: cannot start the embedded ArcadeDB ({reason}); is another kg process "
            "using this data directory? Set NEO4J_URI to use a running server instead"
        ) from exc
    wait_for_port(port, START_TIMEOUT)
    return EmbeddedServer(root=root, port=port, password=password, handle=handle)


def wait_for_port(port: int, timeout: float, host: str = "127.0.0.1") -> None:
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
    """ArcadeDB logs every start-up step at INFO on stderr, which would bury `kg` output:
    keep only SEVERE from the engine and WARNING from its HTTP stack."""
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
    jstring = jpype.JClass("java.lang.String")
    jul_root = jpype.JClass("java.util.logging.Logger").getLogger("")
    jul_root.setLevel(level.WARNING)

    @jpype.JImplements("com.arcadedb.log.Logger")
    class SevereOnly:
        @jpype.JOverride
        def log(self, requester: Any, lvl: Any, message: Any, exc: Any, ctx: Any, *args: Any):
            if lvl.intValue() >= level.SEVERE.intValue():
                text = str(message)
                try:
                    text = str(jstring.format(message, *[a for a in args if a is not None]))
                except Exception:  # a bad format string must not break the engine's thread
                    pass
                print(f"arcadedb: {text}", file=sys.stderr)

        @jpype.JOverride
        def isLoggable(self, requester: Any, lvl: Any) -> bool:  # noqa: N802 (Java name)
            return bool(lvl.intValue() >= level.SEVERE.intValue())

        @jpype.JOverride
        def flush(self) -> None:
            return None

    jpype.JClass("com.arcadedb.log.LogManager").instance().setLogger(SevereOnly())


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
    parser = argparse.ArgumentParser(prog="python -m kg.embedded")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the embedded Bolt server in the foreground")
    serve.add_argument("--data-dir", type=Path, default=Path("kg-data"))
    serve.add_argument("--port", type=int, default=7687)
    args = parser.parse_args(argv)
    try:
        server = ensure_server(args.data_dir, args.port)
    except StoreError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    # The password is in the file named here, never on the terminal.
    print(f"ready {server.uri} user={server.username} database={server.database} "
          f"password-file={server.root / 'root-password'}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
