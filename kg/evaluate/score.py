"""Scoring for `kg eval`: relations by family and language over the files gold names, misses
and extras with their sentences, entity recall by kind."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, computed_field

from kg.evaluate.gold import GoldEntity, GoldFact
from kg.evaluate.names import conventions, family, names_match, norm, round_label


class Counts(BaseModel):
    """True positives, false positives and false negatives, with the rates they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Slip(BaseModel):
    """A gold fact missed, or an extracted fact gold does not have, with its sentence."""

    file: str
    lang: str
    family: str
    subject: str
    object: str
    sentence: str


class EntityScore(BaseModel):
    """Entity recall: gold entities named by the file's extracted entities, by kind."""

    by_kind: dict[str, Counts] = {}
    missed: list[GoldEntity] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def found(self) -> int:
        return sum(c.tp for c in self.by_kind.values())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        return sum(c.tp + c.fn for c in self.by_kind.values())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


@dataclass
class Predicted:
    """An extracted relation as scored: family, the names its two ends go by (subject first),
    the files its evidence comes from, the record, and the ends' names as extracted."""

    family: str
    subjects: set[str]
    objects: set[str]
    files: set[str]
    record: dict[str, Any]
    shown: tuple[str, str] = ("", "")


def _predicted(rows: list[dict[str, Any]]) -> list[Predicted]:
    entities = {r["id"]: r for r in rows if r.get("type") == "entity"}
    relations = [r for r in rows if r.get("type") == "relation"]

    def kind(eid: str) -> str:
        return str(entities.get(eid, {}).get("kind") or "").lower()

    def names(eid: str) -> set[str]:
        e = entities.get(eid, {"name": eid})
        return {norm(e.get("name", ""))} | {norm(a) for a in e.get("aliases") or []}

    parties: dict[str, set[str]] = defaultdict(set)  # a deal -> names of what links to it
    for r in relations:
        for a, b in ((r["source"], r["target"]), (r["target"], r["source"])):
            if kind(a) == "deal" and kind(b) != "deal":
                parties[a] |= names(b)
    out = []
    for r in relations:
        fam, inverse = family(r["relation"])
        s, t = (r["target"], r["source"]) if inverse else (r["source"], r["target"])
        sn, tn = names(s), names(t)
        if kind(t) == "deal":
            tn |= parties[t]
        if kind(s) == "deal" and fam != "review":
            sn |= parties[s]
        if fam == "role" and kind(s) != "person":
            sn, tn, s, t = tn, sn, t, s
        shown = (str(entities.get(s, {}).get("name") or s),
                 str(entities.get(t, {}).get("name") or t))
        out.append(Predicted(fam, sn, tn, _files(r), r, shown))
    return out


def _files(record: dict[str, Any]) -> set[str]:
    found = set()
    for ev in record.get("evidence") or []:
        for key in ("file", "path", "article", "source", "article_id"):
            value = ev.get(key) if isinstance(ev, dict) else None
            if value:
                found.add(Path(str(value)).name)
    return found


def _round_matches(fam: str, gold_object: str, record: dict[str, Any]) -> bool:
    """A RAISED round named by a label must carry it; one named by a description matches."""
    if fam != "raise":
        return False
    label = round_label().search(gold_object)
    if not label:
        return True
    said = (json.dumps(record.get("target", ""), ensure_ascii=False)
            + json.dumps(record.get("properties", {}), ensure_ascii=False))

    def squash(text: str) -> str:
        return re.sub(r"\W+", "", text.lower()).replace("série", "series").replace(
            "serie", "series")

    return squash(label.group(1)) in squash(said)


def _hit(g: GoldFact, preds: list[Predicted]) -> int | None:
    """Index of the first prediction stating gold fact `g`, if any."""
    fam, inverse = family(g.relation)
    subj, obj = (g.object, g.subject) if inverse else (g.subject, g.object)
    for i, p in enumerate(preds):
        if p.family != fam:
            continue
        ok = names_match(subj, p.subjects) and (names_match(obj, p.objects)
                                                or _round_matches(fam, obj, p.record))
        if not ok and fam in conventions().symmetric:
            ok = names_match(subj, p.objects) and names_match(obj, p.subjects)
        if ok:
            return i
    return None


def score_relations(
    gold: list[GoldFact], rows: list[dict[str, Any]], langs: dict[str, str] | None = None
) -> tuple[dict[tuple[str, str], Counts], list[Slip], list[Slip]]:
    """Counts by (family, language) over the files gold names, the misses and the extras."""
    langs = langs or {}
    by_file: dict[str, list[Predicted]] = defaultdict(list)
    for p in _predicted(rows):
        for f in p.files or {"?"}:
            by_file[f].append(p)
    counts: dict[tuple[str, str], Counts] = defaultdict(Counts)
    misses, extras = [], []
    for f in sorted({g.file for g in gold}):
        facts, preds, lang = [g for g in gold if g.file == f], by_file.get(f, []), langs.get(f, "?")
        used = set()
        for g in facts:
            fam, inverse = family(g.relation)
            i = _hit(g, preds)
            if i is not None:
                used.add(i)
                counts[fam, lang].tp += 1
            else:
                counts[fam, lang].fn += 1
                s, o = (g.object, g.subject) if inverse else (g.subject, g.object)
                misses.append(Slip(file=f, lang=lang, family=fam, subject=s, object=o,
                                   sentence=g.evidence))
        for i, p in enumerate(preds):
            if i not in used and not _repeats_gold(p, facts):
                counts[p.family, lang].fp += 1
                extras.append(_extra(p, f, lang))
    return dict(counts), misses, extras


def _repeats_gold(p: Predicted, facts: list[GoldFact]) -> bool:
    both = p.subjects | p.objects
    return any(p.family == family(g.relation)[0] and names_match(g.subject, both)
               and names_match(g.object, both) for g in facts)


def _extra(p: Predicted, file: str, lang: str) -> Slip:
    sentences = [ev.get("sentence", "") for ev in p.record.get("evidence") or []
                 if Path(str(ev.get("file", ""))).name == file]
    return Slip(file=file, lang=lang, family=p.family, subject=p.shown[0], object=p.shown[1],
                sentence=(sentences or [""])[0])


def score_entities(gold: list[GoldEntity], names: dict[str, set[str]]) -> EntityScore:
    """Gold entities found among the names extracted from their own file."""
    score = EntityScore()
    for g in sorted(gold, key=lambda e: e.file):
        counts = score.by_kind.setdefault(g.kind, Counts())
        if names_match(g.name, names.get(g.file, set())):
            counts.tp += 1
        else:
            counts.fn += 1
            score.missed.append(g)
    score.by_kind = dict(sorted(score.by_kind.items()))
    return score


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of some counts."""
    out = Counts()
    for c in counts:
        out.tp, out.fp, out.fn = out.tp + c.tp, out.fp + c.fp, out.fn + c.fn
    return out


def group(counts: dict[tuple[str, str], Counts], index: int) -> dict[str, Counts]:
    """Counts keyed (family, language) summed by family (`index` 0) or language (1)."""
    groups: dict[str, list[Counts]] = defaultdict(list)
    for key, c in counts.items():
        groups[key[index]].append(c)
    return {k: total(v) for k, v in sorted(groups.items())}
