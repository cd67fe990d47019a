"""`kg show / entities / deals / articles / search / chain` through CliRunner, on the
supply-chain store: every format, exact messages and exit codes for bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import Store


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


COMMANDS = [
    ["show", "Mistral AI"],
    ["entities"],
    ["deals"],
    ["articles"],
    ["search", "Azure"],
    ["chain", "Mistral AI"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_every_command_in_every_format(supply_chain_store: Path, command: list[str],
                                       fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = invoke(*command, "--data-dir", supply_chain_store, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        assert json.loads(out)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
    else:
        assert "-----" in out


def test_show_table_prints_relations_with_sentences(supply_chain_store: Path) -> None:
    out = invoke("show", "Mistral AI", "--data-dir", supply_chain_store).output
    lines = out.splitlines()
    assert lines[:4] == ["Mistral AI", "id       company:mistral-ai", "kind     Company",
                         "aliases"]
    assert lines[5] == "Relations (5)"
    row = next(line for line in lines if " DEPENDS_ON " in line and "Microsoft" in line)
    assert row.split() == ["Mistral", "AI", "DEPENDS_ON", "Microsoft", "dependency:", "cloud",
                           "2", "2025-03-01", "fr", "Mistral", "AI", "loue", "le", "cloud",
                           "Azure", "de", "Microsoft."]
    assert "Deals (2)" in lines


def test_show_csv_has_relations_then_party_rows(supply_chain_store: Path) -> None:
    out = invoke("show", "Koyeb", "--data-dir", supply_chain_store, "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["subject"], r["relation"], r["object"], r["detail"]) for r in rows] == [
        ("Mistral AI", "ACQUIRES", "Koyeb", ""),
        ("Koyeb", "PARTY_TO", "Mistral AI acquires Koyeb",
         "role: target, type: acquisition, status: under_review"),
    ]
    assert rows[0]["sentence"] == "Mistral AI 宣布收购 Koyeb。"


def test_entities_csv_opens_in_a_spreadsheet(supply_chain_store: Path) -> None:
    out = invoke("entities", "--data-dir", supply_chain_store, "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["name", "kind", "relations", "articles", "last", "aliases", "id"]
    assert rows[0] == {"name": "Mistral AI", "kind": "Company", "relations": "7",
                       "articles": "4", "last": "2025-03-01", "aliases": "",
                       "id": "company:mistral-ai"}


def test_deals_table(supply_chain_store: Path) -> None:
    out = invoke("deals", "--data-dir", supply_chain_store, "--party", "koyeb").output
    assert out.splitlines()[2].split()[:9] == [
        "Mistral", "AI", "acquires", "Koyeb", "acquisition", "under_review", "120000000", "EUR",
        "2025-02-17"]


def test_chain_from_the_store_keeps_direction_and_evidence(supply_chain_store: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    out = invoke("chain", "TSMC", "--direction", "up", "--depth", "2", "--data-dir",
                 supply_chain_store, "--format", "json").output
    rows = json.loads(out)
    assert [(r["dependent"], r["path"], r["articles"]) for r in rows] == [
        ("NVIDIA", ["NVIDIA", "TSMC"], [1]),
        ("Microsoft", ["Microsoft", "NVIDIA", "TSMC"], [1, 1]),
        ("Mistral AI", ["Mistral AI", "NVIDIA", "TSMC"], [1, 1]),
        ("OpenAI", ["OpenAI", "NVIDIA", "TSMC"], [1, 1]),
    ]
    assert rows[1]["evidence"] == ["Microsoft équipe Azure de puces NVIDIA.",
                                   "NVIDIA fait graver ses puces par TSMC."]
    assert rows[1]["dates"] == ["2025-03-01", "2025-03-01"]  # tests/conftest.py: rel()
    assert rows[1]["sources"] == ["", ""]
    assert not (supply_chain_store / "arcadedb").exists()  # no server was started


@pytest.mark.parametrize(("args", "message"), [
    (["show", "Mistral AII"], "Error: 'Mistral AII': no such entity (did you mean 'Mistral AI', "
     "'Mistral AI acquires Koyeb', 'Mistral AI acquires Lumen Robotics'?)"),
    (["chain", "Nvidiaa"], "Error: 'Nvidiaa': no such entity (did you mean 'NVIDIA'?)"),
    (["deals", "--since", "2024-13"],
     "Error: bad date '2024-13' (want YYYY, YYYY-MM or YYYY-MM-DD)"),
    (["articles", "--until", "last week"],
     "Error: bad date 'last week' (want YYYY, YYYY-MM or YYYY-MM-DD)"),
    (["deals", "--status", "done"], "Error: status 'done': expected one of announced, "
     "completed, pending, under_review, cleared, blocked, rumoured, cancelled"),
    (["entities", "--kind", "Planet"], "Error: kind 'Planet': expected one of Company, Person, "
     "Regulator, Deal, Country, Region, Product, Law, Fund"),
    (["search", " "], "Error: search text is empty"),
])
def test_bad_input_one_line_exit_1(supply_chain_store: Path, args: list[str], message: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = invoke(*args, "--data-dir", supply_chain_store)
    assert (result.exit_code, result.output) == (1, message + "\n")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_missing_and_empty_store(tmp_path: Path, command: list[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    missing = tmp_path / "nowhere"
    result = invoke(*command, "--data-dir", missing)
    assert (result.exit_code, result.output) == (
        1, f"Error: {missing}: no such data directory (run `kg ingest FILES --data-dir "
           f"{missing}` first, or set --data-dir / KG_DATA_DIR)\n")
    Store.open(tmp_path / "empty").close()
    result = invoke(*command, "--data-dir", tmp_path / "empty")
    assert (result.exit_code, result.output) == (
        1, f"Error: {tmp_path / 'empty'}: the store is empty (run `kg ingest FILES` first)\n")


def test_bare_kg_prints_help_and_h_is_help() -> None:
    bare = CliRunner().invoke(cli, [], prog_name="kg")
    short = CliRunner().invoke(cli, ["-h"], prog_name="kg")
    assert bare.exit_code == 0 and short.exit_code == 0
    assert bare.output == short.output
    # click 8.4 writes "COMMAND", 8.5 "[COMMAND]"; both are in the range we allow
    assert re.match(r"Usage: kg \[OPTIONS\] \[?COMMAND\]? \[ARGS\]\.\.\.\n", bare.output)
    assert "  show " in bare.output and "  search " in bare.output


def test_version() -> None:
    from kg import DISTRIBUTION, __version__

    result = CliRunner().invoke(cli, ["--version"], prog_name="kg")
    assert (result.exit_code, result.output) == (0, f"kg, version {__version__}\n")
    assert DISTRIBUTION == "kg-newsgraph"


NOTE = "; use --limit N, or --limit 0 for all\n"


@pytest.mark.parametrize("command", [["entities"], ["deals"], ["articles"]], ids=lambda c: c[0])
def test_limit_cuts_rows_and_says_how_many_more(supply_chain_store: Path,
                                                command: list[str]) -> None:
    whole = invoke(*command, "--data-dir", supply_chain_store, "--format", "json")
    every = json.loads(whole.stdout)
    assert len(every) >= 2 and whole.stderr == ""
    cut = invoke(*command, "--limit", "1", "--data-dir", supply_chain_store, "--format", "json")
    assert cut.exit_code == 0 and json.loads(cut.stdout) == every[:1]
    assert cut.stderr == f"… {len(every) - 1} more{NOTE}"  # programs' output stays clean
    rows = list(csv.reader(io.StringIO(invoke(*command, "--limit", "1", "--format", "csv",
                                              "--data-dir", supply_chain_store).stdout)))
    assert len(rows) == 2
    table = invoke(*command, "--limit", "1", "--data-dir", supply_chain_store)
    assert table.stdout.endswith(f"… {len(every) - 1} more{NOTE}") and table.stderr == ""
    for enough in ("0", str(len(every))):
        again = invoke(*command, "--limit", enough, "--data-dir", supply_chain_store,
                       "--format", "json")
        assert json.loads(again.stdout) == every and again.stderr == ""


def test_show_limit_cuts_relations_and_deals(supply_chain_store: Path) -> None:
    card = json.loads(invoke("show", "Mistral AI", "--data-dir", supply_chain_store,
                             "--format", "json").stdout)
    assert len(card["relations"]) == 5  # the supply-chain store (tests/conftest.py)
    cut = invoke("show", "Mistral AI", "--limit", "2", "--data-dir", supply_chain_store,
                 "--format", "json")
    short = json.loads(cut.stdout)
    assert short["relations"] == card["relations"][:2]
    assert short["deals"] == card["deals"][:2]
    more_deals = len(card["deals"]) - 2
    assert cut.stderr == f"… 3 more relations{NOTE}" + (
        f"… {more_deals} more deals{NOTE}" if more_deals > 0 else "")
    table = invoke("show", "Mistral AI", "--limit", "2", "--data-dir", supply_chain_store).stdout
    lines = table.splitlines()
    assert "Relations (5)" in lines  # the count is the entity's, the rows are cut
    assert f"… 3 more relations{NOTE}".rstrip("\n") in lines
    rows = list(csv.reader(io.StringIO(invoke("show", "Mistral AI", "--limit", "2", "--format",
                                              "csv", "--data-dir", supply_chain_store).stdout)))
    assert [r[1] for r in rows[1:3]] == [r["relation"] for r in card["relations"][:2]]


def test_search_says_when_there_are_more_matches(supply_chain_store: Path) -> None:
    every = json.loads(invoke("search", "Mistral", "--limit", "0", "--format", "json",
                              "--data-dir", supply_chain_store).stdout)
    assert len(every) >= 2
    cut = invoke("search", "Mistral", "--limit", "1", "--format", "json",
                 "--data-dir", supply_chain_store)
    assert json.loads(cut.stdout) == every[:1] and cut.stderr == f"… more matches{NOTE}"
    exact = invoke("search", "Mistral", "--limit", str(len(every)), "--format", "json",
                   "--data-dir", supply_chain_store)
    assert json.loads(exact.stdout) == every and exact.stderr == ""


def test_csv_redirected_to_a_file_opens_in_excel_and_pipes_stay_plain(
        supply_chain_store: Path, tmp_path: Path) -> None:
    """`kg articles --format csv > articles.csv`: a UTF-8 byte-order mark first, so Excel reads
    the Chinese titles as UTF-8; the same command into a pipe prints none."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "KG_CSV_BOM"}
    command = [sys.executable, "-m", "kg", "articles", "--format", "csv",
               "--data-dir", str(supply_chain_store)]
    path = tmp_path / "articles.csv"
    with path.open("wb") as fh:
        subprocess.run(command, stdout=fh, env=env, check=True, timeout=120)
    piped = subprocess.run(command, capture_output=True, env=env, check=True, timeout=120).stdout
    assert path.read_bytes() == "\ufeff".encode() + piped
    assert piped.startswith(b"published,ingested,")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert "Mistral 收购 Koyeb" in {r["title"] for r in rows}  # tests/conftest.py, article a3


def test_csv_separator_for_a_french_excel(supply_chain_store: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`KG_CSV_SEP=';' kg entities --format csv`: what a French Excel opens in columns; a bad
    value is one line, exit 1, nothing printed."""
    monkeypatch.setenv("KG_CSV_SEP", ";")
    out = invoke("entities", "--data-dir", supply_chain_store, "--format", "csv").output
    assert out.splitlines()[:2] == ["name;kind;relations;articles;last;aliases;id",
                                    "Mistral AI;Company;7;4;2025-03-01;;company:mistral-ai"]
    monkeypatch.setenv("KG_CSV_SEP", "semicolon")
    bad = invoke("entities", "--data-dir", supply_chain_store, "--format", "csv")
    assert bad.exit_code == 1
    assert bad.output == ("Error: KG_CSV_SEP 'semicolon': expected one character such as ';' "
                          "or ',', or 'tab'\n")
