"""The one loader of packaged YAML data files: parsed once, validated, cached.

Every word list, pattern table and gazetteer under `kg/*/data/` is read through `load_yaml`
(plain data, as the file has it) or `load_model` (the same file as its pydantic model). Each file
has a schema below (`SCHEMAS`, gazetteer files by their folder); a key the schema does not
declare is an error at load, with a one-line message naming the file and the key:

    kg/extract/data/patterns.yaml: unknown key 'triggers.invest.3.agnet'

A new key in a data file needs a field here first: the schemas document the files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.errors import ConfigurationError
from kg.schema import EntityKind

PACKAGE = Path(__file__).parent
DATA = PACKAGE / "extract" / "data"  # the extractor's data files
READERS_DATA = PACKAGE / "readers" / "data"

# libyaml's C loader reads the data files several times faster; pure Python when not built in
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Lang = Literal["en", "fr", "zh"]
Words = list[str]


class DataFile(BaseModel):
    """Base of every data-file schema: an undeclared key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- kg/extract/data ------------------------------------------------------------------------


class Abbreviations(DataFile):
    abbreviations: Words
    sentence_starters: Words


class Descriptors(DataFile):
    heads: dict[Literal["company", "startup", "regulator"], Words]
    determiners: dict[Lang, Words]
    nationalities: dict[str, Words]  # country code -> adjectives and demonyms
    places: dict[str, Words]  # place key (gazetteer `places`) -> spellings
    watchdogs: dict[str, str]  # country code -> its competition authority (gazetteer name)
    bare_zh: Words  # 公司 alone at a clause start: the company the text is about
    customer_lists: dict[Lang, Words]  # "customers include": firms named in passing


class Suffixes(DataFile):
    """Words that end an organisation's name, and what they make it ("Quillon Ventures",
    "红杉资本"): a name nobody listed is discovered wherever one of them ends it."""

    fund: Words  # Latin: Capital, Ventures, Partners …
    company: Words  # Latin: Labs, Robotics, Technologies …
    fund_zh: Words  # 资本, 创投, 基金 …
    fund_zh_listed: Words = []  # 投资: a name's end only for an item of a list (A投资、B创投)
    zh_noise: Words  # what may stand before a zh name in a list (老股东, 投资方, 包括 …)
    zh_generic: Words  # words that alone make no name (政府引导基金, 产业基金)
    generic: Words  # Latin words that alone make no name ("Venture Capital", "Private Equity")


class ZhPeople(DataFile):
    titles: Words
    speech: Words  # "，李明表示": a name at a clause start before one of these
    list_words: Words
    surnames: str  # one character each
    compound_surnames: Words
    boundary: str  # characters that end a name
    not_names: Words
    after_words: Words = []  # words that end a name too: a time after it ("李明周一表示")


class ZhNames(DataFile):
    """Chinese firms introduced by a description or a registered name (kg/extract/zh_names.py)."""

    heads: Words  # the description's last word: 公司, 独角兽 …
    leads: Words  # regular expressions of descriptions ending in 的: 估值百亿的
    determiners: Words  # 该, 这家: right before a head, no new name follows
    ends: Words  # words that end a name after a description
    not_names: Words  # a candidate holding one is no name
    places: Words  # the place opening a registered name
    trades: Words  # 科技, 集成电路: between the short name and the legal form
    legal_forms: Words  # 有限公司 …
    generic_short: Words  # a short name made of these names nothing


class Discovery(DataFile):
    company: Words
    person: Words
    stopwords: Words
    suffixes: Suffixes
    zh_people: ZhPeople
    shared_surname_cues: Words  # "siblings A and B Last": both people bear Last
    latin_in_zh_stop: Words  # Latin words in Chinese lists that name nothing (AI, GPU, CEO)
    person_not_last: Words  # a discovered person's name never ends with one of these
    given_names: Words = []  # "Given Surname" is a person wherever it stands
    zh_org_ends: Words = []  # 科技, 公司: a Chinese name before "(Latin)" that is a company's
    org_words: Words = []  # Commission, Agence: a full form before/after an acronym that names one
    # "OpenAI CTO Jane Roe": capitalised titles inside a run of capitalised words before a name,
    # role nouns a run may open with ("Scientist Jane Roe"), and the words after a title
    name_titles: Words = []
    role_nouns: Words = []
    title_words: Words = []
    zh_names: ZhNames


