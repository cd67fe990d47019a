"""kg.graphdb.library and kg.graphdb.query: the library loader, parameters, rendering (no
server), and `kg query` / `kg chain` through CliRunner against the session Bolt server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j.time import Date

from kg.cli import cli
from kg.errors import ConfigurationError, InputError
from kg.graphdb.library import (
    bind,
    library,
    library_dirs,
    parse_params,
    parse_query,
    resolve_query,
)
from kg.graphdb.query import QueryResult
from kg.render import render_text

HEADER = """// Question: who is X?
// @param entity: a name
// @param depth=2: hops
// @param flag=true: a switch
MATCH (n) RETURN n
"""


def test_header_names_question_and_parameters() -> None:
    q = parse_query(HEADER, "x")
    assert q.question == "who is X?"
    assert [(p.name, p.default, p.required) for p in q.params] == [
        ("entity", None, True), ("depth", 2, False), ("flag", True, False)]


@pytest.mark.parametrize(("pairs", "expected"), [
    (["depth=2"], {"depth": 2}),
    (["entity=Mistral AI"], {"entity": "Mistral AI"}),
    (["x=1.5", "y=false", "z=null"], {"x": 1.5, "y": False, "z": None}),
    (["ids=[\"a\", \"b\"]"], {"ids": ["a", "b"]}),
    (["name=智谱"], {"name": "智谱"}),
    (["eq=a=b"], {"eq": "a=b"}),
    (["quoted=\"7\""], {"quoted": "\"7\""}),
])
def test_parse_params(pairs: list[str], expected: dict[str, Any]) -> None:
    assert parse_params(pairs) == expected


@pytest.mark.parametrize("bad", ["depth", "=3", "two words=1"])
def test_bad_param_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ConfigurationError, match="expected name=value"):
        parse_params([bad])


def test_bind_fills_defaults_and_names_what_is_missing_or_unknown() -> None:
    q = parse_query(HEADER, "x")
    assert bind(q, {"entity": "A"}) == {"entity": "A", "depth": 2, "flag": True}
    with pytest.raises(ConfigurationError, match=r"^query x: missing parameter\(s\) entity"):
        bind(q, {})
    with pytest.raises(ConfigurationError, match=r"unknown parameter\(s\) dpeth"):
        bind(q, {"entity": "A", "dpeth": 3})


def test_resolve_by_name_file_or_text(tmp_path: Path) -> None:
    assert resolve_query("investors_of").name == "investors_of"
    assert resolve_query("investors_of.cypher").name == "investors_of"
    f = tmp_path / "mine.cypher"
    f.write_text(HEADER, encoding="utf-8")
    assert resolve_query(str(f)).question == "who is X?"
    assert resolve_query("MATCH (n) RETURN count(n) AS n").name == "query"
    with pytest.raises(InputError, match="no such query file or library query"):
        resolve_query(str(tmp_path / "missing.cypher"))


def test_library_is_found_in_the_checkout() -> None:
    assert any(d.name == "cypher" for d in library_dirs())
    assert {"dependency_chain_down", "dependency_chain_up", "shortest_path"} <= set(library())


def show(result: QueryResult, fmt: str) -> str:
    """What `kg query --format FMT` prints for this result."""
    return render_text(result.rows, result.columns, fmt, joiners=result.joiners())


def test_table_and_json_rendering() -> None:
    result = QueryResult("q", ["provider", "path", "when"], [
        {"provider": "NVIDIA", "path": ["Mistral AI", "NVIDIA"], "when": Date(2025, 2, 17)}])
    assert show(result, "table").splitlines() == [
        "provider  path                 when",  # "Mistral AI > NVIDIA" is 19 wide
        "--------  -------------------  ----------",
        "NVIDIA    Mistral AI > NVIDIA  2025-02-17",
    ]
    assert json.loads(show(result, "json")) == [
        {"provider": "NVIDIA", "path": ["Mistral AI", "NVIDIA"], "when": "2025-02-17"}]
    assert show(result, "csv") == (
        "provider,path,when\nNVIDIA,Mistral AI > NVIDIA,2025-02-17\n")
    assert show(QueryResult("q"), "table") == "(no rows)\n"
    assert show(QueryResult("q"), "json") == "[]\n"


# --- CLI against the Bolt server ------------------------------------------------------------


def invoke(*args: Any) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def loaded_env(supply_chain_store: Path, neo4j_env: Any) -> Path:
    assert invoke("load", "--data-dir", supply_chain_store).exit_code == 0
    return supply_chain_store


@pytest.mark.bolt
def test_cli_chain_table(loaded_env: Path) -> None:
    result = invoke("chain", "Mistral AI", "--depth", "1", "--data-dir", loaded_env)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "provider   depth  dependencies  path                    articles  evidence"
        "                                          dates       sources",
        "---------  -----  ------------  ----------------------  --------  "
        "------------------------------------------------  ----------  -------",
        "Microsoft  1      cloud         Mistral AI > Microsoft  2         "
        "Mistral AI trains its models on Microsoft Azure.  2025-03-01",
        "NVIDIA     1      compute       Mistral AI > NVIDIA     1         "
        "Mistral AI achète ses GPU à NVIDIA.               2025-03-01",
    ]


@pytest.mark.bolt
def test_cli_chain_up_json(loaded_env: Path) -> None:
    result = invoke("chain", "TSMC", "--direction", "up", "--depth", "1", "--format", "json",
                    "--data-dir", loaded_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"dependent": "NVIDIA", "depth": 1, "dependencies": ["manufacturing"],
         "path": ["NVIDIA", "TSMC"], "articles": [1],
         "evidence": ["NVIDIA fait graver ses puces par TSMC."], "dates": ["2025-03-01"],
         "sources": [""]}]


@pytest.mark.bolt
def test_cli_query_library_with_params(loaded_env: Path) -> None:
    result = invoke("query", "investors_of", "--param", "entity=OpenAI", "--format", "json",
                    "--data-dir", loaded_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"investor": "Microsoft", "other_holdings": ["Mistral AI"]},
        {"investor": "SoftBank", "other_holdings": []}]


@pytest.mark.bolt
def test_cli_chain_jsonl_and_csv(loaded_env: Path) -> None:
    args = ["chain", "Mistral AI", "--depth", "1", "--data-dir", loaded_env]
    lines = invoke(*args, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == [
        {"provider": "Microsoft", "depth": 1, "dependencies": ["cloud"],
         "path": ["Mistral AI", "Microsoft"], "articles": [2],
         "evidence": ["Mistral AI trains its models on Microsoft Azure."],
         "dates": ["2025-03-01"], "sources": [""]},
        {"provider": "NVIDIA", "depth": 1, "dependencies": ["compute"],
         "path": ["Mistral AI", "NVIDIA"], "articles": [1],
         "evidence": ["Mistral AI achète ses GPU à NVIDIA."], "dates": ["2025-03-01"],
         "sources": [""]}]
    assert invoke(*args, "--format", "csv").stdout == (
        "provider,depth,dependencies,path,articles,evidence,dates,sources\n"
        "Microsoft,1,cloud,Mistral AI > Microsoft,2,Mistral AI trains its models on Microsoft "
        "Azure.,2025-03-01,\n"
        "NVIDIA,1,compute,Mistral AI > NVIDIA,1,Mistral AI achète ses GPU à NVIDIA.,2025-03-01,\n")


@pytest.mark.bolt
def test_cli_query_text(loaded_env: Path) -> None:
    result = invoke("query", "MATCH (d:Deal) RETURN d.name AS deal ORDER BY deal",
                    "--format", "json", "--data-dir", loaded_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"deal": "Mistral AI acquires Koyeb"},
                                         {"deal": "Mistral AI acquires Lumen Robotics"}]


@pytest.mark.bolt
@pytest.mark.parametrize(("args", "message"), [
    (["chain", "Nobody Inc"], "Error: Nobody Inc: no such entity in the database (check the name)"),
    (["chain", "NVIDIA", "--direction", "up", "--depth", "0"], None),
    (["query", "investors_of"],
     "Error: query investors_of: missing parameter(s) entity (pass --param entity=...)"),
    (["query", "investors_of", "--param", "entity"],
     "Error: --param 'entity': expected name=value"),
])
def test_cli_errors(loaded_env: Path, args: list[str], message: str | None) -> None:
    result = invoke(*args, "--data-dir", loaded_env)
    if message is None:  # click's own range check: usage error
        assert result.exit_code == 2
        return
    assert (result.exit_code, result.stderr) == (1, message + "\n")


@pytest.mark.bolt
def test_cli_bad_cypher_is_one_line(loaded_env: Path) -> None:
    result = invoke("query", "MATCH (n RETURN n", "--data-dir", loaded_env)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: bolt://127.0.0.1:")
    assert "query failed" in result.stderr and result.stderr.count("\n") == 1


# --- hostile settings and parameters (issue 15) ---------------------------------------------


@pytest.mark.parametrize(("raw", "reason"), [
    ("n=" + "9" * 30, "integer out of the 64-bit range"),
    ("n=[1, [2, " + "9" * 25 + "]]", "integer out of the 64-bit range"),
    ("ids=" + "[" * 100_000, "lists nested deeper than 32"),
    ("name=caf\udce9", "not valid UTF-8"),  # the byte 0xe9 of a Latin-1 argv
])
def test_params_bolt_cannot_carry_are_one_line_errors(raw: str, reason: str) -> None:
    with pytest.raises(ConfigurationError, match=reason) as err:
        parse_params([raw])
    assert "\n" not in str(err.value) and len(str(err.value)) < 200


def test_a_password_in_the_uri_is_used_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.graphdb.connection import ConnectionSettings

    settings = ConnectionSettings.resolve(env={"NEO4J_URI": "bolt://ann:pa%3Ass@127.0.0.1:9"})
    assert (settings.uri, settings.username, settings.password) == (
        "bolt://127.0.0.1:9", "ann", "pa:ss")
    monkeypatch.setenv("NEO4J_URI", "bolt://ann:s3cret-pw@127.0.0.1:9")  # nothing listens
    result = invoke("query", "MATCH (n) RETURN n", "--data-dir", "unused")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.output
    assert "s3cret-pw" not in result.output and "bolt://127.0.0.1:9" in result.stderr


@pytest.mark.parametrize("uri", ["http://neo:pw@localhost:7474", "localhost:7687", "ftp://x"])
def test_a_wrong_scheme_is_one_line(uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    result = invoke("query", "MATCH (n) RETURN n", "--data-dir", "unused")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: NEO4J_URI ") and result.stderr.count("\n") == 1
    assert "unsupported scheme" in result.stderr and ":pw@" not in result.stderr


@pytest.mark.bolt
def test_queries_are_read_only_unless_asked(loaded_env: Path) -> None:
    # Before, `kg query "CREATE ..."` wrote to the embedded database behind the store's back.
    count = "MATCH (n:Probe) RETURN count(n) AS n"
    for cypher in ["CREATE (:Probe {x: 1})", "MATCH (d:Deal) SET d.name = 'x' RETURN d",
                   "MATCH (n) DETACH DELETE n"]:
        result = invoke("query", cypher, "--data-dir", loaded_env)
        assert result.exit_code == 1 and "read-only unless you pass --write" in result.stderr
    assert json.loads(invoke("query", count, "--format", "json", "--data-dir",
                             loaded_env).stdout) == [{"n": 0}]
    result = invoke("query", "CREATE (p:Probe {x: 1}) RETURN p.x AS x", "--write",
                    "--data-dir", loaded_env)
    assert result.exit_code == 0, result.output
    assert json.loads(invoke("query", count, "--format", "json", "--data-dir",
                             loaded_env).stdout) == [{"n": 1}]
    quoted = invoke("query", "MATCH (d:Deal) WHERE d.name <> 'CREATE' RETURN count(d) AS n",
                    "--format", "json", "--data-dir", loaded_env)
    assert json.loads(quoted.stdout) == [{"n": 2}]
