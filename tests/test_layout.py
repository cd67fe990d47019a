"""The layout docs/design.md draws exists: one home for each concept, found from file names."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT / "docs" / "design.md"


def named_paths(text: str) -> set[str]:
    """Every `kg/...` file or folder that a Markdown text names."""
    return set(re.findall(r"kg/[a-z_/]+(?:\.py|\.yaml|/)", text))


def test_every_module_the_design_names_exists() -> None:
    paths = named_paths(DESIGN.read_text("utf-8"))
    assert len(paths) > 30
    assert sorted(p for p in paths if not (ROOT / p).exists()) == []


def test_the_path_finder_sees_a_missing_module() -> None:
    found = named_paths("see `kg/nowhere/gone.py` and kg/store/")
    assert found == {"kg/nowhere/gone.py", "kg/store/"}


def test_no_module_is_named_by_a_prefix_instead_of_a_package() -> None:
    prefixed = [p.name for p in (ROOT / "kg").rglob("*.py")
                if re.match(r"(store|neo4j|graphdb|pipeline|dates?)_", p.name)]
    assert prefixed == []


def test_a_newcomers_three_questions_are_answered_by_file_names() -> None:
    assert (ROOT / "kg/dates/text.py").is_file()  # where are dates parsed
    assert (ROOT / "kg/graphdb/statements.py").is_file()  # where is the loader's Cypher
    assert (ROOT / "kg/readers/detect.py").is_file()  # where is a new reader registered


def test_the_library_has_a_public_face() -> None:
    for name in ("__init__.py", "__main__.py", "py.typed"):
        assert (ROOT / "kg" / name).is_file(), name
