"""The gazetteer: known names in text (the trie behind its pattern: tests/test_extract_trie.py)."""

from __future__ import annotations

from kg.extract.gazetteer import load_gazetteer


def test_a_longer_known_name_wins_over_the_name_it_starts_with() -> None:
    found = load_gazetteer().match("Amazon Web Services and Amazon both grew.")
    assert [eid for _, _, eid in found] == ["company:amazon-web-services", "company:amazon"]
