"""Ask the graph database questions: the `cypher/` query library, `kg query` and `kg chain`.

Each `cypher/*.cypher` file is one query; its `//` header says what it answers and names its
parameters (`// @param name: help` or `// @param name=default: help`). The library is found next
to the installed package (`kg/cypher`, from the wheel) or at the top of a source checkout.

    from kg.query import chain, run_query
    with connect(ConnectionSettings.resolve(), Path("kg-data")) as conn:
        result = chain(conn, "Mistral AI", depth=2)
        result = run_query(conn, "investors_of", {"entity": "OpenAI"})
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.connection import Connection, ConnectionSettings, connect
from kg.errors import ConfigurationError, InputError, StoreError

PARAM_LINE = re.compile(r"^//\s*@param\s+(\w+)\s*(?:=\s*([^:\s]+))?\s*:?\s*(.*)$")
MAX_DEPTH = 10  # the library's variable-length patterns stop at 10 hops
CHAIN_QUERIES = {"down": "dependency_chain_down", "up": "dependency_chain_up"}
CHAIN_COLUMNS = {"path", "chain", "dependencies", "relations"}  # shown as a > b > c


@dataclass(frozen=True)
class Param:
    name: str
    default: Any = None
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    text: str
    question: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None


@dataclass
class QueryResult:
    query: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def open_graph(settings: ConnectionSettings, data_dir: Path) -> Iterator[Connection]:
    """A connection for questions. The embedded database is ours alone, so it is first brought
    up to date with the store (a no-op when nothing changed); a named server is queried as is."""
    with connect(settings, data_dir) as conn:
        if settings.embedded and (Path(data_dir) / "kg.sqlite").is_file():
            from kg.neo4j_load import load
            from kg.store import Store

            with Store.open(data_dir, create=False) as store:
                load(store, conn)
        yield conn


def library_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [d for d in (here / "cypher", here.parent / "cypher") if d.is_dir()]


def library() -> dict[str, LibraryQuery]:
    """Every library query by name (file stem); the installed copy wins over a checkout's."""
    found: dict[str, LibraryQuery] = {}
    for folder in reversed(library_dirs()):
        for path in sorted(folder.glob("*.cypher")):
            found[path.stem] = parse_query_file(path)
    return found


def parse_query_file(path: Path) -> LibraryQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read query file ({exc})") from exc
    return parse_query(text, path.stem, path)


def parse_query(text: str, name: str = "query", path: Path | None = None) -> LibraryQuery:
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


def _value(raw: str) -> Any:
    """Numbers, booleans, null and JSON lists as such; everything else is text."""
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, int | float | bool | list) or value is None else raw


def bind(query: LibraryQuery, given: dict[str, Any]) -> dict[str, Any]:
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


def run_query(conn: Connection, query_or_file: str, params: dict[str, Any] | None = None
              ) -> QueryResult:
    query = resolve_query(query_or_file)
    rows = conn.run(query.text, bind(query, dict(params or {})))
    columns = list(rows[0]) if rows else []
    return QueryResult(query=query.name, columns=columns, rows=rows)


def chain(conn: Connection, entity: str, depth: int = 3, direction: str = "down") -> QueryResult:
    """The dependency chain below (`down`: what it depends on) or above (`up`: who depends on
    it) an entity, by name, alias or id."""
    if direction not in CHAIN_QUERIES:
        raise ConfigurationError(f"direction {direction!r}: expected up or down")
    if not 1 <= depth <= MAX_DEPTH:
        raise ConfigurationError(f"depth {depth}: expected 1 to {MAX_DEPTH}")
    find_entity(conn, entity)
    return run_query(conn, CHAIN_QUERIES[direction], {"entity": entity, "depth": depth})


def find_entity(conn: Connection, entity: str) -> dict[str, Any]:
    rows = conn.run(
        "MATCH (n:Entity) WHERE n.id = $e OR toLower(n.name) = toLower($e) OR $e IN n.aliases "
        "RETURN n.id AS id, n.name AS name, n.kind AS kind ORDER BY id LIMIT 1",
        {"e": entity},
    )
    if not rows:
        total = conn.run("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"]
        hint = "the database is empty: run `kg load` first" if not total else "check the name"
        raise StoreError(f"{entity}: no such entity in the database ({hint})")
    return rows[0]


# --- rendering ------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """JSON-ready values: neo4j dates and times as ISO text, containers recursively."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def to_json(result: QueryResult) -> str:
    return json.dumps([plain(r) for r in result.rows], ensure_ascii=False, indent=2)


def to_table(result: QueryResult, width: int = 60) -> str:
    if not result.rows:
        return "(no rows)"
    cells = [[_cell(plain(r.get(c)), width, " > " if c in CHAIN_COLUMNS else ", ")
              for c in result.columns] for r in result.rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: Any, width: int, sep: str) -> str:
    if isinstance(value, list):
        flat = all(isinstance(v, str | int | float) for v in value)
        text = sep.join(map(str, value)) if flat else json.dumps(value, ensure_ascii=False)
    elif value is None:
        text = ""
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
