"""The contract models' own helpers: the relation key, typed deal parties."""

from __future__ import annotations

import pytest

from kg.schema import (
    DealParty,
    DealProperties,
    DealType,
    Entity,
    EntityKind,
    Relation,
    RelationType,
    deal_parties,
    relation_key,
    split_relation_key,
)


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


# --- deal parties ----------------------------------------------------------------------------


def a_deal() -> Entity:
    props = DealProperties(deal_type=DealType.ACQUISITION, parties=[
        DealParty(id="company:kestrel", role="acquirer"),
        DealParty(id="company:pico", role="target"),
    ])
    return Entity(id="deal:kestrel-acquires-pico", name="Kestrel acquires Pico",
                  kind=EntityKind.DEAL, properties=props.model_dump(exclude_none=True))


def test_a_deal_reads_its_parties_typed() -> None:
    assert a_deal().parties == [DealParty(id="company:kestrel", role="acquirer"),
                                DealParty(id="company:pico", role="target")]


def test_typed_parties_leave_the_stored_json_as_it_was() -> None:
    deal = a_deal()
    stored = deal.model_dump(mode="json")
    assert "parties" not in stored  # the accessor is not a field
    assert stored["properties"]["parties"] == [{"id": "company:kestrel", "role": "acquirer"},
                                               {"id": "company:pico", "role": "target"}]
    assert Entity.model_validate_json(deal.model_dump_json()).parties == deal.parties


def test_deal_parties_skip_what_is_not_a_party() -> None:
    props = {"parties": [{"id": "company:a"}, {"role": "target"}, "company:b", {"id": ""},
                         {"id": "company:c", "role": None}]}
    assert deal_parties(props) == [DealParty(id="company:a", role=""),
                                   DealParty(id="company:c", role="")]
    assert deal_parties({}) == deal_parties({"parties": None}) == []
    assert Entity(id="company:a", name="A", kind=EntityKind.COMPANY).parties == []
