"""A round's other participants named in a list nobody else introduces (kg/extract/discover.py,
patterns in data/discovery.yaml): "with participation from A, B and C", "the round included A
and B", "avec la participation de A", "accompagnée de A et B"; our own sentences, with an
institution's head word and a place that stay no firm."""

from __future__ import annotations

import pytest

from kg.extract.discover import discover
from kg.schema import EntityKind


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The round was led by Kestrel, with participation from Norvale, Ardent and Pellow.",
            {"Norvale", "Ardent", "Pellow"},
        ),
        ("The round included Norvale and Brightline Bio.", {"Norvale", "Brightline Bio"}),
        ("Elaia pilote la levée, accompagnée de Norvale et de Pellow.", {"Norvale", "Pellow"}),
        ("La levée se fait avec la participation de Norvale et d’Ardent.", {"Norvale", "Ardent"}),
    ],
)
def test_participants_of_a_round(text: str, names: set[str]) -> None:
    found = discover(text)
    assert all(found.get(n) is EntityKind.COMPANY for n in names)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("avec la participation de la Banque européenne d’investissement et de Norvale.", "Banque"),
        ("The company saw participation from employees in the plan.", "The"),
        ("The startup was joined by its CEO Jane Roe at the event in Lisbon.", "Lisbon"),
    ],
)
def test_no_firm_from_a_head_word_or_a_place(text: str, absent: str) -> None:
    assert absent not in discover(text)
