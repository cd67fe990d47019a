"""Colours and shapes per entity kind and relation type, read from style.json next to this file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class KindStyle:
    color: str
    shape: str  # a vis-network shape that scales with node size (dot, square, star, ...)


@dataclass(frozen=True)
class Style:
    kinds: dict[str, KindStyle]
    unknown_kind: KindStyle
    relations: dict[str, str]
    unknown_relation: str

    def kind(self, kind: str) -> KindStyle:
        return self.kinds.get(kind, self.unknown_kind)

    def relation(self, relation: str) -> str:
        return self.relations.get(relation, self.unknown_relation)


@lru_cache(maxsize=1)
def load_style() -> Style:
    raw: dict[str, Any] = json.loads(
        resources.files("kg.explorer").joinpath("style.json").read_text(encoding="utf-8")
    )
    return Style(
        kinds={k: KindStyle(**v) for k, v in raw["kinds"].items()},
        unknown_kind=KindStyle(**raw["unknown_kind"]),
        relations=dict(raw["relations"]),
        unknown_relation=raw["unknown_relation"],
    )
