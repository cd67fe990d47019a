"""The one loader of packaged YAML data (kg/data.py): every file has a schema and passes it;
an undeclared key, a missing key or a wrong type stops the load with one line naming the
file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import data
from kg.errors import ConfigurationError

KG_DIR = Path(data.__file__).parent
PACKAGED = sorted(KG_DIR.rglob("*.yaml"))


def test_every_packaged_yaml_file_has_a_schema() -> None:
    assert len(PACKAGED) >= 10
    for path in PACKAGED:
        assert data.schema_for(path) is not None


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.relative_to(KG_DIR).as_posix())
def test_every_packaged_yaml_file_validates(path: Path) -> None:
    assert data.load_yaml(path)


def _gazetteer(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    path = folder / "firms.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ConfigurationError) as info:
        data.load_yaml(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_an_unknown_key_is_named_with_its_place(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "kind: Company\nentries:\n- {name: Nexa, alias: [Nexa AI]}\n")
    assert _error(path).endswith("unknown key 'entries.0.alias'")


def test_an_unknown_top_level_key_is_named(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "kind: Company\nentires: []\n")
    message = _error(path)
    assert "unknown key 'entires'" in message
    assert "missing key 'entries'" not in message  # the first problem only, and a count
    assert "(and 1 more)" in message


def test_a_yaml_boolean_where_a_word_belongs_is_caught(tmp_path: Path) -> None:
    # unquoted `On` is YAML 1.1 for true: a word list silently losing "On"
    path = _gazetteer(tmp_path, "kind: Company\nentries:\n- {name: Nexa, aliases: [On]}\n")
    assert "'entries.0.aliases.0'" in _error(path)


def test_a_bad_kind_or_empty_name_is_refused(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "kind: Startup\nentries: []\n")
    assert "'kind'" in _error(path)
    other = tmp_path / "g2" / "gazetteer"
    other.mkdir(parents=True)
    (other / "x.yaml").write_text("kind: Company\nentries:\n- {name: ''}\n", encoding="utf-8")
    assert "'entries.0.name'" in _error(other / "x.yaml")


def test_broken_yaml_is_one_line(tmp_path: Path) -> None:
    path = _gazetteer(tmp_path, "kind: Company\nentries: [\n  - {name: Nexa\n")
    assert "cannot read data file" in _error(path)


def test_a_file_without_a_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stray.yaml"
    path.write_text("words: [a]\n", encoding="utf-8")
    assert "no schema" in _error(path)


def test_loads_are_cached_and_typed() -> None:
    path = data.DATA / "gazetteer" / "companies.yaml"
    assert data.load_yaml(path) is data.load_yaml(path)
    model = data.load_model(path, data.GazetteerFile)
    assert model.kind == "Company"
    assert model.entries[0].name
    with pytest.raises(ConfigurationError, match="not Patterns"):
        data.load_model(path, data.Patterns)
