"""The job-title patterns, all built from `data/roles.yaml`: a title before a person ("Cohere
CEO "), after it (", chief financial officer of "), after its organisation ("’s chief executive",
"百度的首席技术官"), and in the frames roles.py reads ("who took over as CEO")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import DATA, load_yaml
from kg.extract.trie import trie_pattern
from kg.schema import RelationType

# "执行董事包括A、B、C", "联合创始人为A和B": the holders listed after a Chinese title
_LIST_ZH = r"(?:包括|包含|分别为|分別為|分别是|分別是|为|為|是|：)"
_ABBR = r"(?:\s*[（(][A-Za-z ]{2,12}[）)])?"  # "首席执行官（CEO）黄仁勋"
# "directeur général adjoint de X", "président du groupe X", "CEO of chipmaker X"
_MOD = r"(?:\s+(?:France|Europe|EMEA|Monde|international|internationale))?"
_DESC = (
    r"(?:(?:la\s+|le\s+|l[’'])?(?:start-?up|jeune\s+pousse|société|groupe|entreprise|firme|"
    r"licorne|géant|fabricant|éditeur|laboratoire|constructeur|spécialiste|plateforme|opérateur|"
    r"banque|assureur|chipmaker)(?:\s+(?-i:[a-zà-ÿ][\w\-’']*)){0,4}?\s+(?=(?-i:[A-ZÀ-Ý0-9])|$))?"
)
_LATIN = "A-Za-z0-9À-ÖØ-öø-ÿ_"  # \w would take CJK too: "英伟达CEO" has a title start


@dataclass(frozen=True, slots=True)
class Titles:
    """The job-title patterns, all built from `data/roles.yaml`."""

    relation: dict[str, RelationType | None]
    before: re.Pattern[str]  # "Cohere CEO " before the person
    after: re.Pattern[str]  # ", chief financial officer of " after the person
    as_role: re.Pattern[str]  # " as chief executive of "
    owner: re.Pattern[str]  # "’s chief executive" after the organisation
    title_of: re.Pattern[str]  # "the head of " before the organisation
    copula: re.Pattern[str]  # " is the CEO of ", " est le PDG de "
    copula_zh: re.Pattern[str]  # "是<org>的首席执行官"
    named_as: re.Pattern[str]  # "appointed <person> as its new CEO": what follows the person
    lead: re.Pattern[str]  # a title at the start of a text, any case ("CEO of", "执行董事")
    charge_at: re.Pattern[str]  # ", head in charge of AI at ", ", directrice en charge des … chez "
    bare: re.Pattern[str]  # ", the chief executive," / ", son directeur général, a" (no firm)


@lru_cache(maxsize=1)
def titles() -> Titles:
    data = load_yaml(DATA / "roles.yaml")
    rel: dict[str, RelationType | None] = {}
    for key, words in data.items():
        for w in words:
            rel[w.lower()] = None if key == "exclude" else RelationType(key)
    one = rf"(?:{trie_pattern(rel)})"  # a trie: the same match as longest first, far faster
    # two joined: "CEO and co-founder", "创始人兼CEO", "董事长暨总经理"
    title = rf"(?P<title>{one}(?:\s+(?:et|and|&)\s+{one}|\s*[兼、暨]\s*{one})?)"
    of = rf"\s+(?:of|at|for|with|de|du|des|chez|d[’'])\s*(?:the\s+|la\s+|le\s+|l[’'])?{_DESC}"
    det = r"(?:the|a|an|its|le|la|l[’']|un|une|son|sa)"
    return Titles(
        relation=rel,
        before=re.compile(
            rf"(?:(?<![{_LATIN}-])|(?=[\u3400-\u9fff])){title}(?P<plural>s)?{_ABBR}\s*(?:[,:]|{_LIST_ZH})?\s*$",
            re.I,
        ),
        after=re.compile(
            rf"^\s*,\s*(?:the\s+|a\s+|an\s+|its\s+|le\s+|la\s+|l[’'])?(?:[\w\-]+\s+){{0,2}}?{title}"
            rf"{_MOD}\s+(?:with|at|of|for|de|du|des|chez|d[’'])\s*{_DESC}",
            re.I,
        ),
        as_role=re.compile(
            rf"^\s+(?:as|comme|en tant que)\s+(?:an?|its|the|son|sa|un|une)?\s*{title}"
            rf"\s+(?:to|of|at|de|du|chez)\s+(?P<its>its|son|sa)?",
            re.I,
        ),
        owner=re.compile(rf"^(?:[’']s?)?\s+{title}s?\b", re.I),  # "one of X's co-founders"
        title_of=re.compile(rf"(?<![{_LATIN}-]){title}(?P<plural>s)?{of}$", re.I),
        copula=re.compile(
            r"^\s+(?:is|was|has been|remains|became|becomes|serves as|"
            r"est|reste|devient|est devenue?|redevient|(?:est|était) redevenue?|"  # not "a été PDG"
            r"(?:was|has been|had been|is|will be)\s+"
            r"(?:named|appointed|promoted to|made)(?:\s+as)?|"
            r"(?:a été|est|sera)\s+(?:nommée?|désignée?|promue?)(?:\s+comme)?)"
            r"\s+(?:(?:also|now|still|currently|aussi|également|désormais|actuellement)\s+){0,2}"
            rf"(?:{det}\s*)?(?:(?:new|current|interim|nouveau|nouvelle|actuel|actuelle)\s+)?"
            rf"{title}{of}",
            re.I,
        ),
        copula_zh=re.compile(
            rf"^\s*(?:的)?[^，。；、,;：:（）()\s]{{0,10}}?(?:的)?\s*{title}", re.I
        ),
        charge_at=re.compile(
            rf"\s*,\s*(?:{det}\s+)?(?:[\w\-]+\s+){{0,2}}?{title}\s+"
            rf"(?:in\s+charge\s+of|responsible\s+for|en\s+charge\s+d[eu’']s?|chargée?\s+d[eu’']s?)"
            rf"\s*(?:[\w’'\-]+\s+){{1,5}}?(?:at|chez)\s+",
            re.I,
        ),
        bare=re.compile(
            rf"\s*,\s*(?:the\s+|its\s+|le\s+|la\s+|l[’']|son\s+|sa\s+)?{title}{_MOD}"
            rf"(?=\s*(?:[,.;]|$)|\s+(?:said|says|told|added|a\s+(?:déclaré|dit|expliqué|précisé)))",
            re.I,
        ),
        lead=re.compile(rf"^\s*(?:的)?\s*{title}(?![A-Za-z\-])", re.I),
        named_as=re.compile(
            rf"^\s*,?\s*(?:as|comme|en tant que|au poste d[e’']|à la fonction d[e’']|"
            rf"为|為|担任|擔任)?"
            rf"\s*(?:{det}\s*)?"
            rf"(?:(?:new|next|nouveau|nouvelle|futur|future)\s+)?{title}(?![\w-])",
            re.I,
        ),
    )
