"""kg/__init__.py, kg/__main__.py and kg/py.typed: the library's public face.

Every name in `kg.__all__` resolves to the object in its home module (and `kg.graphdb`'s are
not shadowed by its submodules);
the lazy imports keep `import kg.schema` and `kg --help` free of networkx and the neo4j driver;
`python -m kg` is the CLI; the version is the installed package's.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path
from types import ModuleType

import pytest

import kg
import kg.graphdb

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("networkx", "neo4j", "numpy", "pyvis", "yaml")


def test_every_name_in_all_resolves_to_its_home() -> None:
    names = kg.__all__
    assert len(names) == len(set(names))
    for name in names:
        value = getattr(kg, name)
        assert value is not None, name
        if name != "__version__":
            home = importlib.import_module(kg._MODULE_OF[name])
            assert getattr(home, name) is value, name
    assert set(names) - {"__version__"} == set(kg._MODULE_OF)
    assert set(names) <= set(dir(kg))


def test_graphdb_names_are_functions_and_classes_not_submodules() -> None:
    # `load` and `library` are also submodule names: importing those submodules must not
    # shadow the functions the package exports.
    import kg.graphdb.library
    import kg.graphdb.load

    assert len(kg.graphdb.__all__) == len(set(kg.graphdb.__all__))
    for name in kg.graphdb.__all__:
        value = getattr(kg.graphdb, name)
        assert not isinstance(value, ModuleType), name
        assert isinstance(value, int) or value.__module__.startswith("kg.graphdb."), name
    assert kg.graphdb.load.__module__ == "kg.graphdb.load"
    assert kg.graphdb.library.__name__ == "library"


def test_the_entry_points_the_brief_names_are_exported() -> None:
    wanted = {"ingest", "Store", "read_file", "iter_files", "extract_article", "build_graph",
              "subgraph", "write_html", "load", "run_query", "chain", "connect", "KgError",
              "InputError", "StoreError", "ConfigurationError", "ExtractionError",
              "__version__"}
    assert wanted <= set(kg.__all__)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        kg.nothing_here  # noqa: B018
    with pytest.raises(AttributeError, match="kg.graphdb"):
        kg.graphdb.nothing_here  # noqa: B018
    with pytest.raises(ImportError):
        exec("from kg import nothing_here", {})


def test_version_is_the_installed_metadata_and_pyproject() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert declared["name"] == kg.DISTRIBUTION
    assert kg.__version__ == metadata.version(kg.DISTRIBUTION) == declared["version"]


def _imported_after(code: str) -> set[str]:
    """The heavy top-level modules loaded by running `code` in a fresh interpreter."""
    probe = (f"import sys\n{code}\n"
             f"print('HEAVY:', *(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.rpartition("HEAVY:")[2].split())


def test_light_imports_stay_light() -> None:
    assert _imported_after("import kg, kg.schema, kg.errors") == set()
    assert _imported_after("import kg\nkg.__version__") == set()
    cli_help = ("from kg.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n"
                "    pass")
    assert _imported_after(cli_help) == set()
    # ...and the probe does see a heavy import when there is one:
    assert "networkx" in _imported_after("import kg\nkg.build_graph")
    assert "neo4j" in _imported_after("from kg import connect")


def test_python_dash_m_kg_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True,
                         text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"kg, version {kg.__version__}\n"
    usage = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True,
                           text=True, timeout=120, cwd=ROOT)
    assert re.match(r"Usage: kg \[OPTIONS\] \[?COMMAND\]? ", usage.stdout)  # click 8.4 / 8.5


def test_py_typed_marker_is_in_the_package() -> None:
    assert resources.files("kg").joinpath("py.typed").is_file()
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]
    assert wheel["build"]["targets"]["wheel"]["packages"] == ["kg"]  # ships all of kg/
