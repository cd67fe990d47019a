"""The Cypher query library: `cypher/*.cypher` files, their `//` headers, and parameters.

Each file is one query; its `//` header says what it answers (`// Question: ...?`) and names its
parameters (`// @param name: help` or `// @param name=default: help`). The library is found next
to the installed package (`kg/cypher`, from the wheel) or at the top of a source checkout.
Running a query is kg.graphdb.query's job; this module only reads and binds.

    query = resolve_query("investors_of")      # a library name, a .cypher path, or Cypher text
    params = bind(query, parse_params(["entity=OpenAI"]))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import ConfigurationError, InputError, printable

PARAM_LINE = re.compile(r"^//\s*@param\s+(\w+)\s*(?:=\s*([^:\s]+))?\s*:?\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One `// @param` line: a name, its default (None and required when it has none), help."""

    name: str
    default: Any = None
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class LibraryQuery:
    """One query: its name (file stem), Cypher text, header question and parameters."""

    name: str
    text: str
    question: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None


def library_dirs() -> list[Path]:
    """Where the query files are: `kg/cypher` in an installed wheel, `cypher/` in a checkout."""
    package = Path(__file__).resolve().parent.parent  # kg/
    return [d for d in (package / "cypher", package.parent / "cypher") if d.is_dir()]


def library() -> dict[str, LibraryQuery]:
    """Every library query by name (file stem); the installed copy wins over a checkout's."""
    found: dict[str, LibraryQuery] = {}
    for folder in reversed(library_dirs()):
        for path in sorted(folder.glob("*.cypher")):
            found[path.stem] = parse_query_file(path)
    return found


def parse_query_file(path: Path) -> LibraryQuery:
    """A .cypher file as a query; InputError naming the file when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query file ({exc})") from exc
    return parse_query(text, path.stem, path)


def parse_query(text: str, name: str = "query", path: Path | None = None) -> LibraryQuery:
    """Cypher text as a query: the leading `//` lines give its question and parameters."""
    params: list[Param] = []
    question = ""
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        match = PARAM_LINE.match(line)
        if match:
            raw = match[2]
            params.append(Param(match[1], _value(raw) if raw else None, raw is None, match[3]))
        elif line.lower().startswith("// question:"):
            question = line.split(":", 1)[1].strip()
    if not text.strip():
        raise InputError(f"{path or name}: empty query")
    return LibraryQuery(name=name, text=text, question=question, params=tuple(params), path=path)


def resolve_query(query_or_file: str) -> LibraryQuery:
    """A library name ("investors_of"), a .cypher file path, or Cypher text itself."""
    known = library()
    stem = query_or_file.removesuffix(".cypher")
    if stem in known:
        return known[stem]
    path = Path(query_or_file)
    if query_or_file.endswith(".cypher") or (len(query_or_file) < 300 and _is_file(path)):
        if not path.is_file():
            raise InputError(f"{query_or_file}: no such query file or library query "
                             f"(library: {', '.join(sorted(known))})")
        return parse_query_file(path)
    return parse_query(query_or_file, "query")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # Cypher text that is not a valid file name at all
        return False


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """["depth=2", "entity=Mistral AI"] -> {"depth": 2, "entity": "Mistral AI"}."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ConfigurationError(f"--param {pair!r}: expected name=value")
        params[name.strip()] = _value(raw)
    return params


MAX_NESTING = 32  # lists inside lists a --param may hold
_INT64 = (-(2**63), 2**63 - 1)


def _value(raw: str) -> Any:
    """Numbers, booleans, null and JSON lists as such; everything else is text. What Bolt
    cannot carry (an integer past 64 bits, lists nested past MAX_NESTING, bytes that are not
    UTF-8) is a one-line ConfigurationError."""
    if _SURROGATE.search(raw):
        raise ConfigurationError(f"--param value {printable(raw)[:80]!r}: not valid UTF-8")
    if _depth(raw) > MAX_NESTING:
        raise ConfigurationError(f"--param value {raw[:40]!r}...: lists nested deeper than "
                                 f"{MAX_NESTING}")
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if not (isinstance(value, int | float | bool | list) or value is None):
        return raw
    _check_ints(value, raw)
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _depth(raw: str) -> int:
    """How deep the brackets of `raw` nest (strings not parsed: an upper bound)."""
    deepest = depth = 0
    for char in raw:
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]":
            depth -= 1
    return deepest


def _check_ints(value: Any, raw: str) -> None:
    if isinstance(value, list):
        for item in value:
            _check_ints(item, raw)
    elif isinstance(value, int) and not isinstance(value, bool) and \
            not _INT64[0] <= value <= _INT64[1]:
        raise ConfigurationError(f"--param value {raw[:40]!r}: integer out of the 64-bit range")


def bind(query: LibraryQuery, given: dict[str, Any]) -> dict[str, Any]:
    """The parameter values to send: `given` plus the header's defaults. A query with a header
    rejects names it does not declare; a required parameter left out is an error."""
    if query.params:
        names = {p.name for p in query.params}
        unknown = sorted(set(given) - names)
        if unknown:
            raise ConfigurationError(f"query {query.name}: unknown parameter(s) "
                                     f"{', '.join(unknown)} (it takes {', '.join(sorted(names))})")
    values = {p.name: p.default for p in query.params if not p.required} | given
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise ConfigurationError(f"query {query.name}: missing parameter(s) "
                                 f"{', '.join(missing)} (pass --param {missing[0]}=...)")
    return values
