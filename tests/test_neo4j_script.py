"""scripts/neo4j.sh, the test and benchmark Neo4j: a server whose owner is gone stops by itself."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import start_neo4j, stop_neo4j

pytestmark = pytest.mark.bolt


def running(pid: int) -> bool:
    """Whether `pid` is a live process (not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


def test_the_server_stops_once_its_owner_process_is_gone(tmp_path: Path) -> None:
    owner = subprocess.Popen(["sleep", "600"])
    server = start_neo4j(tmp_path / "neo4j", exit_with=owner.pid)
    try:
        launcher = int((tmp_path / "neo4j" / "neo4j.pid").read_text())
        time.sleep(1.5)  # the watch polls every 0.5 s: a live owner keeps it up
        assert running(launcher)
        owner.kill()  # like a test run killed with SIGKILL: no teardown runs
        owner.wait()
        deadline = time.monotonic() + 120
        while running(launcher) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not running(launcher)
        log = (tmp_path / "neo4j" / "logs" / "launcher.log").read_text()
        assert f"owner process {owner.pid} ended" in log
    finally:
        owner.kill()
        stop_neo4j(server)


def test_the_running_check_sees_this_process_and_not_an_ended_one() -> None:
    done = subprocess.run(["true"], check=True)
    assert done.returncode == 0
    assert running(os.getpid())
    assert not running(2**22 + 12345)