class ZhLists(DataFile):
    """kg/extract/data/zh_lists.yaml: how a Chinese list of firms or people is cut into items."""

    separators: Words  # between two items: 、 和 与 及 …
    openers: Words  # what a list starts after: 由, 包括, 为 …
    descriptions: Words  # words in front of an item: 老股东, 知名机构, 国资背景 …
    parents: Words  # "A旗下B": B is the item
    closers: Words  # after the last item: 等, 联合, 共同 …
    not_items: Words  # words that are no name: 机构, 股东, 投资方 …
    fund_ends: Words  # an item ending so is a fund: 资本, 创投, 投资 …


class RolesFile(DataFile):
    LEADS: Words
    FOUNDED: Words
    BOARD_MEMBER_OF: Words
    WORKS_AT: Words
    exclude: Words


class Trigger(DataFile):
    lang: Lang
    re: str
    agent: str
    patient: str | None = None
    preps: Words = []
    list: Literal["agent", "patient"] | None = None
    lead: bool = False
    needs_round: bool = False
    strong: bool = False
    reach: int = Field(default=90, gt=0)
    negation_before: bool = False  # its own words ("sold to") are no negation: look before it


class Board(DataFile):
    en: str
    fr: str
    zh: str
    member_en: str
    member_fr: str
    member_zh: str
    past: str
    listed: str


class Helm(DataFile):
    person_first: str
    org_first: str


class Links(DataFile):
    """kg/extract/data/links.yaml: the words of the link frames and of discourse."""

    former: dict[Lang, Words]
    board: Board
    take_role: dict[Lang, str]
    helm: Helm
    serves_zh: str
    serves_verb_zh: str
    partner_list_intro: str
    partner_not: str
    pit: str
    person_pronouns: dict[Lang, str]
    company_pronouns: dict[Lang, str]


class Prepositions(DataFile):
    latin: Words
    zh: Words


class Patterns(DataFile):
    prepositions: Prepositions
    triggers: dict[str, list[Trigger]]  # family -> triggers
    negations: dict[Lang, Words]
    hedges: dict[Lang, Words]
    modals: dict[Lang, Words]
    failures: dict[Lang, Words]
    ended_later: Words  # zh: a deal ended in a later clause
    completions: dict[Lang, Words]
    denials: Words
    round_words: Words
    round_labels: list[tuple[str, str]]  # (regex, label format)
    valuation: Words
    goods: Words
    sellers: Words
    not_dependency: Words
    dependency_words: dict[str, Words]


class Currencies(DataFile):
    prefix: dict[str, str]
    suffix: dict[str, str]
    needs_scale: Words


class Scales(DataFile):
    latin: dict[str, float]
    letters: dict[str, float]
    cjk: dict[str, float]


class Qualifiers(DataFile):
    before: dict[str, str]
    infix: dict[str, str]
    after: dict[str, str]


class DateWords(DataFile):
    months: dict[Lang, dict[str, int]]
    weekdays: dict[Lang, dict[str, int]]
    relative: dict[str, tuple[str, int]]  # phrase -> (unit, offset)


class Normalize(DataFile):
    currencies: Currencies
    scales: Scales
    number_words: dict[str, float]
    french_billion: float
    qualifiers: Qualifiers
    dates: DateWords


class Pinyin(DataFile):
    surnames: dict[str, str]  # surname -> its spelling as a surname (单 Shan, 欧阳 Ouyang)
    org_suffixes: dict[str, str]  # 资本 -> Capital
    company_suffixes: dict[str, str] = Field(default_factory=dict)  # 精工 -> Precision
    name_readings: dict[str, str] = Field(default_factory=dict)  # 长 -> chang (not zhang)
    org_words: dict[str, str] = Field(default_factory=dict)  # 产业 -> Industry
    places: Words = Field(default_factory=list)  # 上海, 湖北: a name's place prefix
    readings: dict[str, str]  # syllable -> the characters read so


# --- the gazetteer (kg/extract/data/gazetteer/*.yaml) ----------------------------------------


class RoleRecord(DataFile):
    org: str = Field(min_length=1)
    role: str = Field(min_length=1)


