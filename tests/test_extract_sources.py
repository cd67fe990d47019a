"""Dependency said through the resource a topic lacks (kg/extract/sources.py) and through the
dependence noun, in zh, en and fr, with hard negatives; and the seed-digest shape end to end:
`kg ingest` + `kg load` + `kg chain NVIDIA --direction up` lists Japan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_extract import article, triples

from kg.cli import cli
from kg.extract import extract_article

SEED_SHAPED = Path(__file__).parent / "fixtures" / "extract" / "seed_shaped"
DEP = "DEPENDS_ON"

STATED = [
    (
        "en",
        "Japan has been lagging for years: its training GPUs come mostly from NVIDIA, and the "
        "strongest models were built by Cohere, Mistral AI and xAI.",
        [("Japan", DEP, "NVIDIA"), ("Japan", DEP, "Mistral AI"), ("Japan", DEP, "xAI")],
    ),
    (
        "zh",
        "日本近年在大模型上进展缓慢：数据中心的GPU大多来自英伟达，"
        "头部模型则由Cohere、Mistral AI或xAI研发。",
        [("Japan", DEP, "NVIDIA"), ("Japan", DEP, "Cohere"), ("Japan", DEP, "xAI")],
    ),
    (
        "fr",
        "Le Japon avance lentement, avec une forte dépendance aux GPU de NVIDIA et à des "
        "modèles de Cohere, Mistral AI ou xAI.",
        [("Japan", DEP, "NVIDIA"), ("Japan", DEP, "Mistral AI"), ("Japan", DEP, "xAI")],
    ),
    (
        "fr",
        "Depuis trois ans, le Japon peine à suivre. Ses GPU de calcul viennent surtout de "
        "NVIDIA. Ses meilleurs modèles ont été conçus par Cohere.",
        [("Japan", DEP, "NVIDIA"), ("Japan", DEP, "Cohere")],
    ),
    (
        "zh",
        "这项合作可以减轻微软在模型层面对OpenAI的依赖。",
        [("Microsoft", DEP, "OpenAI")],
    ),
    ("en", "The deal cuts Microsoft's reliance on OpenAI.", [("Microsoft", DEP, "OpenAI")]),
    ("en", "Cohere trains in Toronto. The chips come from Nvidia.", [("Cohere", DEP, "NVIDIA")]),
    # the firm whose resource opens the clause depends on the provider
    ("en", "Cohere's chips mostly come from Nvidia.", [("Cohere", DEP, "NVIDIA")]),
    ("zh", "百川智能的算力主要来自阿里云。", [("Baichuan", DEP, "Alibaba")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STATED)
def test_a_resource_from_a_provider_is_a_dependency_of_the_topic(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = triples(extract_article(article(text, lang)))
    assert set(expected) <= found, found


NOT_STATED = [
    # the resource is not what comes from the firm
    ("en", "Cohere said the idea for the chip came from Nvidia."),
    ("fr", "Mistral AI explique que l’idée de ces puces vient de NVIDIA."),
    # negated
    ("en", "Cohere trains in Toronto. Its chips no longer come from Nvidia."),
    ("zh", "智谱表示，其芯片不再来自英伟达。"),
    # a person before the resource: no firm or place is the topic
    ("en", "Jane Roe spoke at the summit. The chips come from Nvidia."),
    # models adopted by others (passive): the firm named before uses nothing
    ("zh", "英伟达的显卡供不应求，而被众多企业选用的大模型则由Cohere研发。"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_STATED)
def test_no_dependency_without_a_resource_subject_or_a_topic(lang: str, text: str) -> None:
    found = triples(extract_article(article(text, lang)))
    assert not any(t[1] == DEP for t in found), found


def test_a_list_ended_by_and_does_not_govern_the_next_subject() -> None:
    text = (
        "Face à la Corée du Sud et à l’Inde, le Japon reste en retrait, avec une dépendance "
        "aux GPU de NVIDIA."
    )
    assert ("Japan", DEP, "NVIDIA") in triples(extract_article(article(text, "fr")))


def test_the_seed_shaped_digests_state_their_dependencies_and_board_seat() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(SEED_SHAPED), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    names = {r["id"]: r["name"] for r in rows if r["type"] == "entity"}
    facts = {
        (names[r["source"]], r["relation"], names[r["target"]])
        for r in rows
        if r["type"] == "relation"
    }
    assert {
        ("Japan", DEP, "NVIDIA"),
        ("Japan", DEP, "Cohere"),
        ("Japan", DEP, "Mistral AI"),
        ("Japan", DEP, "xAI"),
        ("Amazon", DEP, "Anthropic"),
        ("Sakana AI", DEP, "NVIDIA"),
        ("Kenji Mori", "BOARD_MEMBER_OF", "Sakana AI"),
    } <= facts
    assert ("NVIDIA", DEP, "Cohere") not in facts


@pytest.mark.bolt
def test_chain_up_from_nvidia_lists_japan_after_ingest_and_load(
    tmp_path: Path, neo4j_env: Any
) -> None:
    data = tmp_path / "data"
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(SEED_SHAPED), "--data-dir", str(data)])
    assert ingest.exit_code == 0, ingest.output
    load = runner.invoke(cli, ["load", "--data-dir", str(data)])
    assert load.exit_code == 0, load.output
    chain = runner.invoke(
        cli, ["chain", "NVIDIA", "--direction", "up", "--data-dir", str(data), "--format", "json"]
    )
    assert chain.exit_code == 0, chain.output
    rows = json.loads(chain.stdout)
    direct = {r["dependent"]: r["dependencies"] for r in rows if r["depth"] == 1}
    assert direct.get("Japan") == ["gpu"]
    assert "Sakana AI" in direct
