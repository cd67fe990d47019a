"""The embedded ArcadeDB: started on demand with no NEO4J_URI, reused within a process.
(Killed in the middle of a load: tests/test_load_faults.py, on both databases.)"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import build_store, supply_chain_facts

from kg.graphdb.embedded import START_TIMEOUT, ensure_server

pytestmark = pytest.mark.bolt
ROOT = Path(__file__).resolve().parent.parent


def test_server_is_reused_and_its_password_is_private(bolt_server: Any) -> None:
    again = ensure_server(bolt_server.root.parent)
    assert again is bolt_server
    assert again.uri.startswith("bolt://127.0.0.1:")
    mode = stat.S_IMODE((bolt_server.root / "root-password").stat().st_mode)
    assert mode == 0o600
    assert bolt_server.password not in repr(bolt_server)


def no_neo4j_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}


def test_kg_chain_with_no_server_configured(tmp_path: Path) -> None:
    """A store, no NEO4J_URI, and `kg chain` answers, from the store: no server started."""
    data = build_store(tmp_path / "data", supply_chain_facts())
    result = subprocess.run(
        [sys.executable, "-m", "kg", "chain", "Mistral AI", "--depth", "1",
         "--data-dir", str(data)],
        capture_output=True, text=True, env=no_neo4j_env(), timeout=START_TIMEOUT, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "Microsoft  1      cloud         Mistral AI > Microsoft  2         "
        "Mistral AI trains its models on Microsoft Azure.  2025-03-01",
        "NVIDIA     1      compute       Mistral AI > NVIDIA     1         "
        "Mistral AI achète ses GPU à NVIDIA.               2025-03-01",
    ]
    assert not (data / "arcadedb").exists()
