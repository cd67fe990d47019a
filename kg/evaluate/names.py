"""How `kg eval` matches names and relation types: the eval kit's conventions
(`kg/evaluate/conventions.yaml`), so that `kg eval` and `shared/eval/score.py` agree."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kg.data import PACKAGE, EvalConventions, load_model


@cache
def conventions() -> EvalConventions:
    """The scoring conventions (`kg/evaluate/conventions.yaml`)."""
    return load_model(PACKAGE / "evaluate" / "conventions.yaml", EvalConventions)


@cache
def _suffixes() -> re.Pattern[str]:
    return re.compile(rf"\b({'|'.join(map(re.escape, conventions().suffixes))})\b\.?")


@cache
def round_label() -> re.Pattern[str]:
    """A funding round's label in a gold object ("Series C", "seed", "B轮")."""
    return re.compile(conventions().round_label, re.I)


def norm(name: str) -> str:
    """A name as scored: accents, case, company-form words and punctuation dropped, then the
    alias table (`"Mistral AI SAS"` -> `"mistral ai"`, `"EU"` -> `"european union"`)."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("–", "-").replace("—", "-")
    s = _suffixes().sub("", s)
    s = re.sub(r"[^\w\u4e00-\u9fff]+", " ", s).strip()
    return conventions().aliases.get(s, s)


def names_match(gold: str, candidates: set[str]) -> bool:
    """The gold name is one of the normalised candidates, or its words contain (or are
    contained in) a candidate's, sharing a word that is not generic."""
    g = norm(gold)
    generic = set(conventions().generic_tokens)
    for c in candidates:
        if g == c:
            return True
        gt, ct = set(g.split()), set(c.split())
        if gt and ct and (gt <= ct or ct <= gt) and max(len(g), len(c)) > 2 and (gt & ct) - generic:
            return True
    return False


def family(relation: str) -> tuple[str, bool]:
    """(family, whether the type points the other way) of a relation type."""
    f = conventions().families.get(relation.upper(), relation.lower())
    return (f[:-1], True) if f.endswith("~") else (f, False)
