"""The preposition governing a mention (kg/extract/mentions.py): read back over the modifiers in
front of the name, so a rule can tell a verb's subject from its objects."""

from __future__ import annotations

import pytest

from kg.extract.mentions import governing_preposition


@pytest.mark.parametrize(
    ("text", "name", "gov"),
    [
        ("Nvidia invested in Santa Clara-based chip firm Cerebras.", "Cerebras", "in"),
        ("Talks went on with several labs, including Japan's Sakana AI.", "Sakana", "including"),
        ("Cohere signed a deal with Oracle's cloud unit.", "Oracle", "with"),
        ("Cerebras, a chip firm, sued Nvidia.", "Cerebras", None),
        ("While Google waited, Oracle's cloud unit signed.", "Oracle", None),
    ],
)
def test_the_preposition_before_a_name_and_its_modifiers(
    text: str, name: str, gov: str | None
) -> None:
    assert governing_preposition(text, text.index(name), "en") == gov
