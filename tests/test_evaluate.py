"""kg.evaluate and `kg eval`: scoring worked out by hand on rows and on tests/fixtures/eval/ (our
own writing), and agreement with the project's eval kit (../shared/eval) where it is present.

The end-to-end tests measure a tiny "evalfixture" extractor registered here (the way an add-on
would register): it reads "A invests in B" / "A investit dans B" / "A 投资 B" and the like, and
nothing else, so what it finds is known exactly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.evaluate import (
    GoldEntity,
    GoldFact,
    evaluate,
    family,
    names_match,
    norm,
    read_jsonl,
    score_entities,
    score_relations,
)
from kg.extract.base import register
from kg.schema import Article, Entity, EntityKind, Evidence, ExtractionResult, Relation, entity_id

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "eval"
ARTICLES, GOLD = FIXTURES / "articles", FIXTURES / "gold.jsonl"
ENTITIES = FIXTURES / "entities.jsonl"

NAME = r"[A-Z]\w*(?: [A-Z]\w*)*"
VERBS = {"invests in": "INVESTS_IN", "investit dans": "INVESTS_IN", "投资": "INVESTS_IN",
         "partners with": "PARTNERS_WITH", "s'associe à": "PARTNERS_WITH", "携手": "PARTNERS_WITH",
         "acquires": "ACQUIRES", "rachète": "ACQUIRES", "收购": "ACQUIRES"}
PATTERN = re.compile(rf"({NAME}) ?({'|'.join(map(re.escape, VERBS))}) ?({NAME})")


class EvalFixtureExtractor:
    name = "evalfixture"

    def extract(self, article: Article) -> ExtractionResult:
        entities: dict[str, Entity] = {}
        relations: dict[tuple[str, str, str], Relation] = {}
        for sentence in re.split(r"(?<=[.!?。])\s*|\n\s*\n", article.text):
            for src, verb, dst in PATTERN.findall(sentence):
                ids = [entity_id(EntityKind.COMPANY, n) for n in (src, dst)]
                for eid, name in zip(ids, (src, dst), strict=True):
                    entities[eid] = Entity(id=eid, name=name, kind=EntityKind.COMPANY)
                rel = relations.setdefault((ids[0], VERBS[verb], ids[1]), Relation(
                    source=ids[0], target=ids[1], relation=VERBS[verb]))
                rel.evidence.append(Evidence(article=article.id, file=article.file_name,
                                             sentence=sentence.strip(), lang=article.lang,
                                             extractor=self.name))
        return ExtractionResult(article=article.id, entities=list(entities.values()),
                                relations=list(relations.values()))


register("evalfixture", EvalFixtureExtractor)


# --- names and families -------------------------------------------------------------------


def test_names_are_normalised_as_the_eval_kit_does() -> None:
    assert norm("Lumen Robotics SAS") == "lumen robotics"
    assert norm("Autorité de la concurrence") == "autorite de la concurrence"
    assert norm("EU") == norm("European Commission") == "european union"
    assert norm("Kestrel Cloud, Inc.") == "kestrel cloud"
    assert names_match("Lumen", {"lumen robotics"})  # words contained
    assert names_match("Halden Systems", {"orbis capital", "halden systems"})
    assert not names_match("Vega AI", {"lumen ai"})  # only the generic "ai" shared
    assert not names_match("Kestrel Cloud", set())


def test_families_and_direction() -> None:
    assert family("FUNDS") == ("invest", False) and family("invests_in") == ("invest", False)
    assert family("EMPLOYS") == ("role", True)  # organisation -> person: read person-first
    assert family("ACQUIRED_BY") == ("acquire", True)
    assert family("SPONSORS") == ("sponsors", False)  # unknown types are their own family


# --- scoring on hand-made rows ------------------------------------------------------------


def _entity(eid: str, name: str, kind: str, *aliases: str) -> dict[str, Any]:
    return {"type": "entity", "id": eid, "name": name, "kind": kind, "aliases": list(aliases),
            "properties": {}}


def _rel(source: str, relation: str, target: str, file: str, sentence: str,
         **props: Any) -> dict[str, Any]:
    return {"type": "relation", "source": source, "relation": relation, "target": target,
            "properties": props,
            "evidence": [{"article": file.split(".")[0], "file": file, "sentence": sentence}]}


ORBIS, LUMEN, KESTREL = "company:orbis-capital", "company:lumen-robotics", "company:kestrel-cloud"
HALDEN, ADA = "company:halden-systems", "person:ada-moreau"
ADLC, ROUND = "regulator:autorite-de-la-concurrence", "deal:funding_round-lumen-robotics-series-b"
ROWS = [
    _rel(ORBIS, "INVESTS_IN", LUMEN, "a.txt", "R1"),
    _rel(LUMEN, "PARTNERS_WITH", KESTREL, "a.txt", "R2"),
    _rel(ADA, "LEADS", LUMEN, "a.txt", "R3"),
    _rel(LUMEN, "RAISED", ROUND, "a.txt", "R4", round="Series B"),
    _rel(ORBIS, "FUNDS", ROUND, "a.txt", "R5"),
    _rel(ADLC, "REVIEWS", ROUND, "a.txt", "R6"),
    _rel(KESTREL, "ACQUIRES", HALDEN, "a.txt", "R7: a rumour"),
    _rel(ORBIS, "INVESTS_IN", LUMEN, "b.txt", "R8"),
    _rel(KESTREL, "COMPETES_WITH", HALDEN, "c.txt", "R9, in a file gold does not cover"),
    _entity(ORBIS, "Orbis Capital", "Company"),
    _entity(LUMEN, "Lumen Robotics", "Company", "Lumen Robotics SAS"),
    _entity(KESTREL, "Kestrel Cloud", "Company"),
    _entity(HALDEN, "Halden Systems", "Company"),
    _entity(ADA, "Ada Moreau", "Person"),
    _entity(ADLC, "Autorité de la concurrence", "Regulator"),
    _entity(ROUND, "Lumen Robotics Series B", "Deal"),
]


def _gold(file: str, subject: str, relation: str, obj: str) -> GoldFact:
    return GoldFact(file=file, subject=subject, relation=relation, object=obj,
                    evidence=f"{subject} {relation} {obj}")


GOLD_FACTS = [
    _gold("a.txt", "Orbis Capital", "INVESTS_IN", "Lumen Robotics"),  # R1
    _gold("a.txt", "Kestrel Cloud", "PARTNERS_WITH", "Lumen"),  # R2, either direction
    _gold("a.txt", "Lumen Robotics", "EMPLOYS", "Ada Moreau"),  # R3, person-first
    _gold("a.txt", "Lumen Robotics", "RAISED", "Series B round"),  # R4 carries "Series B"
    _gold("a.txt", "Lumen Robotics", "RAISED", "Series C"),  # missed: no Series C round
    _gold("a.txt", "Orbis Capital", "FUNDS", "Lumen Robotics"),  # R1 again (first match)
    _gold("a.txt", "Autorité de la concurrence", "REVIEWS", "Lumen Robotics"),  # R6: a party
    _gold("a.txt", "Ada Moreau", "BOARD_MEMBER_OF", "Kestrel Cloud"),  # missed
    _gold("b.txt", "Orbis Capital", "INVESTS_IN", "Lumen Robotics"),  # R8
    _gold("b.txt", "Halden Systems", "PARTNERS_WITH", "Orbis Capital"),  # missed
    _gold("d.txt", "Kestrel Cloud", "DEPENDS_ON", "Halden Systems"),  # missed: no file output
]


def test_relations_scored_by_hand() -> None:
    counts, misses, extras = score_relations(GOLD_FACTS, ROWS, {"a.txt": "en", "b.txt": "fr"})
    got = {k: (c.tp, c.fp, c.fn) for k, c in counts.items()}
    assert got == {
        ("invest", "en"): (2, 0, 0), ("partner", "en"): (1, 0, 0), ("role", "en"): (1, 0, 1),
        ("raise", "en"): (1, 0, 1), ("review", "en"): (1, 0, 0), ("acquire", "en"): (0, 1, 0),
        ("invest", "fr"): (1, 0, 0), ("partner", "fr"): (0, 0, 1), ("depend", "?"): (0, 0, 1),
    }  # R5 repeats a gold fact of a.txt (not an extra); R9's file has no gold (not scored)
    assert [(m.file, m.family, m.subject, m.object) for m in misses] == [
        ("a.txt", "raise", "Lumen Robotics", "Series C"),
        ("a.txt", "role", "Ada Moreau", "Kestrel Cloud"),
        ("b.txt", "partner", "Halden Systems", "Orbis Capital"),
        ("d.txt", "depend", "Kestrel Cloud", "Halden Systems"),
    ]
    assert misses[0].sentence == "Lumen Robotics RAISED Series C"
    assert [(e.file, e.lang, e.family, e.subject, e.object, e.sentence) for e in extras] == [
        ("a.txt", "en", "acquire", "Kestrel Cloud", "Halden Systems", "R7: a rumour")]


def test_entity_recall_by_kind() -> None:
    names = {"a.txt": {"orbis capital", "lumen robotics"}}
    gold = [GoldEntity(file="a.txt", name="Orbis Capital", kind="Company"),
            GoldEntity(file="a.txt", name="Lumen", kind="Company"),
            GoldEntity(file="a.txt", name="Ada Moreau", kind="Person"),
            GoldEntity(file="b.txt", name="Orbis Capital", kind="Company")]
    score = score_entities(gold, names)
    assert {k: (c.tp, c.fn) for k, c in score.by_kind.items()} == {
        "Company": (2, 1), "Person": (0, 1)}
    assert (score.found, score.total) == (2, 4) and score.recall == 0.5
    assert [(m.file, m.name) for m in score.missed] == [("a.txt", "Ada Moreau"),
                                                        ("b.txt", "Orbis Capital")]


# --- the fixture folder, end to end -------------------------------------------------------


def test_fixture_folder_scores_as_worked_out() -> None:
    report = evaluate(ARTICLES, GOLD, ENTITIES, extractor="evalfixture")
    # en: invest and partner found, the rumoured acquisition is an extra, the EMPLOYS missed;
    # fr: invest and partner found, "a racheté" missed; zh: 收购 found, the denied 携手 an
    # extra, 依赖 missed.
    assert (report.relations.tp, report.relations.fp, report.relations.fn) == (5, 2, 3)
    assert report.relations.precision == 5 / 7 and report.relations.recall == 5 / 8
    assert report.relations.f1 == pytest.approx(2 / 3)
    assert {k: (c.tp, c.fp, c.fn) for k, c in report.by_language.items()} == {
        "en": (2, 1, 1), "fr": (2, 0, 1), "zh": (1, 1, 1)}
    assert {k: (c.tp, c.fp, c.fn) for k, c in report.by_family.items()} == {
        "acquire": (1, 1, 1), "depend": (0, 0, 1), "invest": (2, 0, 0), "partner": (2, 1, 0),
        "role": (0, 0, 1)}
    assert report.entities is not None
    assert {k: (c.tp, c.fn) for k, c in report.entities.by_kind.items()} == {
        "Company": (5, 1), "Person": (0, 1)}
    assert [(m.file, m.name) for m in report.entities.missed] == [
        ("en_orbis.txt", "Ada Moreau"), ("fr_lumen.txt", "Kestrel Cloud")]
    assert report.files == 3 and report.failed == []


def invoke(*args: Any) -> Any:
    return CliRunner().invoke(cli, ["eval", *map(str, args), "--extractor", "evalfixture"])


def test_cli_table_by_language() -> None:
    result = invoke(ARTICLES, GOLD, "--by", "language", "--entities", ENTITIES)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "language  tp  fp  fn  precision  recall  f1",
        "--------  --  --  --  ---------  ------  ----",
        "en        2   1   1   0.67       0.67    0.67",
        "fr        2   0   1   1.00       0.67    0.80",
        "zh        1   1   1   0.50       0.50    0.50",
        "all       5   2   3   0.71       0.62    0.67",
        "",
        "kind     found  total  recall",
        "-------  -----  -----  ------",
        "Company  5      6      0.83",
        "Person   0      1      0.00",
        "all      5      7      0.71",
        "",
        "relations: precision 0.71 recall 0.62 F1 0.67 (tp 5, fp 2, fn 3; 3 files, "
        "extractor evalfixture)",
        "entities: recall 0.71 (5 of 7)",
    ]


def test_cli_show_errors_lists_sentences() -> None:
    result = invoke(ARTICLES, GOLD, "--show-errors")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("family   tp  fp  fn  precision  recall  f1\n")
    assert "\nmissed (3):\n" in out and "\nextra (2):\n" in out
    assert "missed entities" not in out  # no --entities
    extra = out.split("\nextra (2):\n")[1].split("\n\n")[0].splitlines()
    assert extra[2].split("  ")[0] == "en_orbis.txt"
    assert "Kestrel Cloud acquires Halden Systems, a rumour said on Friday" in extra[2]
    assert "Halden Systems 依赖 Kestrel Cloud 的云服务。" in out  # a miss, with its sentence


def test_cli_json() -> None:
    result = invoke(ARTICLES, GOLD, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["relations"] == {"tp": 5, "fp": 2, "fn": 3, "precision": 5 / 7,
                                 "recall": 5 / 8, "f1": pytest.approx(2 / 3)}
    assert data["by_language"]["fr"]["fn"] == 1 and data["entities"] is None
    assert {m["family"] for m in data["misses"]} == {"role", "acquire", "depend"}


def test_bad_gold_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"file": "a.txt", "subject": "A", "relation": "ACQUIRES", "object": "B"}\n'
                   '{"file": "a.txt", "subject": "A"}\n', encoding="utf-8")
    result = invoke(ARTICLES, bad)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {bad}:2: not a GoldFact (relation: Field required)\n")
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:1: not a GoldFact \(Expecting value"):
        read_jsonl(bad, GoldFact)
    result = invoke(ARTICLES, tmp_path / "missing.jsonl")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'missing.jsonl'}: cannot read")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    assert invoke(ARTICLES, tmp_path / "empty.jsonl").stderr == (
        f"Error: {tmp_path / 'empty.jsonl'}: no records\n")


# --- agreement with ../shared/eval --------------------------------------------------------


def _shared_eval() -> Path | None:
    """The eval kit beside the checkout (../shared/eval; a worktree's is two levels up)."""
    given = os.environ.get("KG_SHARED_EVAL")
    candidates = [Path(given)] if given else []
    candidates += [ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval"]
    return next((c for c in candidates if (c / "score.py").is_file() and (c / "dev").is_dir()),
                None)


SHARED = _shared_eval()
needs_shared = pytest.mark.skipif(SHARED is None, reason="no ../shared/eval (the eval kit) "
                                  "on this machine; set KG_SHARED_EVAL to its folder")
KG = f"{sys.executable} -m kg"


@needs_shared
def test_agrees_with_score_py_on_the_dev_set() -> None:
    assert SHARED is not None
    dev = SHARED / "dev"
    out = subprocess.run([sys.executable, str(SHARED / "score.py"), str(dev / "articles"),
                          str(dev / "gold.jsonl"), "--kg", KG, "--json"],
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    theirs = json.loads(out.stdout)
    ours = evaluate(dev / "articles", dev / "gold.jsonl")
    assert (ours.relations.tp, ours.relations.fp, ours.relations.fn) == (
        theirs["tp"], theirs["fp"], theirs["fn"])
    assert {k: (c.tp, c.fp, c.fn) for k, c in ours.by_family.items()} == {
        k: (v["tp"], v["fp"], v["fn"]) for k, v in theirs["families"].items()}
    assert ours.relations.f1 == pytest.approx(theirs["f1"])
    assert ours.relations.tp > 0  # a comparison of two empty runs would prove nothing


@needs_shared
def test_agrees_with_entity_recall_py(tmp_path: Path) -> None:
    # entity_recall.py runs `kg` once per file: a handful of files keeps this test short.
    assert SHARED is not None
    dev = SHARED / "dev"
    lines = (dev / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    files = sorted({json.loads(line)["file"] for line in lines if line.strip()})[:6]
    subset = tmp_path / "entities.jsonl"  # a temporary copy, never part of the project
    subset.write_text("\n".join(x for x in lines if x.strip() and json.loads(x)["file"] in files),
                      encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "entity_recall.py"),
                          str(dev / "articles"), str(subset), "--kg", KG],
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    theirs = {m[1]: (int(m[2]), int(m[3])) for m in
              re.finditer(r"^(\S+) +(\d+)/(\d+)", out.stdout, re.M)}
    total = re.search(r"entities: recall \S+ \((\d+) of (\d+)\)", out.stdout)
    assert theirs and total, out.stdout
    ours = evaluate(dev / "articles", dev / "gold.jsonl", subset).entities
    assert ours is not None
    assert {k: (c.tp, c.tp + c.fn) for k, c in ours.by_kind.items()} == theirs
    assert (ours.found, ours.total) == (int(total[1]), int(total[2]))
