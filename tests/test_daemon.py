"""`kg db start|stop|status` and the embedded server kept up between commands: reused by the
next command, stopped by `kg db stop`, by its idle timer, or when its data directory goes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import build_store, supply_chain_facts

from kg.cli import cli
from kg.graphdb.daemon import daemon_status, stop_daemon

pytestmark = pytest.mark.bolt


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.waitpid(pid, os.WNOHANG)  # our own child when CliRunner started it
        except ChildProcessError:
            pass
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for key in [k for k in os.environ if k.startswith("NEO4J_")]:
        monkeypatch.delenv(key)
    data = build_store(tmp_path / "data", supply_chain_facts())
    yield data
    stop_daemon(data)  # never left running, whatever the test did


@pytest.fixture
def many_fds() -> Any:
    """Over 1024 descriptors open, as in a long test session with a JVM in it: select()
    cannot wait on a descriptor above FD_SETSIZE, the server start must not use it."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2048 <= hard or hard == resource.RLIM_INFINITY:
        resource.setrlimit(resource.RLIMIT_NOFILE, (2048, hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    yield held
    for fd in held:
        os.close(fd)


def test_start_query_reuse_status_stop(data: Path, many_fds: Any) -> None:
    assert invoke("db", "status", "--data-dir", data).output == "not running\n"
    assert invoke("db", "status", "--data-dir", data, "--format", "csv").output == (
        "pid,uri,port,started,idle,idle_timeout,data_dir\n")
    assert invoke("db", "status", "--data-dir", data, "--format", "jsonl").output == ""
    assert invoke("db", "status", "--data-dir", data, "--format", "json").output == "null\n"
    started = invoke("db", "start", "--data-dir", data, "--format", "json")
    assert started.exit_code == 0, started.output
    pid = json.loads(started.output)["pid"]
    assert json.loads(started.output)["idle_timeout"] == 600.0
    for _ in range(2):  # both queries go to the same server: no new JVM
        result = invoke("query", "investors_of", "--param", "entity=OpenAI", "--data-dir", data,
                        "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)[1] == {"investor": "SoftBank", "other_holdings": []}
        status = daemon_status(data)
        assert status is not None and status.pid == pid and status.idle < 60
    again = invoke("db", "start", "--data-dir", data, "--format", "json")
    assert json.loads(again.output)["pid"] == pid
    # store and graph private (issue 15): before, server.log and the lock files were 0644
    loose = [f"{p}: {stat.S_IMODE(p.stat().st_mode):o}" for p in data.rglob("*")
             if stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert not loose, loose
    row = json.loads(invoke("db", "status", "--data-dir", data, "--format", "jsonl").output)
    assert (row["pid"], row["uri"], row["data_dir"]) == (pid, status.uri, str(data.resolve()))
    table = invoke("db", "status", "--data-dir", data).output.splitlines()
    assert table[:2] == [f"running  pid {pid}", f"uri      {status.uri}"]
    assert invoke("db", "stop", "--data-dir", data).output == f"stopped pid {pid}\n"
    assert gone(pid, 5)
    assert not (data / "arcadedb" / "server.json").exists()
    assert invoke("db", "stop", "--data-dir", data).output == "not running\n"


def test_idle_timer_and_removed_data_dir_stop_it(data: Path, tmp_path: Path) -> None:
    started = invoke("db", "start", "--data-dir", data, "--idle", "2", "--format", "json")
    assert started.exit_code == 0, started.output
    pid = json.loads(started.output)["pid"]
    assert gone(pid, 90), "the idle server did not stop"
    assert daemon_status(data) is None
    assert not (data / "arcadedb" / "server.json").exists()
    # A second server, whose data directory is then deleted, stops too.
    other = tmp_path / "other"
    shutil.copytree(data, other, ignore=shutil.ignore_patterns("arcadedb"))
    started = invoke("db", "start", "--data-dir", other, "--format", "json")
    pid = json.loads(started.output)["pid"]
    shutil.rmtree(other)
    assert gone(pid, 90), "the server outlived its data directory"


def test_stale_state_file_is_ignored(data: Path) -> None:
    state = data / "arcadedb" / "server.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"pid": 2**22 + 12345, "port": 1, "started": 0.0,
                                 "idle_timeout": 600.0, "data_dir": str(data)}))
    assert daemon_status(data) is None
    assert not state.exists()
    assert invoke("db", "status", "--data-dir", data).output == "not running\n"


def test_a_long_command_keeps_the_server_up(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `kg load` longer than the idle time must not have its server stopped under it."""
    from kg.graphdb.connection import ConnectionSettings, connect

    monkeypatch.setenv("KG_DB_IDLE", "2")
    with connect(ConnectionSettings(), data) as conn:
        pid = daemon_status(data).pid  # type: ignore[union-attr]
        time.sleep(6)  # three idle times
        assert conn.run("RETURN 1 AS ok") == [{"ok": 1}]
    assert gone(pid, 90)  # and once the command is over, the idle timer stops it


def test_queries_at_once_share_the_graph(data: Path) -> None:
    # Before, two first `kg query` at once both loaded the graph and one failed with a
    # duplicate-key error on the load record; now the second waits for the first's load.
    import subprocess
    import sys

    command = [sys.executable, "-m", "kg", "query", "MATCH (n:Entity) RETURN count(n) AS n",
               "--data-dir", str(data), "--format", "json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env) for _ in range(3)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert {out for out, _ in outputs} == {'[\n  {\n    "n": 11\n  }\n]\n'}


def test_a_write_through_kg_query_makes_the_next_load_full(data: Path) -> None:
    """On the embedded database kept between commands: after `kg query --write`, `kg load` did
    nothing ("unchanged") and the graph kept the write."""
    wrote = invoke("query", "MATCH (d:Deal) SET d.name = 'tampered' RETURN count(d) AS n",
                   "--write", "--data-dir", data, "--format", "json")
    assert wrote.exit_code == 0, wrote.output
    assert json.loads(wrote.output) == [{"n": 2}]
    loaded = invoke("load", "--data-dir", data, "--format", "json")
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.stdout)["mode"] == "full"
    names = invoke("query", "MATCH (d:Deal) RETURN d.name AS name", "--data-dir", data,
                   "--format", "json")
    assert names.exit_code == 0 and "tampered" not in names.output
    assert json.loads(invoke("load", "--data-dir", data, "--format", "json").stdout)["mode"] == (
        "unchanged")
