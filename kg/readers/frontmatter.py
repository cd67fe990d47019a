"""Markdown digests with YAML front matter (formats.md §1): metadata, footnote sources, keywords."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from kg.dates import read_date
from kg.errors import InputError
from kg.lang import detect
from kg.readers.common import heading, lang_fields, lexicon, md_to_text
from kg.schema import Article, ArticleFormat, Section, SourceRef

# libyaml's C loader parses the same YAML ~10x faster; pure Python when it is not built in.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = re.compile(r"\A\s*---[ \t]*\n")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)
_FOOTNOTE = re.compile(r"^\s*\[\^([^\]\s]+)\]:\s*(.*)$")
_CITATION = re.compile(
    r"^(?:\((?P<date>[^)]*)\)\.?\s*)?\"?\[(?P<title>[^\]]*)\]\(<?(?P<url>[^)>\s]+)>?\)\"?\.?\s*(?P<rest>.*)$"
)
_URL = re.compile(r"https?://[^\s)>\]\"]+")
_LABEL_END = re.compile(r"[:：]")
_HASHTAG = re.compile(r"#([^\s#]+)")
_SKIPPED_HEADINGS = {"content", "内容", "正文"}
_REFERENCE_HEADINGS = {
    "references",
    "reference",
    "sources",
    "参考资料",
    "参考文献",
    "来源",
    "références",
}


def has_front_matter(text: str) -> bool:
    return bool(_OPEN.match(text))


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """The front matter mapping and the body after its closing `---`."""
    opening = _OPEN.match(text)
    assert opening is not None
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise InputError(f"{path}: front matter opened with --- is never closed")
    meta = _load_yaml(path, text[opening.end() : closing.start()])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f"{path}: front matter is not a 'key: value' mapping")
    return {str(k): v for k, v in meta.items()}, text[closing.end() :]


def _load_yaml(path: Path, source: str) -> Any:
    """Front matter YAML, aliases refused: a few hundred bytes of nested aliases expand to
    gigabytes (the "billion laughs" of YAML). Anchors alone are harmless."""
    try:
        if "&" in source and "*" in source and any(
            isinstance(event, yaml.AliasEvent) for event in yaml.parse(source, Loader=_LOADER)
        ):
            raise InputError(f"{path}: front matter uses YAML aliases (*name), not accepted")
        return yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"{path}: front matter is not valid YAML{where}") from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # libyaml reads the text, then the constructors choke: "date: 2024-13-45"
        reason = " ".join(str(exc).split())[:80] or type(exc).__name__
        raise InputError(f"{path}: front matter is not valid YAML ({reason})") from exc


def read_digest(path: Path, text: str) -> Article:
    meta, body = split_front_matter(path, text)
    published = _published(path, meta)
    body, sources, keywords, hashtags = _take_metadata(body)
    sections = _sections(body)
    plain = md_to_text(body)
    url = _str(meta.pop("source_url", None)) or None
    lang, langs = lang_fields(plain, sections)
    return Article(
        id=url or str(path),
        file=str(path),
        format=ArticleFormat.MARKDOWN_DIGEST,
        title=_str(meta.pop("title", "")),
        text=plain,
        sections=sections,
        lang=lang,
        langs=langs,
        published=published,
        url=url,
        authors=_list(meta.pop("author", meta.pop("authors", None))),
        sources=sources,
        keywords=keywords,
        tags=_dedupe(_list(meta.pop("tags", None)) + hashtags),
        meta=json_safe(meta),
    )


def _published(path: Path, meta: dict[str, Any]) -> str | None:
    raw = meta.pop("date", None)
    if raw is None or raw == "":
        return None
    iso = read_date(raw)
    if iso is None:
        raise InputError(f"{path}: front matter date {str(raw)!r} is not a date")
    return iso


def _take_metadata(body: str) -> tuple[str, list[SourceRef], list[str], list[str]]:
    """Pull footnote definitions, the keyword line and the `## Tags` section out of the body."""
    kept: list[str] = []
    sources: list[SourceRef] = []
    keywords: list[str] = []
    hashtags: list[str] = []
    skipping = False  # inside `## References` or `## Tags`
    for line in body.split("\n"):
        found = heading(line)
        if found:
            name = found[1].strip().lower()
            skipping = name in _REFERENCE_HEADINGS or name in ("tags", "标签")
            if skipping or name in _SKIPPED_HEADINGS:
                continue
        if line.strip().lower().startswith("</article"):
            skipping = False  # the keyword line and tags follow the article wrapper
            continue
        footnote = _FOOTNOTE.match(line)
        if footnote:
            sources.append(parse_citation(footnote.group(1), footnote.group(2)))
        elif (words := keyword_line(line)) is not None:
            keywords.extend(words)
        elif skipping and _HASHTAG.search(line):
            hashtags.extend(_HASHTAG.findall(line))
        elif not skipping:
            kept.append(line)
    return "\n".join(kept), sources, _dedupe(keywords), hashtags


def keyword_line(line: str) -> list[str] | None:
    """`**关键词**：A, B，C` -> ['A', 'B', 'C']; None when the line is not a keyword line."""
    colon = _LABEL_END.search(line, 0, 64)
    if colon is None:
        return None
    label, rest = line[: colon.start()].strip(" \t*"), line[colon.end() :].strip(" \t*")
    if not rest or "*" in label or label.lower() not in lexicon()["keyword_labels"]:
        return None
    return [w.strip(" *") for w in re.split(r"[,，、;；]", rest) if w.strip(" *")]


def parse_citation(label: str, raw: str) -> SourceRef:
    """`(2024, June 11). "[Headline](<url>)". Publisher. Retrieved ...` -> SourceRef."""
    m = _CITATION.match(raw.strip())
    if not m:
        url = _URL.search(raw)
        return SourceRef(label=label, title=raw.strip(), url=url.group(0) if url else None)
    publisher = re.split(r"\.?\s*Retrieved\b", m.group("rest"), maxsplit=1)[0].strip(" .")
    date_text = (m.group("date") or "").strip()
    return SourceRef(
        label=label,
        title=m.group("title").strip(),
        url=m.group("url"),
        publisher=publisher or None,
        date=(read_date(date_text) or date_text) or None,
    )


def _sections(body: str) -> list[Section]:
    """One section per markdown heading, each with its own language."""
    sections: list[Section] = []
    title, buf = "", []
    for line in body.split("\n") + ["# "]:
        m = heading(line)
        if not m and line != "# ":
            buf.append(line)
            continue
        text = md_to_text("\n".join(buf))
        if text:
            sections.append(Section(lang=detect(text), heading=title, text=text))
        title, buf = (md_to_text(m[1]) if m else ""), []
    return sections


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,，]", value) if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def json_safe(value: Any) -> Any:
    """YAML dates and other scalars -> JSON-friendly values, so meta survives the store."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
