"""Firms whose names end in "AI" (kg/extract/discover.py, `by_suffix`), and a known firm's name
with such a tail ("Meta AI") read as that firm (kg/extract/doc.py); our own sentences, with AI
as a modifier ("the Israeli AI startup") and kinds of AI that name nobody."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.discover import discover
from kg.schema import Article, ArticleFormat, EntityKind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kestrel AI raised $20 million in a seed round.", "Kestrel AI"),
        ("The round included Norwood AI and Brightline Bio.", "Norwood AI"),
        ("Paris-based Velora AI said it would hire.", "Velora AI"),
        ("Velora AI founder Jane Roe said the lab would open.", "Velora AI"),
        ("Investors in Velora AI, a Lyon startup, were paid.", "Velora AI"),
    ],
)
def test_a_name_ending_in_ai(text: str, name: str) -> None:
    assert discover(text).get(name) is EntityKind.COMPANY


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia will buy the Israeli AI startup Kestrel.",  # a nationality before AI
        "The Santa Clara-based AI chip startup raised money.",
        "Intel said its Gaudi2 AI chips were in demand.",  # AI modifies a noun
        "Generative AI is booming, said analysts.",  # a kind of AI
        "Physical AI and Agentic AI were the themes of the summit.",
        "He works on Responsible AI at a bank.",
    ],
)
def test_no_firm_where_ai_describes_or_is_a_kind(text: str) -> None:
    assert not [n for n in discover(text) if n.endswith(" AI")]


def test_a_known_firm_with_an_ai_tail_is_that_firm() -> None:
    article = Article(
        id="https://example.org/news/1",
        file="/tmp/news/one.txt",
        format=ArticleFormat.TEXT,
        text="Microsoft AI chief Mustafa Suleyman said Microsoft AI invested in Kestrel Labs.",
        lang="en",
    )
    result = extract_article(article)
    names = {e.id: e.name for e in result.entities}
    assert "Microsoft AI" not in names.values()
    assert ("Microsoft", "INVESTS_IN", "Kestrel Labs") in {
        (names[r.source], r.relation.value, names[r.target]) for r in result.relations
    }
