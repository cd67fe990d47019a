"""`kg ingest / extract / stats / export` through CliRunner: exit codes and messages exactly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from test_pipeline import BAD, GOOD, register_fixture_extractor

from kg.cli import cli

register_fixture_extractor()
FIXTURE = ["--extractor", "fixture"]
INGEST = ["--workers", "1", *FIXTURE]


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def data(tmp_path: Path) -> Path:
    result = invoke("ingest", GOOD, "--data-dir", tmp_path / "data", *INGEST)
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


def test_ingest_prints_summary_table_and_skipped_duplicate(tmp_path: Path) -> None:
    result = invoke("ingest", GOOD, "--data-dir", tmp_path, *INGEST)
    assert result.exit_code == 0
    assert result.stdout == (
        "articles new        2\n"
        "articles unchanged  0\n"
        "articles replaced   0\n"
        "articles duplicate  1\n"
        "articles failed     0\n"
        "entities            4\n"
        "relations           3\n"
    )
    assert result.stderr == (f"Skipped: {GOOD / 'orbis_lumen.txt'} duplicates "
                             f"{GOOD / 'copy_of_orbis_lumen.txt'}\n")


def test_ingest_bad_files_one_line_each_and_exit_1(tmp_path: Path) -> None:
    result = invoke("ingest", BAD, GOOD / "kestrel_notes.md", "--data-dir", tmp_path,
                    "--format", "json", *INGEST)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {BAD / 'empty.txt'}: empty file",
        f"Error: {BAD / 'scan.pdf'}: binary file (PDF), not an article",
    ]
    summary = json.loads(result.stdout)
    assert (summary["articles_new"], summary["failed"]) == (1, 2)


def test_ingest_strict_stops_with_one_error(tmp_path: Path) -> None:
    result = invoke("ingest", BAD / "empty.txt", GOOD, "--data-dir", tmp_path, "--strict",
                    *INGEST)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {BAD / 'empty.txt'}: empty file\n"
    assert result.stdout == ""


def test_ingest_missing_path(tmp_path: Path) -> None:
    result = invoke("ingest", tmp_path / "nope", "--data-dir", tmp_path / "d", *INGEST)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or directory\n"


def test_extract_jsonl_relations_then_merged_entities() -> None:
    result = invoke("extract", GOOD / "kestrel_notes.md", GOOD / "orbis_lumen.txt", *FIXTURE)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    relations = [x for x in lines if x["type"] == "relation"]
    entities = [x for x in lines if x["type"] == "entity"]
    assert len(relations) == 4  # 2 per file; INVESTS_IN is stated by both
    assert sorted(e["id"] for e in entities) == [
        "company:halden-systems", "company:kestrel-cloud", "company:lumen-robotics",
        "company:orbis-capital"]
    first = relations[0]
    assert set(first) == {"type", "source", "target", "relation", "properties", "evidence"}
    assert first["evidence"][0]["file"] == "kestrel_notes.md"
    assert first["evidence"][0]["sentence"] == (
        "Kestrel Cloud partners with Halden Systems on a new data centre.")


def test_extract_bad_file_is_reported_and_others_go() -> None:
    result = invoke("extract", BAD / "empty.txt", GOOD / "kestrel_notes.md", "--format",
                    "table", *FIXTURE)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {BAD / 'empty.txt'}: empty file\n"
    assert result.stdout.splitlines()[-1] == "4 entities"
    assert "kestrel_notes.md  Kestrel Cloud -[PARTNERS_WITH]-> Halden Systems" in result.stdout


def test_stats_json_and_table(data: Path) -> None:
    result = invoke("stats", "--data-dir", data, "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["articles"] == 2
    assert stats["entities"] == {"Company": 4}
    assert stats["relations"] == {"INVESTS_IN": 1, "PARTNERS_WITH": 2}
    assert stats["languages"] == {"en": 2}
    assert stats["evidence"] == 4
    table = invoke("stats", "--data-dir", data).stdout.splitlines()
    assert "  PARTNERS_WITH  2" in table and "articles         2" in table


def test_stats_csv(data: Path) -> None:
    result = invoke("stats", "--data-dir", data, "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[:3] == ["metric,value", "articles,2", "evidence,4"]
    assert "  PARTNERS_WITH,2" in lines and "  INVESTS_IN,1" in lines


def test_extract_csv_one_row_per_relation() -> None:
    result = invoke("extract", GOOD / "kestrel_notes.md", "--format", "csv", *FIXTURE)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["file", "source", "relation", "target", "evidence", "sentence"]
    assert ["kestrel_notes.md", "Kestrel Cloud", "PARTNERS_WITH", "Halden Systems", "1",
            "Kestrel Cloud partners with Halden Systems on a new data centre."] in rows
    assert len(rows) == 1 + 2  # the file states two relations


def test_stats_without_a_store(tmp_path: Path) -> None:
    result = invoke("stats", "--data-dir", tmp_path / "empty")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'empty'}: no kg store here (run `kg ingest` first)\n")
    assert not (tmp_path / "empty").exists()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "html"])
def test_export_writes_file_and_prints_path(data: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    result = invoke("export", fmt, "-o", out, "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    assert out.stat().st_size > 0


def test_export_default_path_and_filters(data: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "graphml", "--data-dir", data, "--focus", "lumen robotics",
                    "--depth", "1", "--relation", "INVESTS_IN")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{Path('exports') / 'graph.graphml'}\n"
    g = nx.read_graphml(tmp_path / "exports" / "graph.graphml")
    assert set(g) == {"company:lumen-robotics", "company:orbis-capital"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Nobody"], "Error: unknown entity 'Nobody'\n"),
        (["--since", "May 2025"],
         "Error: bad date 'May 2025' (want YYYY, YYYY-MM or YYYY-MM-DD)\n"),
        (["--kind", "Planet"], "Error: unknown entity kind 'Planet' (known: Company, Country, "
                               "Deal, Fund, Law, Person, Product, Region, Regulator)\n"),
    ],
)
def test_export_bad_filters(data: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke("export", "json", "-o", tmp_path / "x.json", "--data-dir", data, *args)
    assert result.exit_code == 1
    assert result.stderr == message


def test_export_unknown_format_is_usage_error(data: Path) -> None:
    result = invoke("export", "pdf", "--data-dir", data)
    assert result.exit_code == 2
    assert "Invalid value for 'FORMAT'" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "extract", "stats", "export"])
def test_help_has_an_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"kg {command}" in result.stdout


def test_progress_flag_draws_on_stderr_only(tmp_path: Path) -> None:
    loud = invoke("ingest", GOOD, "--data-dir", tmp_path / "a", "--progress", *INGEST)
    quiet = invoke("ingest", GOOD, "--data-dir", tmp_path / "b", *INGEST)
    assert loud.exit_code == quiet.exit_code == 0
    assert loud.stdout == quiet.stdout
    assert loud.stderr.startswith("Ingesting 3 files")
    assert not quiet.stderr.startswith("Ingesting")


def test_export_open_opens_the_written_page(data: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "g.html"
    result = invoke("export", "html", "-o", out, "--data-dir", data, "--open")
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    result = invoke("export", "html", "-o", out, "--data-dir", data, "--open")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: no web browser found to open it (set $BROWSER)\n"


def test_export_open_is_for_html_only(data: Path, tmp_path: Path) -> None:
    result = invoke("export", "json", "-o", tmp_path / "g.json", "--data-dir", data, "--open")
    assert result.exit_code == 1
    assert result.stderr == "Error: --open: only html exports open in a browser, not json\n"
    assert not (tmp_path / "g.json").exists()  # checked before anything is written


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_extract_prints_the_same_whatever_the_hash_seed(fmt: str) -> None:
    """Rules run through sets and dicts of strings: what `kg extract` prints, and in what order
    (relations by first sentence then key, deals by id), must not hang on PYTHONHASHSEED."""
    import os
    import subprocess
    import sys

    news = Path(__file__).resolve().parent.parent / "examples" / "news"
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "kg", "extract", str(news), "--format", fmt],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
    assert outs[0].count("\n") > 40 and outs[0] == outs[1]
