"""Gold files for `kg eval`: the facts and entities a user annotated, one JSON object a line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from kg.errors import InputError


class GoldFact(BaseModel):
    """One annotated fact: the file stating it, subject, relation type, object, the sentence."""

    model_config = ConfigDict(extra="allow")

    file: str
    subject: str
    relation: str
    object: str
    evidence: str = ""


class GoldEntity(BaseModel):
    """One entity a file's gold uses."""

    model_config = ConfigDict(extra="allow")

    file: str
    name: str
    kind: str


M = TypeVar("M", bound=BaseModel)


def read_jsonl(path: str | Path, model: type[M]) -> list[M]:
    """The records of a JSON Lines file; InputError naming the file, line and reason."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc.__class__.__name__}: {exc})") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                records.append(model.model_validate(json.loads(line)))
            except (ValueError, ValidationError) as exc:
                reason = str(exc).splitlines()[0] if not isinstance(exc, ValidationError) else (
                    f"{'.'.join(map(str, exc.errors()[0]['loc']))}: {exc.errors()[0]['msg']}")
                raise InputError(f"{path}:{number}: not a {model.__name__} ({reason})") from exc
    if not records:
        raise InputError(f"{path}: no records")
    return records
