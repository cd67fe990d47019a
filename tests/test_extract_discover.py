"""Names nobody listed, found by structure: the word that ends them (Capital, Ventures, 资本,
创投, 基金), lists of investors, titles before people; kinds from the same cues."""

from __future__ import annotations

import pytest

from kg.extract.discover import discover
from kg.schema import EntityKind

FUND, COMPANY, PERSON = EntityKind.FUND, EntityKind.COMPANY, EntityKind.PERSON


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The round drew Harbor Peak Capital and two angels.", "Harbor Peak Capital", FUND),
        ("Elle a levé des fonds auprès de Quillon Ventures.", "Quillon Ventures", FUND),
        ("Photon Robotics ships its first arm this year.", "Photon Robotics", COMPANY),
        ("本轮融资由青禾资本领投，老股东远帆创投跟投。", "青禾资本", FUND),
        ("本轮融资由青禾资本领投，老股东远帆创投跟投。", "远帆创投", FUND),
        ("投资方包括湖南湘江新区产业投资基金。", "湖南湘江新区产业投资基金", FUND),
        ("本輪融資由青禾資本領投。", "青禾資本", FUND),  # traditional characters
        ("CEO Jane Roe said the startup would hire.", "Jane Roe", PERSON),
    ],
)
def test_a_name_and_its_kind(text: str, name: str, kind: EntityKind) -> None:
    assert discover(text).get(name) is kind


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("政府引导基金和产业基金也参与了本轮融资。", "政府引导基金"),  # generic words only
        ("政府引导基金和产业基金也参与了本轮融资。", "产业基金"),
        ("Capital markets were calm.", "Capital"),  # a suffix alone is no name
        ("Venture Capital firms are cautious.", "Venture Capital"),
    ],
)
def test_generic_words_make_no_name(text: str, absent: str) -> None:
    assert absent not in discover(text)


def test_a_fund_named_after_a_title_is_a_fund_not_a_person() -> None:
    found = discover("Managing partner of Harbor Peak Capital, Jane Roe, led the deal.")
    assert found.get("Harbor Peak Capital") is FUND
