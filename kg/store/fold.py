"""Accent folding for full-text search: "racheté", "RACHETE" and "rachete" find each other.

SQLite 3.40's trigram tokenizer folds case but cannot remove diacritics, so the search index
holds every text folded by `fold_sql` (nested `replace()` calls: plain SQL, so any SQLite client
may still write the store and its triggers run), and a query is folded by `fold` the same way.
Latin letters only (Latin-1 and Latin Extended-A, Romanian ș ț, ligatures, typographic
apostrophes): Chinese and every other script pass through unchanged.

FOLDS is part of migration 8 (kg/store/schema.py): the index and old stores were built with it,
so a change to it is a new migration that rebuilds the index, never an edit.
"""

from __future__ import annotations

# base, then every letter folded to it
FOLDS = """
A ÀÁÂÃÄÅĀĂĄ
AE Æ
C ÇĆĈĊČ
D ĎĐÐ
E ÈÉÊËĒĔĖĘĚ
G ĜĞĠĢ
H ĤĦ
I ÌÍÎÏĨĪĬĮİ
IJ Ĳ
J Ĵ
K Ķ
L ĹĻĽŁ
N ÑŃŅŇ
O ÒÓÔÕÖŌŎŐØ
OE Œ
R ŔŖŘ
S ŚŜŞŠȘ
T ŢŤȚŦ
TH Þ
U ÙÚÛÜŨŪŬŮŰŲ
W Ŵ
Y ÝŶŸ
Z ŹŻŽ
a àáâãäåāăą
ae æ
c çćĉċč
d ďđð
e èéêëēĕėęě
g ĝğġģ
h ĥħ
i ìíîïĩīĭįı
ij ĳ
j ĵ
k ķ
l ĺļľł
n ñńņň
o òóôõöōŏőø
oe œ
r ŕŗř
s śŝşšſș
ss ß
t ţťțŧ
th þ
u ùúûüũūŭůűų
w ŵ
y ýÿŷ
z źżž
' ’‘
"""

_PAIRS = [(ch, base) for line in FOLDS.strip().splitlines()
          for base, _, letters in [line.partition(" ")] for ch in letters]
_TABLE = str.maketrans({ch: base for ch, base in _PAIRS})
# A GLOB pattern: a text with no character in these ranges (holding every folded letter) is
# indexed as it is (English, Chinese: most rows). Ranges: a class of 190 letters cost 30 µs
# a row to test.
LATIN = "*[À-ſȘ-ț‘-’]*"
_STEP = 24  # replace() calls one expression may nest (SQLite's parser stack stops near 35)


def fold(text: str) -> str:
    """`text` with its accented Latin letters (and ’ ‘) folded as the index folds them."""
    return text.translate(_TABLE)


def fold_views() -> str:
    """SQL creating the view `search_folded (id, t)`: each search row's rowid and its text
    folded as `fold` folds it, through views of `_STEP` replacements each."""
    steps = [_PAIRS[i : i + _STEP] for i in range(0, len(_PAIRS), _STEP)]
    out, source, column = [], "search_rows", "rowid"
    for n, step in enumerate(steps, 1):
        expr = "text" if n == 1 else "t"
        for ch, base in step:
            expr = f"replace({expr}, '{ch}', '{base.replace(chr(39), chr(39) * 2)}')"
        name = "search_folded" if n == len(steps) else f"search_fold_{n}"
        out.append(f"CREATE VIEW {name} AS SELECT {column} AS id, {expr} AS t FROM {source};")
        source, column = name, "id"
    return "\n".join(out)
