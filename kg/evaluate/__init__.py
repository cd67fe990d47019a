"""Measure an extractor on news you annotated yourself: `kg eval ARTICLES GOLD.jsonl`.

A gold file holds one fact a line, `{"file", "subject", "relation", "object", "evidence"}` (the
evidence is the sentence that states it; `attrs` and other keys are kept but not scored), and
optionally an entities file `{"file", "name", "kind"}`. The articles are extracted exactly as
`kg extract ARTICLES --format jsonl` would, then compared the way the project's eval kit
(`shared/eval/score.py`, `entity_recall.py`) compares them, so the figures agree:

- relations by family (`conventions.yaml`: INVESTS_IN and FUNDS are "invest", EMPLOYS is
  "role" read person-first...), direction kept except for symmetric families;
- subject and object matched by normalised name or alias, or by a name whose words contain the
  other's (never on a generic word such as "AI" alone);
- a regulator REVIEWS a Deal node: the deal counts as each of its parties;
- a RAISED round named by a label (Series C, seed) must carry that label, one named by a
  description matches the company's round;
- a fact counts for a file when one of its evidence sentences comes from that file; an extra
  that repeats a gold fact of its file is not counted against precision.

    report = evaluate(["my-news/"], "my-gold.jsonl", entities="my-entities.jsonl")
    print(report.relations.f1, report.by_language["fr"].recall)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kg.evaluate.gold import GoldEntity, GoldFact, read_jsonl
from kg.evaluate.names import family, names_match, norm
from kg.evaluate.score import (
    Counts,
    EntityScore,
    Slip,
    group,
    score_entities,
    score_relations,
    total,
)

__all__ = ["Counts", "EntityScore", "Extraction", "GoldEntity", "GoldFact", "Report", "Slip",
           "evaluate", "extract_rows", "family", "names_match", "norm", "read_jsonl",
           "score_entities", "score_relations"]


class Report(BaseModel):
    """What `kg eval` prints: relation counts overall, by family and by language, the misses
    and extras, and entity recall when an entities file was given."""

    extractor: str
    files: int
    relations: Counts
    by_family: dict[str, Counts]
    by_language: dict[str, Counts]
    misses: list[Slip]
    extras: list[Slip]
    entities: EntityScore | None = None
    failed: list[str] = []  # article files that could not be read, with the reason

    def breakdown(self, by: str = "family") -> list[dict[str, Any]]:
        """Rows of counts and rates (as text, two decimals) by family or language, then "all"."""
        groups = self.by_family if by == "family" else self.by_language
        return [_row(by, name, c) for name, c in [*groups.items(), ("all", self.relations)]]

    def entity_rows(self) -> list[dict[str, Any]]:
        """Entity recall by kind, then "all" (none without an entities file)."""
        if self.entities is None:
            return []
        rows = [{"kind": k, "found": c.tp, "total": c.tp + c.fn, "recall": f"{c.recall:.2f}"}
                for k, c in self.entities.by_kind.items()]
        e = self.entities
        return [*rows, {"kind": "all", "found": e.found, "total": e.total,
                        "recall": f"{e.recall:.2f}"}]

    def summary(self) -> list[str]:
        """The closing lines: relation precision, recall and F1; entity recall."""
        r = self.relations
        lines = [f"relations: precision {r.precision:.2f} recall {r.recall:.2f} F1 {r.f1:.2f} "
                 f"(tp {r.tp}, fp {r.fp}, fn {r.fn}; {self.files} files, extractor "
                 f"{self.extractor})"]
        if self.entities is not None:
            e = self.entities
            lines.append(f"entities: recall {e.recall:.2f} ({e.found} of {e.total})")
        return lines


def _row(by: str, name: str, c: Counts) -> dict[str, Any]:
    return {by: name, "tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": f"{c.precision:.2f}",
            "recall": f"{c.recall:.2f}", "f1": f"{c.f1:.2f}"}


@dataclass
class Extraction:
    """`kg extract --format jsonl` rows for the whole run, and per file: its language (the
    articles' `lang`; "mixed" when a file's articles differ) and the names of the entities
    extracted from it alone."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    langs: dict[str, str] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)  # files that could not be read, why


def extract_rows(paths: Iterable[str | Path], extractor: str = "rules") -> Extraction:
    """Extract as `kg extract` does; a file that cannot be read is skipped and listed in
    `failed` (as `kg extract` reports it and goes on)."""
    from kg.export import entity_record, relation_record
    from kg.pipeline import extract_paths
    from kg.resolve import EntityMerger

    run, per_file = EntityMerger(), defaultdict[str, EntityMerger](EntityMerger)
    langs: dict[str, set[str]] = defaultdict(set)
    out = Extraction()
    for item in extract_paths(paths, extractor):
        if isinstance(item, Exception):
            out.failed.append(str(item))
            continue
        article, result = item
        langs[article.file_name].add(article.lang or "?")
        for entity in result.entities:
            run.add(entity)
            per_file[article.file_name].add(entity)
        out.rows += [relation_record(r) for r in result.relations]
    out.rows += [entity_record(e) for e in run.entities()]
    out.langs = {f: ls.pop() if len(ls) == 1 else "mixed" for f, ls in langs.items()}
    out.names = {f: {n for e in m.entities() for n in (norm(e.name), *map(norm, e.aliases))}
                 for f, m in per_file.items()}
    return out


def evaluate(
    articles: str | Path | Iterable[str | Path],
    gold: str | Path,
    entities: str | Path | None = None,
    extractor: str = "rules",
) -> Report:
    """Extract the articles (files, folders or globs) and score them against the gold file."""
    facts = read_jsonl(gold, GoldFact)
    wanted = read_jsonl(entities, GoldEntity) if entities is not None else None
    paths = [articles] if isinstance(articles, str | Path) else list(articles)
    run = extract_rows(paths, extractor)
    counts, misses, extras = score_relations(facts, run.rows, run.langs)
    return Report(
        extractor=extractor, files=len({g.file for g in facts}),
        relations=total(counts.values()), by_family=group(counts, 0),
        by_language=group(counts, 1), misses=misses, extras=extras,
        entities=score_entities(wanted, run.names) if wanted is not None else None,
        failed=run.failed)
