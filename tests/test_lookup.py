"""kg.lookup on the hand-made supply-chain store (tests/conftest.py): show, listings, search,
and the look-up tables (names, full-text index, ingested) kept in step by put/replace/delete."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import (
    ADLC,
    KOYEB,
    MISTRAL,
    MSFT,
    NVIDIA,
    build_store,
    ent,
    pair,
    rel,
    supply_chain_facts,
)

import kg.store
from kg.errors import InputError, StoreError
from kg.lookup import (
    find_entity,
    list_articles,
    list_deals,
    list_entities,
    open_store,
    search,
    show_entity,
)
from kg.schema import EntityKind, Evidence, RelationType
from kg.store import Store


def test_show_entity_relations_in_their_direction_with_best_evidence(
        supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        card = show_entity(store, "mistral ai")
    assert (card.id, card.name, card.kind) == ("company:mistral-ai", "Mistral AI", "Company")
    assert [(r.subject, r.relation, r.object, r.articles) for r in card.relations] == [
        ("Mistral AI", "ACQUIRES", "Koyeb", 1),
        ("Mistral AI", "ACQUIRES", "Lumen Robotics", 1),
        ("Mistral AI", "DEPENDS_ON", "Microsoft", 2),
        ("Mistral AI", "DEPENDS_ON", "NVIDIA", 1),
        ("Microsoft", "INVESTS_IN", "Mistral AI", 1),
    ]
    azure = card.relations[2]
    # Both sentences name both ends, neither has a URL, same date: the shorter one wins.
    assert (azure.sentence, azure.lang, azure.date, azure.detail, azure.sentences) == (
        "Mistral AI loue le cloud Azure de Microsoft.", "fr", "2025-03-01", "dependency: cloud",
        2)
    assert [(d.deal, d.role, d.status, d.date) for d in card.deals] == [
        ("Mistral AI acquires Lumen Robotics", "acquirer", "completed", "2024-03"),
        ("Mistral AI acquires Koyeb", "acquirer", "under_review", "2025-02-17"),
    ]
    assert card.deals[1].parties == ["Mistral AI (acquirer)", "Koyeb (target)"]
    assert card.deals[1].amount == 120000000  # a whole float shown as an integer


def test_show_entity_prefers_the_asked_language(supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        card = show_entity(store, "company:mistral-ai", lang="en")
    assert card.relations[2].sentence == "Mistral AI trains its models on Microsoft Azure."


def test_one_article_in_three_languages_counts_once(tmp_path: Path) -> None:
    """An insight digest states a fact in zh, en and fr: 3 sentences, 1 article."""
    facts = supply_chain_facts()
    art, result = pair("tri", "en", "Trilingual", [MISTRAL, KOYEB], [])
    result.relations.append(rel(MISTRAL, RelationType.ACQUIRES, KOYEB, "tri", "Mistral buys."))
    result.relations[0].evidence += [
        Evidence(article="tri", file="tri.md", sentence="Mistral 收购 Koyeb。", lang="zh"),
        Evidence(article="tri", file="tri.md", sentence="Mistral rachète Koyeb.", lang="fr"),
    ]
    data = build_store(tmp_path / "data", [*facts, (art, result)])
    with open_store(data) as store:
        line = next(r for r in show_entity(store, "Koyeb").relations if r.relation == "ACQUIRES")
    assert (line.articles, line.sentences) == (2, 4)  # a3 and tri


@pytest.mark.parametrize(("text", "message"), [
    ("Mistral AII", "'Mistral AII': no such entity (did you mean 'Mistral AI', "
                    "'Mistral AI acquires Koyeb', 'Mistral AI acquires Lumen Robotics'?)"),
    ("Zyxwvut", "'Zyxwvut': no such entity (`kg entities --search TEXT` lists names "
                "containing TEXT)"),
])
def test_unknown_entity_suggests(supply_chain_store: Path, text: str, message: str) -> None:
    with open_store(supply_chain_store) as store, pytest.raises(InputError) as info:
        find_entity(store, text)
    assert str(info.value) == message


def test_aliases_find_an_entity_in_any_case(tmp_path: Path) -> None:
    aliased = ent(EntityKind.COMPANY, "NVIDIA").model_copy(
        update={"aliases": ["英伟达", "Nvidia Corp"]})
    data = build_store(tmp_path / "d", [pair("x", "zh", "t", [aliased], [])])
    with open_store(data) as store:
        assert find_entity(store, "英伟达").id == NVIDIA.id
        assert find_entity(store, "NVIDIA CORP").id == NVIDIA.id


def test_listed_aliases_drop_case_variants_of_a_name(tmp_path: Path) -> None:
    first = ent(EntityKind.COMPANY, "NVIDIA").model_copy(update={"aliases": ["Nvidia Corp"]})
    second = ent(EntityKind.COMPANY, "Nvidia").model_copy(
        update={"aliases": ["NVIDIA Corp", "英伟达"]})
    lab = ent(EntityKind.COMPANY, "Orbis Labs")
    uses = [rel(lab, RelationType.DEPENDS_ON, e, aid, f"Orbis Labs trains on {e.name} GPUs.")
            for e, aid in ((first, "x"), (second, "y"))]
    data = build_store(tmp_path / "d", [pair("x", "en", "t", [first, lab], [uses[0]]),
                                        pair("y", "zh", "t", [second, lab], [uses[1]])])
    with open_store(data) as store:
        [row] = list_entities(store, search="nvidia")
        card = show_entity(store, "NVIDIA")
    # one spelling each: not "Nvidia" (the name) nor both "Nvidia Corp" and "NVIDIA Corp"
    assert sorted(a.casefold() for a in row.aliases) == ["nvidia corp", "英伟达"]
    assert sorted(a.casefold() for a in card.aliases) == ["nvidia corp", "英伟达"]


def test_open_store_missing_and_empty(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info, open_store(tmp_path / "nope"):
        pass
    assert str(info.value) == (f"{tmp_path / 'nope'}: no such data directory (run `kg ingest "
                               f"FILES --data-dir {tmp_path / 'nope'}` first, or set --data-dir "
                               "/ KG_DATA_DIR)")
    Store.open(tmp_path / "empty").close()
    with pytest.raises(StoreError) as info, open_store(tmp_path / "empty"):
        pass
    assert str(info.value) == (f"{tmp_path / 'empty'}: the store is empty "
                               "(run `kg ingest FILES` first)")


def test_list_entities_sorts_and_filters(supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        by_degree = list_entities(store)
        by_name = list_entities(store, sort="name")
        deals = list_entities(store, kind="deal")
        found = list_entities(store, search="robot")
    # Mistral AI: 5 relations + 2 deals; Microsoft: 5 relations.
    assert [(r.name, r.relations) for r in by_degree[:2]] == [("Mistral AI", 7), ("Microsoft", 5)]
    assert [r.name for r in by_name][:3] == ["Autorité de la concurrence", "Koyeb",
                                            "Lumen Robotics"]
    assert {r.name for r in deals} == {"Mistral AI acquires Koyeb",
                                       "Mistral AI acquires Lumen Robotics"}
    assert [r.name for r in found] == ["Lumen Robotics", "Mistral AI acquires Lumen Robotics"]
    with pytest.raises(InputError) as info:
        list_entities(Store.open(supply_chain_store), kind="Planet")
    assert str(info.value).startswith("kind 'Planet': expected one of Company, Person, ")


def test_list_deals_filters(supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        assert [d.deal for d in list_deals(store)] == [
            "Mistral AI acquires Koyeb", "Mistral AI acquires Lumen Robotics"]
        assert [d.deal for d in list_deals(store, since="2025")] == ["Mistral AI acquires Koyeb"]
        assert [d.deal for d in list_deals(store, until="2024-03-31")] == [
            "Mistral AI acquires Lumen Robotics"]
        assert [d.deal for d in list_deals(store, status="COMPLETED")] == [
            "Mistral AI acquires Lumen Robotics"]
        koyeb = list_deals(store, party="Koyeb")
        assert [(d.deal, d.role) for d in koyeb] == [("Mistral AI acquires Koyeb", "target")]
        assert list_deals(store, deal_type="merger") == []
        with pytest.raises(InputError) as info:
            list_deals(store, since="2024-13")
        assert str(info.value) == "bad date '2024-13' (want YYYY, YYYY-MM or YYYY-MM-DD)"


def test_list_articles_with_their_facts(supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        rows = list_articles(store)
    assert [r.id for r in rows] == ["a5", "a4", "a3", "a2", "a1"]  # latest ingested first
    a3 = rows[2]
    assert (a3.title, a3.published, a3.lang, a3.entities, a3.relations) == (
        "Mistral 收购 Koyeb", "2025-03-01", "zh", 4, 2)
    assert a3.facts == ["Mistral AI ACQUIRES Koyeb",  # by source id: company: < regulator:
                        "Autorité de la concurrence REVIEWS Mistral AI acquires Koyeb"]
    assert a3.ingested is not None and a3.ingested.endswith("Z")


def test_search_names_then_sentences_any_script(supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        hits = search(store, "koyeb")
        zh = search(store, "审查")  # two characters: below the trigram index, scanned
        azure = search(store, "AZURE", limit=2)
    assert [(h.match, h.entity) for h in hits] == [
        ("name", "Koyeb"), ("name", "Mistral AI acquires Koyeb"),
        ("sentence", "Mistral AI ACQUIRES Koyeb")]
    assert [(h.entity, h.text) for h in zh] == [
        (f"{ADLC.name} REVIEWS Mistral AI acquires Koyeb", "法国竞争管理局正在审查这笔交易。")]
    assert len(azure) == 2 and all("Azure" in h.text for h in azure)
    with open_store(supply_chain_store) as store:  # LIKE wildcards are plain characters
        assert search(store, "%") == [] and search(store, "a_b") == []
        assert list_entities(store, search="%") == []


def test_lookup_tables_follow_replace_and_delete(supply_chain_store: Path) -> None:
    with Store.open(supply_chain_store) as store:
        art, result = supply_chain_facts()[2]  # a3: Koyeb
        store.put(art.model_copy(update={"title": "changed", "content_hash": ""}),
                  result.model_copy(update={"relations": result.relations[:1]}))
        assert [h.text for h in search(store, "审查")] == []
        store.delete("a3")
        assert [h.match for h in search(store, "Koyeb")] == []
        assert store.lookups.ids_named("Koyeb") == []
    conn = sqlite3.connect(supply_chain_store / kg.store.DB_NAME)
    assert conn.execute("SELECT COUNT(*) FROM ingested WHERE article_id = 'a3'").fetchone() == (0,)
    assert_names_consistent(conn)
    # The index holds exactly the rows it indexes (FTS5's own integrity check).
    conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")


def assert_names_consistent(conn: sqlite3.Connection) -> None:
    """The kept names and their search rows equal what the articles give, counted afresh."""
    kept = conn.execute("SELECT entity_id, name, refs FROM names ORDER BY 1, 2").fetchall()
    fresh = conn.execute(
        "SELECT entity_id, n, COUNT(*) FROM (SELECT entity_id, article_id, name AS n FROM "
        "article_entities UNION SELECT e.entity_id, e.article_id, a.value FROM "
        "article_entities e, json_each(e.aliases) a) GROUP BY entity_id, n ORDER BY 1, 2"
    ).fetchall()
    assert kept == fresh
    indexed = conn.execute("SELECT ref, text FROM search_rows WHERE what = 'name' "
                           "ORDER BY 1, 2").fetchall()
    assert indexed == [(e, n) for e, n, _ in fresh]


def test_names_counted_once_per_article_whatever_the_aliases(tmp_path: Path) -> None:
    aliased = ent(EntityKind.COMPANY, "NVIDIA").model_copy(
        update={"aliases": ["英伟达", "NVIDIA", "Nvidia Corp"]})
    plain_view = ent(EntityKind.COMPANY, "NVIDIA")
    data = build_store(tmp_path / "d", [pair("x", "zh", "t", [aliased], []),
                                        pair("y", "en", "u", [plain_view], [])])
    conn = sqlite3.connect(data / kg.store.DB_NAME)
    assert conn.execute("SELECT name, refs FROM names ORDER BY name").fetchall() == [
        ("NVIDIA", 2), ("Nvidia Corp", 1), ("英伟达", 1)]
    with Store.open(data) as store:
        store.delete("x")
    assert conn.execute("SELECT name, refs FROM names").fetchall() == [("NVIDIA", 1)]
    assert_names_consistent(conn)


@pytest.mark.parametrize("before", [4, 6, 7])  # before the look-ups; per-article names; accents
def test_existing_store_migrates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 before: int) -> None:
    full = list(kg.store.schema.MIGRATIONS)
    monkeypatch.setattr(kg.store.schema, "MIGRATIONS", full[:before])
    data = build_store(tmp_path / "old", supply_chain_facts())
    monkeypatch.setattr(kg.store.schema, "MIGRATIONS", full)
    with open_store(data) as store:
        assert store.schema_version() == len(full)
        assert_names_consistent(store._conn)
        assert [h.entity for h in search(store, "Koyeb")][:2] == [
            "Koyeb", "Mistral AI acquires Koyeb"]
        assert (list_articles(store)[0].ingested is None) == (before < 5)  # not recorded then
        assert find_entity(store, "Microsoft").id == MSFT.id
        assert [h.text for h in search(store, "equipe azure")] == [
            "Microsoft équipe Azure de puces NVIDIA."]  # the old rows are indexed folded
    conn = sqlite3.connect(data / kg.store.DB_NAME)
    conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")


VIEWS = {
    "kg_entities": "SELECT name, kind, aliases, articles FROM kg_entities WHERE id = ?",
    "kg_relations": "SELECT source_name, relation, target_name, articles, sentences "
                    "FROM kg_relations WHERE source = ? ORDER BY relation, target",
    "kg_evidence": "SELECT article_id, lang, sentence FROM kg_evidence WHERE source = ? "
                   "AND relation = 'DEPENDS_ON' AND target = 'company:microsoft' "
                   "ORDER BY article_id",
    "kg_deals": "SELECT name, deal_type, status, amount, currency, date, parties, articles "
                "FROM kg_deals WHERE parties LIKE '%' || ? || '%' ORDER BY date",
}


def test_sql_views_for_datasette_users(supply_chain_store: Path) -> None:
    conn = sqlite3.connect(supply_chain_store / kg.store.DB_NAME)
    q = {name: conn.execute(sql, (MISTRAL.id,)).fetchall() for name, sql in VIEWS.items()}
    assert q["kg_entities"] == [("Mistral AI", "Company", "[]", 4)]
    assert q["kg_relations"] == [
        ("Mistral AI", "ACQUIRES", "Koyeb", 1, 1),
        ("Mistral AI", "ACQUIRES", "Lumen Robotics", 1, 1),
        ("Mistral AI", "DEPENDS_ON", "Microsoft", 2, 2),
        ("Mistral AI", "DEPENDS_ON", "NVIDIA", 1, 1),
    ]
    assert q["kg_evidence"] == [
        ("a1", "en", "Mistral AI trains its models on Microsoft Azure."),
        ("a2", "fr", "Mistral AI loue le cloud Azure de Microsoft."),
    ]
    assert q["kg_deals"] == [
        ("Mistral AI acquires Lumen Robotics", "acquisition", "completed", None, None,
         "2024-03", '["company:mistral-ai","company:lumen-robotics"]', 1),
        ("Mistral AI acquires Koyeb", "acquisition", "under_review", 120000000.0, "EUR",
         "2025-02-17", '["company:mistral-ai","company:koyeb"]', 1),
    ]


def test_a_deal_card_lists_its_parties(supply_chain_store: Path) -> None:
    with open_store(supply_chain_store) as store:
        card = show_entity(store, "Mistral AI acquires Koyeb")
    assert [(r.subject, r.relation) for r in card.relations] == [
        ("Autorité de la concurrence", "REVIEWS")]
    assert [(d.deal, d.role, d.parties) for d in card.deals] == [
        ("Mistral AI acquires Koyeb", "", ["Mistral AI (acquirer)", "Koyeb (target)"])]


def test_two_suggestions_of_one_name_are_told_apart_by_id(tmp_path: Path) -> None:
    firm, product = ent(EntityKind.COMPANY, "Quillon"), ent(EntityKind.PRODUCT, "Quillon")
    data = build_store(tmp_path / "d", [pair("x", "en", "t", [firm, product], [])])
    with open_store(data) as store, pytest.raises(InputError) as info:
        find_entity(store, "Quillom")
    assert str(info.value) == ("'Quillom': no such entity (did you mean 'company:quillon', "
                               "'product:quillon'?)")


def test_search_ignores_accents_and_case_on_both_sides(supply_chain_store: Path) -> None:
    """A query with or without accents, in any case, finds names and sentences written either
    way; Chinese is unchanged; two-character queries (scanned, not indexed) fold too."""
    sentence = "Microsoft équipe Azure de puces NVIDIA."
    with open_store(supply_chain_store) as store:
        for query in ("equipe", "équipe", "ÉQUIPE", "Équipé", "EQUIPE AZURE"):
            assert [h.text for h in search(store, query)] == [sentence], query
        for query in ("autorite de la", "AUTORITÉ", "Autorite"):
            assert [h.entity for h in search(store, query)][0] == ADLC.name, query
        assert [h.text for h in search(store, "achete")] == ["Mistral AI achète ses GPU à NVIDIA."]
        assert [h.text for h in search(store, "审查")] == ["法国竞争管理局正在审查这笔交易。"]
        assert sentence in [h.text for h in search(store, "qu")]  # LIKE path, unaccented
        assert sentence in [h.text for h in search(store, "ÉQ")]  # LIKE path, accented
        assert search(store, "equipes") == []  # folding is not stemming


def test_folded_index_follows_replace_and_delete(supply_chain_store: Path) -> None:
    accented = ent(EntityKind.COMPANY, "Société Générale")
    with Store.open(supply_chain_store) as store:
        store.put(*pair("fr9", "fr", "t", [accented, MISTRAL], [
            rel(accented, RelationType.INVESTS_IN, MISTRAL, "fr9",
                "Société Générale a investi dans Mistral AI.", "fr")]))
        assert [h.entity for h in search(store, "societe generale")][0] == "Société Générale"
        store.delete("fr9")
        assert search(store, "societe") == []
    conn = sqlite3.connect(supply_chain_store / kg.store.DB_NAME)
    conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
