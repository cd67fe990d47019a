"""Accent folding (kg/store/fold.py): the SQL views fold exactly as `fold` does, so a query
folded in Python meets the index folded in SQL; other scripts pass through."""

from __future__ import annotations

import sqlite3

from kg.store.fold import FOLDS, LATIN, fold, fold_views


def _sql_fold(texts: list[str]) -> list[str]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE search_rows (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    conn.executemany("INSERT INTO search_rows (text) VALUES (?)", [(t,) for t in texts])
    for statement in fold_views().split(";"):
        if statement.strip():
            conn.execute(statement)
    return [r[0] for r in conn.execute("SELECT t FROM search_folded ORDER BY id")]


def test_sql_and_python_fold_every_letter_alike() -> None:
    letters = [ch for line in FOLDS.strip().splitlines() for ch in line.partition(" ")[2]]
    assert len(letters) > 180
    assert _sql_fold(letters) == [fold(ch) for ch in letters]
    assert all(fold(ch).isascii() for ch in letters)


def test_fold_examples() -> None:
    texts = ["Mistral AI a racheté Koyeb", "ÉCOLE", "cœur", "Straße", "Łódź", "l’opération",
             "英伟达收购了一家初创公司", "Ελλάδα", "plain ascii"]
    want = ["Mistral AI a rachete Koyeb", "ECOLE", "coeur", "Strasse", "Lodz", "l'operation",
            "英伟达收购了一家初创公司", "Ελλάδα", "plain ascii"]
    assert [fold(t) for t in texts] == want
    assert _sql_fold(texts) == want


def test_latin_pattern_tells_which_rows_need_folding() -> None:
    conn = sqlite3.connect(":memory:")
    glob = [conn.execute("SELECT ? GLOB ?", (t, LATIN)).fetchone()[0]
            for t in ("racheté", "英伟达", "plain", "l’a")]
    assert glob == [1, 0, 0, 1]


def test_every_folded_letter_is_in_the_latin_pattern() -> None:
    conn = sqlite3.connect(":memory:")
    letters = [ch for line in FOLDS.strip().splitlines() for ch in line.partition(" ")[2]]
    assert all(conn.execute("SELECT ? GLOB ?", (f"x{ch}y", LATIN)).fetchone()[0]
               for ch in letters)
