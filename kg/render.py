"""Printing data: one place for tables, JSON, JSON Lines and CSV, used by every CLI command.

Rows are mappings (column -> value); `columns` fixes which columns and their order (default: the
first row's keys). Values are made printable by `plain` (dates as ISO text); a list cell is
joined with ", " (or the column's joiner, e.g. " > " for a path) in tables and CSV and stays a
list in JSON. Tables are aligned by display width, so a Chinese name (two columns per
character) lines up with the names around it.

    render(rows, ["name", "kind"], "table")            # to stdout
    render(rows, ["name", "kind"], "csv", stream=fh)
    text = render_text(rows, fmt="json")

CSV written into a file (`kg entities --format csv > entities.csv`) starts with a UTF-8
byte-order mark, so Excel reads it as UTF-8 (without one it takes the ANSI code page and
Chinese names come out garbled); into a pipe or a terminal it never does. KG_CSV_BOM=0 or 1
decides instead (`csv_bom`). CSV is comma-separated unless KG_CSV_SEP says otherwise
(`csv_separator`): a French or German Excel, whose list separator is ";", wants KG_CSV_SEP=";".
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import stat
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, TextIO

from kg.errors import ConfigurationError

FORMATS = ("table", "json", "jsonl", "csv")
CELL_WIDTH = 60  # a table cell longer than this is cut, with "…"
GAP = "  "  # between table columns


def render(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    fmt: str = "table",
    stream: TextIO | None = None,
    *,
    joiners: Mapping[str, str] | None = None,
    header: bool = True,
    width: int | None = CELL_WIDTH,
    empty: str = "(no rows)",
) -> None:
    """Write `rows` to `stream` (default stdout) as a table, JSON, JSON Lines or CSV.

    JSON Lines is written row by row as they come; the other formats read all rows first.
    `header`, `width` (None: never cut) and `empty` (what a table of no rows prints) are for
    tables; `joiners` maps a column to the text between the items of a list cell."""
    out = stream if stream is not None else sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(plain(_pick(row, columns)), ensure_ascii=False) + "\n")
        return
    text = render_text(rows, columns, fmt, joiners=joiners, header=header, width=width,
                       empty=empty)
    if fmt == "csv" and csv_bom(out):
        text = "\ufeff" + text
    out.write(text)


def csv_bom(stream: TextIO) -> bool:
    """Whether CSV written to `stream` starts with a byte-order mark: KG_CSV_BOM=1 or 0 if set,
    else only when `stream` is an empty regular file written in UTF-8 (a `>` redirect); never
    a pipe, a terminal or a file being appended to, so programs reading kg's output see none."""
    forced = os.environ.get("KG_CSV_BOM", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    try:
        fd = stream.fileno()
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
        empty = regular and os.fstat(fd).st_size == 0 and os.lseek(fd, 0, os.SEEK_CUR) == 0
        utf8 = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except (AttributeError, OSError, ValueError, LookupError):  # io.UnsupportedOperation too
        return False
    return empty and utf8


def csv_separator() -> str:
    """The CSV field separator: KG_CSV_SEP if set (one character, or `tab`), else ",". Excel
    splits a double-clicked CSV on the list separator of its regional settings, which is ";"
    wherever the decimal point is a comma (French, German, ...)."""
    value = os.environ.get("KG_CSV_SEP", "")
    if value in ("", ","):
        return ","
    if value.lower() in ("tab", "\\t", "\t"):
        return "\t"
    if len(value) != 1 or value in ('"', "\n", "\r") or value.isalnum():
        raise ConfigurationError(
            f"KG_CSV_SEP {value!r}: expected one character such as ';' or ',', or 'tab'")
    return value


def render_text(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    fmt: str = "table",
    *,
    joiners: Mapping[str, str] | None = None,
    header: bool = True,
    width: int | None = CELL_WIDTH,
    empty: str = "(no rows)",
) -> str:
    """What `render` writes, as text (ending in a newline unless empty)."""
    rows = list(rows)
    cols = list(columns) if columns is not None else list(rows[0]) if rows else []
    if fmt == "table":
        return table(rows, cols, joiners=joiners, header=header, width=width, empty=empty) + "\n"
    if fmt == "json":
        return to_json([_pick(r, cols) for r in rows]) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(plain(_pick(r, cols)), ensure_ascii=False) + "\n"
                       for r in rows)
    if fmt == "csv":
        return to_csv(rows, cols, joiners=joiners)
    raise ConfigurationError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    joiners: Mapping[str, str] | None = None,
    header: bool = True,
    width: int | None = CELL_WIDTH,
    empty: str = "(no rows)",
) -> str:
    """Columns padded to their widest cell (by display width), two spaces apart; a header
    line and a line of dashes unless `header` is False; trailing spaces dropped."""
    if not rows:
        return empty
    joiners = joiners or {}
    cells = [[clip(cell(r.get(c), joiners.get(c, ", ")), width) for c in columns] for r in rows]
    lines = [list(columns), *cells] if header else cells
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(columns))]
    if header:
        lines.insert(1, ["-" * w for w in widths])
    return "\n".join(
        GAP.join(pad(text, w) for text, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def to_json(value: Any) -> str:
    """Any value as indented JSON, dates as ISO text, non-ASCII kept as it is."""
    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def to_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    joiners: Mapping[str, str] | None = None,
    separator: str | None = None,
) -> str:
    """A header line and one line per row, quoted where needed (as RFC 4180 says, but with
    `\\n` line ends, which spreadsheets read too); list cells joined as in tables, never cut.
    Fields are separated by `separator` (default: `csv_separator()`, "," unless KG_CSV_SEP)."""
    joiners = joiners or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator or csv_separator(), lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c), joiners.get(c, ", ")) for c in columns])
    return buffer.getvalue()


def plain(value: Any) -> Any:
    """JSON-ready values: dates and times (Python's or the neo4j driver's) as ISO text,
    pydantic models and enums as their values, containers recursively."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if hasattr(value, "iso_format"):  # neo4j.time
        return value.iso_format()
    if hasattr(value, "isoformat"):  # datetime, date, time
        return value.isoformat()
    if hasattr(value, "model_dump"):  # pydantic
        return plain(value.model_dump(mode="json"))
    if isinstance(value, Enum):
        return plain(value.value)
    return value


def cell(value: Any, joiner: str = ", ") -> str:
    """One value as cell text: nothing for None, a flat list joined, anything nested as JSON."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) for v in value):
            return joiner.join(map(str, value))
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def display_width(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide and full-width characters count 2,
    combining marks 0."""
    if text.isascii():  # the common case, ~50x faster than asking unicodedata per character
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` display columns."""
    return text + " " * max(0, width - display_width(text))


def clip(text: str, width: int | None) -> str:
    """`text` cut to at most `width` display columns, ending in "…" when cut."""
    if width is None or display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pick(row: Mapping[str, Any], columns: Sequence[str] | None) -> dict[str, Any]:
    return dict(row) if columns is None else {c: row.get(c) for c in columns}
