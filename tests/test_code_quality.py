"""House style that a machine can check: ruff over the tree, mypy over the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_is_clean_on_the_library() -> None:
    result = run("mypy", "kg")
    assert result.returncode == 0, result.stdout[-3000:]


MAX_MODULE_LINES = 400  # docs/design.md: a module a reader can hold in mind


def oversized(root: Path, limit: int = MAX_MODULE_LINES) -> list[str]:
    """The library's modules longer than `limit` lines, with their length."""
    sizes = ((p, len(p.read_text("utf-8").splitlines())) for p in sorted(root.rglob("*.py")))
    return [f"{p.relative_to(root.parent)}: {n} lines" for p, n in sizes if n > limit]


def test_no_library_module_is_over_400_lines() -> None:
    assert oversized(ROOT / "kg") == []


def test_the_size_check_finds_a_long_module(tmp_path: Path) -> None:
    package = tmp_path / "kg"
    package.mkdir()
    (package / "short.py").write_text("x = 1\n" * 400, "utf-8")
    (package / "long.py").write_text("x = 1\n" * 401, "utf-8")
    assert oversized(package) == ["kg/long.py: 401 lines"]
