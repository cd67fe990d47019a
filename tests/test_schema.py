"""The contract models' own helpers: the relation key."""

from __future__ import annotations

import pytest

from kg.schema import Relation, RelationType, relation_key, split_relation_key


def test_relation_key_spells_source_type_target() -> None:
    assert relation_key("company:orbis", "INVESTS_IN", "company:lumen") == (
        "company:orbis|INVESTS_IN|company:lumen")
    assert relation_key("company:orbis", RelationType.INVESTS_IN, "company:lumen") == (
        "company:orbis|INVESTS_IN|company:lumen")


def test_relation_key_and_relation_key_tuple_agree() -> None:
    r = Relation(source="company:a", target="deal:b", relation=RelationType.PARTY_TO)
    assert split_relation_key(relation_key(*r.key)) == r.key == ("company:a", "PARTY_TO", "deal:b")


def test_relation_key_refuses_a_type_outside_the_schema() -> None:
    with pytest.raises(ValueError):
        relation_key("company:a", "LIKES", "company:b")


@pytest.mark.parametrize("key", ["company:a|LIKES|company:b", "company:a|INVESTS_IN",
                                 "a|INVESTS_IN|b|c", ""])
def test_split_relation_key_says_none_for_what_is_not_a_key(key: str) -> None:
    assert split_relation_key(key) is None
