"""kg.render: tables aligned by display width, JSON, JSON Lines and CSV; expected text worked out
by hand (a CJK character takes two terminal columns)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j.time import Date

from kg.errors import ConfigurationError
from kg.render import (
    FORMATS,
    cell,
    clip,
    display_width,
    pad,
    plain,
    render,
    render_text,
    table,
)
from kg.schema import EntityKind

ROWS: list[dict[str, Any]] = [
    {"name": "智谱AI", "kind": "Company", "deals": 3},
    {"name": "Mistral AI", "kind": "Company", "deals": 12},
    {"name": "欧盟委员会", "kind": "Regulator", "deals": None},
]


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("Mistral AI") == 10
    assert display_width("智谱AI") == 6  # 2 + 2 + 1 + 1
    assert display_width("欧盟委员会") == 10
    assert display_width("ＡＢ") == 4  # full-width Latin
    assert display_width("e\u0301") == 1  # e + combining acute accent
    assert display_width("Autorité") == 8  # precomposed é is one column


def test_pad_and_clip_by_display_width() -> None:
    assert pad("智谱", 6) == "智谱  "
    assert pad("toolong", 3) == "toolong"
    assert clip("abcdef", 4) == "abc…"
    assert clip("智谱清言模型", 7) == "智谱清…"  # 6 columns of text + "…"
    assert clip("智谱清言模型", 12) == "智谱清言模型"
    assert clip("x" * 100, None) == "x" * 100


def test_table_aligns_chinese_names() -> None:
    assert table(ROWS, ["name", "kind", "deals"]).splitlines() == [
        "name        kind       deals",
        "----------  ---------  -----",
        "智谱AI      Company    3",
        "Mistral AI  Company    12",
        "欧盟委员会  Regulator",
    ]
    # every line puts `kind` at the same terminal column (name is 10 wide, then 2 spaces)
    lines = table(ROWS, ["name", "kind"]).splitlines()
    del lines[1]  # the dashes
    kinds = ["kind", "Company", "Company", "Regulator"]
    assert [display_width(line[: line.index(k)]) for line, k in zip(lines, kinds, strict=True)
            ] == [12] * 4


def test_table_without_header_and_empty() -> None:
    pairs = [{"k": "articles", "v": 2}, {"k": "  PARTNERS_WITH", "v": 2}]
    assert table(pairs, ["k", "v"], header=False) == "articles         2\n  PARTNERS_WITH  2"
    assert table([], ["k"]) == "(no rows)"
    assert table([], ["k"], empty="nothing") == "nothing"


def test_table_cuts_long_cells_and_joins_lists() -> None:
    rows = [{"path": ["Mistral AI", "NVIDIA", "TSMC"], "tags": ["a", "b"], "note": "x" * 70}]
    text = table(rows, ["path", "tags", "note"], joiners={"path": " > "})
    assert text.splitlines()[2] == "Mistral AI > NVIDIA > TSMC  a, b  " + "x" * 59 + "…"


def test_json_keeps_types_and_unicode() -> None:
    rows = [{"name": "智谱AI", "when": Date(2025, 2, 17), "path": ["a", "b"]}]
    text = render_text(rows, fmt="json")
    assert "智谱AI" in text  # not \\u escapes
    assert json.loads(text) == [{"name": "智谱AI", "when": "2025-02-17", "path": ["a", "b"]}]
    assert render_text([], fmt="json") == "[]\n"


def test_jsonl_one_object_per_line_in_column_order() -> None:
    text = render_text(ROWS, ["deals", "name"], "jsonl")
    assert text.splitlines() == [
        '{"deals": 3, "name": "智谱AI"}',
        '{"deals": 12, "name": "Mistral AI"}',
        '{"deals": null, "name": "欧盟委员会"}',
    ]


def test_jsonl_is_written_as_rows_come() -> None:
    out = io.StringIO()
    seen: list[str] = []

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(3):
            seen.append(out.getvalue())
            yield {"i": i}

    render(rows(), fmt="jsonl", stream=out)
    assert seen == ["", '{"i": 0}\n', '{"i": 0}\n{"i": 1}\n']


def test_csv_quotes_and_reads_back() -> None:
    rows: list[dict[str, Any]] = [{"name": 'Say "hi", Inc.', "aliases": ["A, B", "C"], "n": 1},
            {"name": "智谱AI", "aliases": [], "n": None}]
    text = render_text(rows, ["name", "aliases", "n"], "csv")
    assert text == ('name,aliases,n\n"Say ""hi"", Inc.","A, B, C",1\n'
                    "智谱AI,,\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "aliases", "n"], ['Say "hi", Inc.', "A, B, C", "1"], ["智谱AI", "", ""]]


def test_render_writes_to_the_stream() -> None:
    out = io.StringIO()
    render(ROWS[:1], ["name"], "table", stream=out)
    assert out.getvalue() == "name\n------\n智谱AI\n"


def test_unknown_format_is_one_line_error() -> None:
    assert FORMATS == ("table", "json", "jsonl", "csv")
    with pytest.raises(ConfigurationError, match="format 'xml': expected one of table, json"):
        render_text(ROWS, fmt="xml")


def test_plain_and_cell() -> None:
    assert plain({"d": dt.date(2024, 6, 1), "k": EntityKind.COMPANY, "t": (1, 2)}) == {
        "d": "2024-06-01", "k": "Company", "t": [1, 2]}
    assert cell(None) == "" and cell(3) == "3" and cell(["a", 1]) == "a, 1"
    assert cell([{"id": "x"}]) == '[{"id": "x"}]' and cell({"a": 1}) == '{"a": 1}'


BOM = "\ufeff".encode()
ZH_ROWS = [{"name": "月之暗面", "kind": "Company"}, {"name": "Mistral AI", "kind": "Company"}]
ZH_CSV = "name,kind\n月之暗面,Company\nMistral AI,Company\n".encode()


def test_csv_into_an_empty_file_starts_with_a_bom_for_excel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_CSV_BOM", raising=False)
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8") as fh:
        render(ZH_ROWS, ["name", "kind"], "csv", stream=fh)
    assert path.read_bytes() == BOM + ZH_CSV
    with path.open("a", encoding="utf-8") as fh:  # appended to: the file has its mark already
        render(ZH_ROWS, ["name", "kind"], "csv", stream=fh)
    assert path.read_bytes() == BOM + ZH_CSV + ZH_CSV
    with path.open("w", encoding="gb18030") as fh:  # a BOM says UTF-8: only on UTF-8
        render(ZH_ROWS, ["name", "kind"], "csv", stream=fh)
    assert path.read_bytes() == ZH_CSV.decode().encode("gb18030")
    with path.open("w", encoding="utf-8") as fh:  # JSON and tables never get one
        render(ZH_ROWS, ["name", "kind"], "jsonl", stream=fh)
    assert not path.read_bytes().startswith(BOM)


def test_csv_into_a_pipe_has_no_bom_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.delenv("KG_CSV_BOM", raising=False)
    for forced, expected in ((None, ZH_CSV), ("1", BOM + ZH_CSV)):
        if forced is not None:
            monkeypatch.setenv("KG_CSV_BOM", forced)
        read, write = os.pipe()
        with os.fdopen(write, "w", encoding="utf-8") as fh:
            render(ZH_ROWS, ["name", "kind"], "csv", stream=fh)
        with os.fdopen(read, "rb") as fh:
            assert fh.read() == expected


def test_kg_csv_bom_0_keeps_files_plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CSV_BOM", "0")
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8") as fh:
        render(ZH_ROWS, ["name", "kind"], "csv", stream=fh)
    assert path.read_bytes() == ZH_CSV


def test_csv_separator_for_a_french_excel(monkeypatch: pytest.MonkeyPatch) -> None:
    """KG_CSV_SEP=";" is what a French (or German) Excel splits a double-clicked CSV on; a field
    holding the separator is quoted, a comma no longer needs to be."""
    rows: list[dict[str, Any]] = [{"name": "Say; hi, Inc.", "aliases": ["A, B", "C"], "n": 1.5},
                                  {"name": "智谱AI", "aliases": [], "n": None}]
    monkeypatch.setenv("KG_CSV_SEP", ";")
    text = render_text(rows, ["name", "aliases", "n"], "csv")
    assert text == 'name;aliases;n\n"Say; hi, Inc.";A, B, C;1.5\n智谱AI;;\n'
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1] == [
        "Say; hi, Inc.", "A, B, C", "1.5"]
    for value in ("tab", "TAB", "\t"):
        monkeypatch.setenv("KG_CSV_SEP", value)
        assert render_text(ZH_ROWS, ["name", "kind"], "csv").splitlines()[1] == "月之暗面\tCompany"
    for value in (",", ""):
        monkeypatch.setenv("KG_CSV_SEP", value)
        assert render_text(ZH_ROWS, ["name", "kind"], "csv").encode() == ZH_CSV
    monkeypatch.setenv("KG_CSV_SEP", ";")
    assert render_text(ZH_ROWS, ["name", "kind"], "jsonl").startswith('{"name": "月之暗面"')


@pytest.mark.parametrize("value", [";;", "x", '"', "7", "\n"])
def test_bad_csv_separator_is_one_line_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("KG_CSV_SEP", value)
    with pytest.raises(ConfigurationError, match=r"^KG_CSV_SEP .*: expected one character"):
        render_text(ZH_ROWS, ["name", "kind"], "csv")