class Entry(DataFile):
    """One known entity. `ambiguous` aliases are also common words or other things' names
    ("Scale", "Character"): they name this entity only next to a cue (see gazetteer.py)."""

    name: str = Field(min_length=1)
    kind: EntityKind | None = None  # else the file's kind
    aliases: Words = Field(default_factory=list)
    ambiguous: Words = Field(default_factory=list)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    places: Words = Field(default_factory=list)
    tags: Words = Field(default_factory=list)
    owner: str | None = None  # products: the company that provides them
    dependency: Literal["compute", "gpu", "cloud", "model", "chips", "data"] | None = None
    roles: list[RoleRecord] = Field(default_factory=list)


class GazetteerFile(DataFile):
    kind: EntityKind
    entries: list[Entry]


# --- kg/lang.yaml, kg/readers/data ------------------------------------------------------


class LangWords(DataFile):
    stopwords: dict[Literal["en", "fr"], Words]
    elisions: Words


class FolderSkip(DataFile):
    names: Words
    suffixes: Words


class ReaderLexicon(DataFile):
    insight_body_labels: dict[str, Lang]
    insight_tail_labels: dict[str, str]
    company_stages: Words
    sentiments: Words
    location_unknown: Words
    keyword_labels: Words
    drop_lines: Words
    folder_skip: FolderSkip


# --- kg/evaluate/conventions.yaml ------------------------------------------------------


class EvalConventions(DataFile):
    """How `kg eval` compares relations (the eval kit's scoring conventions)."""

    families: dict[str, str]  # relation type -> family, "~" = the other way round
    symmetric: Words
    aliases: dict[str, str]  # normalised name -> the name it is scored as
    suffixes: Words
    generic_tokens: Words
    round_label: str  # regex


SCHEMAS: dict[str, type[DataFile]] = {
    "extract/data/abbreviations.yaml": Abbreviations,
    "extract/data/descriptors.yaml": Descriptors,
    "extract/data/discovery.yaml": Discovery,
    "extract/data/links.yaml": Links,
    "extract/data/normalize.yaml": Normalize,
    "extract/data/patterns.yaml": Patterns,
    "extract/data/pinyin.yaml": Pinyin,
    "extract/data/roles.yaml": RolesFile,
    "extract/data/zh_lists.yaml": ZhLists,
    "evaluate/conventions.yaml": EvalConventions,
    "lang.yaml": LangWords,
    "readers/data/lexicon.yaml": ReaderLexicon,
}

M = TypeVar("M", bound=DataFile)


def schema_for(path: Path) -> type[DataFile]:
    """The schema of a data file: by its place in the package; any `gazetteer/*.yaml` (also a
    test's own folder) is a gazetteer file."""
    if path.parent.name == "gazetteer":
        return GazetteerFile
    try:
        key = path.resolve().relative_to(PACKAGE.resolve()).as_posix()
    except ValueError:
        key = path.as_posix()
    if key not in SCHEMAS:
        raise ConfigurationError(f"{path}: no schema for this data file (add one to kg/data.py)")
    return SCHEMAS[key]


def load_yaml(path: Path) -> Any:
    """The file's data as YAML gives it (dicts, lists, strings), after validation."""
    return _load(Path(path))[0]


def load_model(path: Path, model: type[M]) -> M:
    """The file as its validated model (`model` must be the file's schema)."""
    value = _load(Path(path))[1]
    if not isinstance(value, model):
        raise ConfigurationError(f"{path}: is a {type(value).__name__} file, not {model.__name__}")
    return value


@cache
def _load(path: Path) -> tuple[Any, DataFile]:
    schema = schema_for(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = " ".join(str(exc).split())
        raise ConfigurationError(f"{path}: cannot read data file ({reason})") from exc
    try:
        return raw, schema.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        raise ConfigurationError(f"{path}: {_first_error(exc)}") from None


def _first_error(exc: ValidationError) -> str:
    # an unknown key first: a misspelt key is also reported missing under its right name
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    where = ".".join(str(p) for p in err["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if err["type"] == "extra_forbidden":
        return f"unknown key '{where}'{more}"
    if err["type"] == "missing":
        return f"missing key '{where}'{more}"
    value = repr(err.get("input"))[:60]
    return f"'{where}': {err['msg'].lower()} (got {value}){more}"
