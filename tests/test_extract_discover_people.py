"""People whose names have particles or prefixed last names (kg/extract/discover.py, `PERSON`):
"van der", "de la", "dos", McAllister, O’Brien, D’Angelo, LeGrand; our own sentences, with
firms and products that must not become people."""

from __future__ import annotations

import pytest

from kg.extract.discover import discover
from kg.schema import EntityKind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Nexora said its chief executive Pieter van der Berg will step down.",
            "Pieter van der Berg",
        ),
        ("The startup's CEO, Karel Van den Broeck, said the round closed.", "Karel Van den Broeck"),
        ("The company was founded by Marc de la Cruz and Sofia dos Santos.", "Marc de la Cruz"),
        ("Quorvia board member Adam D'Angelo said the deal was fair.", "Adam D'Angelo"),
        ("said Liam O’Brien, a partner at Hallow.", "Liam O’Brien"),
        ("CEO Ryan McAllister told reporters the round had closed.", "Ryan McAllister"),
        ("Velora chief scientist Yannick LeGrand said the model was open.", "Yannick LeGrand"),
        ("explique Thibaut Le Goff, cofondateur de Velora.", "Thibaut Le Goff"),
        ("selon Ana Maria del Bosque, directrice générale de Velora.", "Ana Maria del Bosque"),
    ],
)
def test_a_person_with_a_particle_or_a_prefixed_last_name(text: str, name: str) -> None:
    assert discover(text).get(name) is EntityKind.PERSON


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("CEO Ryan McAllister said.", "Ryan Mc"),  # the name is not cut at its inner capital
        ("said Liam O’Brien.", "Liam O"),
        ("Lumen Systems said the van der Waals model was open.", "Lumen Systems"),
        ("Velora said DeepMind and OpenAI were rivals.", "Velora DeepMind"),
    ],
)
def test_no_cut_name_and_no_firm_as_a_person(text: str, absent: str) -> None:
    found = discover(text)
    assert found.get(absent) is not EntityKind.PERSON
