"""The SQLite store: statuses, exact replacement, merging, crash safety, changes, facts_of."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.store
from kg.errors import StoreError
from kg.schema import Article, Entity, Evidence, ExtractionResult, Relation
from kg.store import DB_NAME, Store


def make_article(aid: str, text: str, *, lang: str = "en", published: str | None = None) -> Article:
    return Article(
        id=aid, file=f"news/{aid}.txt", format="text", title=f"T {aid}", text=text,
        lang=lang, langs=[lang], published=published,
    )


def company(name: str, *aliases: str, **props: object) -> Entity:
    return Entity(
        id=f"company:{name.lower()}", name=name, kind="Company", aliases=list(aliases),
        properties=dict(props),
    )


def rel(src: str, kind: str, dst: str, article: str, *sentences: str, **props: object) -> Relation:
    return Relation(
        source=f"company:{src.lower()}", target=f"company:{dst.lower()}", relation=kind,
        properties=dict(props),
        evidence=[Evidence(article=article, file=f"{article}.txt", sentence=s) for s in sentences],
    )


def result(aid: str, entities: list[Entity], relations: list[Relation]) -> ExtractionResult:
    return ExtractionResult(article=aid, entities=entities, relations=relations)


def fact_a1() -> tuple[Article, ExtractionResult]:
    a = make_article("a1", "Orbis puts money into Lumen.", published="2025-03-01")
    r = result("a1", [company("Orbis"), company("Lumen", "Lumen Labs", stage="startup")],
               [rel("Orbis", "INVESTS_IN", "Lumen", "a1", "Orbis puts money into Lumen.")])
    return a, r


def fact_a2() -> tuple[Article, ExtractionResult]:
    a = make_article("a2", "Lumen, backed by Orbis, teams up with Kestrel.", lang="fr")
    r = result("a2", [company("Orbis", "Orbis Capital"), company("Lumen", stage="growth"),
                      company("Kestrel")],
               [rel("Orbis", "INVESTS_IN", "Lumen", "a2", "Lumen, backed by Orbis"),
                rel("Lumen", "PARTNERS_WITH", "Kestrel", "a2", "teams up with Kestrel")])
    return a, r


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as s:
        yield s


def test_open_creates_file_with_wal_and_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d") as s:
        assert s.schema_version() == len(kg.store.MIGRATIONS)
        assert s.revision == 0
    conn = sqlite3.connect(tmp_path / "d" / DB_NAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_statuses_new_unchanged_duplicate(store: Store) -> None:
    a, r = fact_a1()
    assert store.put(a, r).status == "new"
    assert store.put(a, r).status == "unchanged"
    copy = a.model_copy(update={"id": "a1-copy", "file": "news/copy.txt"})
    out = store.put(copy, r)
    assert (out.status, out.duplicate_of) == ("duplicate", "a1")
    assert [x.id for x in store.articles()] == ["a1"]
    assert store.revision == 1


def test_an_article_stored_by_another_process_mid_lookup_is_unchanged(tmp_path: Path) -> None:
    # A worker asks `known` while a second ingest stores the same article between its two reads
    # (by id, then by content hash): it is that article, not a duplicate of itself.
    a, r = fact_a1()
    with Store.open(tmp_path / "d") as writer, Store.open_readonly(tmp_path / "d") as reader:
        owner_of = reader._owner_of

        def stored_in_between(content_hash: str) -> str | None:
            writer.put(a, r)
            return owner_of(content_hash)

        reader._owner_of = stored_in_between  # type: ignore[method-assign]
        assert reader.known(a.id, a.content_hash) == ("unchanged", None)
        copy = a.model_copy(update={"id": "a1-copy", "file": "news/copy.txt"})
        assert reader.known(copy.id, copy.content_hash) == ("duplicate", "a1")


def test_evidence_accumulates_and_entities_merge(store: Store) -> None:
    store.put(*fact_a1())
    store.put(*fact_a2())
    rels = {r.key: r for r in store.relations()}
    invest = rels[("company:orbis", "INVESTS_IN", "company:lumen")]
    assert [e.article for e in invest.evidence] == ["a1", "a2"]
    ents = {e.id: e for e in store.entities()}
    assert ents["company:orbis"].aliases == ["Orbis Capital"]
    assert ents["company:lumen"].aliases == ["Lumen Labs"]
    assert ents["company:lumen"].properties == {"stage": "growth"}  # the newer article wins
    stats = store.stats()
    assert stats.articles == 2
    assert stats.entities == {"Company": 3}
    assert stats.relations == {"INVESTS_IN": 1, "PARTNERS_WITH": 1}
    assert stats.languages == {"en": 1, "fr": 1}
    assert stats.evidence == 3


def test_replacement_removes_facts_only_old_version_stated(store: Store) -> None:
    store.put(*fact_a1())
    store.put(*fact_a2())
    new = make_article("a2", "Lumen now competes with Kestrel.", lang="fr")
    out = store.put(new, result("a2", [company("Lumen"), company("Kestrel")],
                                [rel("Lumen", "COMPETES_WITH", "Kestrel", "a2", "competes")]))
    assert out.status == "replaced"
    keys = {r.key for r in store.relations()}
    assert ("company:lumen", "PARTNERS_WITH", "company:kestrel") not in keys
    assert ("company:lumen", "COMPETES_WITH", "company:kestrel") in keys
    invest = next(r for r in store.relations() if r.relation == "INVESTS_IN")
    assert [e.article for e in invest.evidence] == ["a1"]
    orbis = next(e for e in store.entities() if e.id == "company:orbis")
    assert "Orbis Capital" not in orbis.aliases
    assert store.article("a2").text == "Lumen now competes with Kestrel."


def test_entity_mentioned_by_no_article_disappears(store: Store) -> None:
    store.put(*fact_a2())
    store.put(make_article("a2", "Nothing here."), result("a2", [], []))
    assert list(store.entities()) == []
    assert list(store.relations()) == []
    assert store.stats().evidence == 0


def test_crash_inside_put_leaves_store_unchanged(store: Store, monkeypatch) -> None:
    store.put(*fact_a1())
    before = (store.stats(), list(store.entities()), list(store.relations()), store.revision)

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    # Replacement deletes old facts and writes the article row before the facts: fail there.
    monkeypatch.setattr(Store, "_insert_facts", explode)
    changed = make_article("a1", "Orbis sells Lumen.")
    with pytest.raises(RuntimeError):
        store.put(changed, result("a1", [company("Orbis")], []))
    with pytest.raises(RuntimeError):
        store.put(*fact_a2())
    after = (store.stats(), list(store.entities()), list(store.relations()), store.revision)
    assert after == before
    assert store.article("a1").text == "Orbis puts money into Lumen."


def test_changes_since_and_delete(store: Store) -> None:
    store.put(*fact_a1())
    rev = store.revision
    store.put(*fact_a2())
    store.put(make_article("a1", "changed"), result("a1", [], []))
    assert store.delete("a2") is True
    assert store.delete("a2") is False
    changes = [(c.article_id, c.action) for c in store.changes_since(rev)]
    assert changes == [("a1", "upsert"), ("a2", "delete")]
    assert store.changes_since(store.revision) == []


def test_facts_of_restricts_evidence(store: Store) -> None:
    store.put(*fact_a1())
    store.put(*fact_a2())
    entities, relations = store.facts_of(["a1"])
    assert {e.id for e in entities} == {"company:orbis", "company:lumen"}
    assert [r.key for r in relations] == [("company:orbis", "INVESTS_IN", "company:lumen")]
    assert [e.article for e in relations[0].evidence] == ["a1"]
    assert store.facts_of([]) == ([], [])


def test_languages_fall_back_to_main_language(store: Store) -> None:
    a = Article(id="z1", file="z1.txt", format="text", text="文本", lang="zh")
    store.put(a, result("z1", [], []))
    assert store.stats().languages == {"zh": 1}


def test_store_survives_reopen(tmp_path: Path) -> None:
    with Store.open(tmp_path) as s:
        s.put(*fact_a1())
    with Store.open(tmp_path) as s:
        assert s.stats().articles == 1
        assert s.put(*fact_a1()).status == "unchanged"


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="kg.sqlite: cannot open the store"):
        Store.open(tmp_path)


def test_data_dir_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="cannot create data directory"):
        Store.open(tmp_path / "f")


def test_deal_parties_from_two_articles_are_unioned(store: Store) -> None:
    deal = "deal:orbis-lumen"

    def deal_view(aid: str, parties: list[dict[str, str]], **props: object) -> ExtractionResult:
        e = Entity(id=deal, name="Orbis / Lumen", kind="Deal",
                   properties={"deal_type": "acquisition", "parties": parties, **props})
        return result(aid, [e], [])

    store.put(make_article("d1", "first", published="2025-01-10"), deal_view(
        "d1", [{"id": "company:orbis", "role": "acquirer"}], amount=None, status="announced"))
    store.put(make_article("d2", "second", published="2025-02-03"), deal_view(
        "d2", [{"id": "company:orbis", "role": "acquirer"},
               {"id": "company:lumen", "role": "target"}], amount=5e8, status="under_review"))
    (merged,) = list(store.entities())
    assert merged.properties == {
        "deal_type": "acquisition", "amount": 5e8, "status": "under_review",
        "parties": [{"id": "company:orbis", "role": "acquirer"},
                    {"id": "company:lumen", "role": "target"}],
    }


def test_merged_values_do_not_depend_on_ingest_order(tmp_path: Path) -> None:
    # Before, a later *ingested* value won: two concurrent ingests of the same articles could
    # store different deal amounts (issue 15). Now the order is the articles' own.
    deal = "deal:orbis-lumen"

    def put(s: Store, aid: str, published: str | None, amount: float, status: str) -> None:
        e = Entity(id=deal, name="Orbis / Lumen", kind="Deal", properties={
            "deal_type": "acquisition", "amount": amount, "status": status,
            "parties": [{"id": f"company:{aid}", "role": "acquirer"}]})
        s.put(make_article(aid, f"text {aid}", published=published), result(aid, [e], []))

    views = [("x1", "2025-01-10", 1e8, "announced"), ("x2", "2025-02-03", 2e8, "completed"),
             ("x3", None, 3e8, "rumoured"), ("x4", None, 4e8, "under_review")]
    merged = []
    for n, order in enumerate([views, views[::-1], views[1::2] + views[::2]]):
        with Store.open(tmp_path / str(n)) as s:
            for view in order:
                put(s, *view)
            merged.append(list(s.entities()))
    assert merged[0] == merged[1] == merged[2]
    assert merged[0][0].properties["amount"] in (3e8, 4e8)  # undated counts as newest


def test_v1_store_is_migrated_in_place(tmp_path: Path, monkeypatch) -> None:
    import kg.store.schema

    full = list(kg.store.schema.MIGRATIONS)
    monkeypatch.setattr(kg.store.schema, "MIGRATIONS", full[:1])
    with Store.open(tmp_path) as s:
        s.put(*fact_a1())
        assert s.schema_version() == 1
    monkeypatch.setattr(kg.store.schema, "MIGRATIONS", full)
    with Store.open(tmp_path) as s:
        assert s.schema_version() == len(kg.store.MIGRATIONS)
        assert s.file_known("x", 1, 1) is None
        s.remember_file("x", 1, 1, [("a1", fact_a1()[0].content_hash)])
        assert s.file_known("x", 1, 1) == ["a1"]
        assert s.file_known("x", 1, 2) is None
        assert s.stats().articles == 1



def test_failed_migration_leaves_the_file_unmigrated(tmp_path: Path, monkeypatch) -> None:
    import kg.store.schema

    broken = [*kg.store.schema.MIGRATIONS[:1], "CREATE TABLE files (x); CREATE TABLE oops ("]
    monkeypatch.setattr(kg.store.schema, "MIGRATIONS", broken)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
    conn.close()
    monkeypatch.undo()
    with Store.open(tmp_path) as s:
        assert s.schema_version() == len(kg.store.MIGRATIONS)


def test_mentions_entity_articles_and_article_count(store: Store) -> None:
    store.put(*fact_a1())
    store.put(*fact_a2())
    assert store.article_count() == 2
    assert store.mentions(["a2", "nope", "a1"]) == {
        "a2": ["company:kestrel", "company:lumen", "company:orbis"],
        "nope": [],
        "a1": ["company:lumen", "company:orbis"],
    }
    assert store.entity_articles() == {
        "company:kestrel": ["a2"], "company:lumen": ["a1", "a2"], "company:orbis": ["a1", "a2"]}
    assert store.mentions([]) == {}

# --- property: replacement is exact ---------------------------------------------------------

NAMES = ["Orbis", "Lumen", "Kestrel", "Halden"]
TRIPLE = st.tuples(st.sampled_from(NAMES), st.sampled_from(["INVESTS_IN", "PARTNERS_WITH"]),
                   st.sampled_from(NAMES)).filter(lambda t: t[0] != t[2])
VERSIONS = st.lists(st.tuples(st.integers(0, 3), st.frozensets(TRIPLE, max_size=4)),
                    min_size=1, max_size=12)


def version(idx: int, triples: frozenset[tuple[str, str, str]]) -> tuple[Article, ExtractionResult]:
    aid = f"art{idx}"
    a = make_article(aid, f"{aid} {sorted(triples)}")
    names = sorted({n for s, _, t in triples for n in (s, t)})
    rels = [rel(s, kind, t, aid, f"{s} {kind} {t} in {aid}") for s, kind, t in sorted(triples)]
    return a, result(aid, [company(n) for n in names], rels)


def content(store: Store) -> tuple[object, ...]:
    stats = store.stats().model_dump(exclude={"revision"})
    rels = sorted((r.key, sorted(e.sentence for e in r.evidence)) for r in store.relations())
    return stats, sorted(e.id for e in store.entities()), rels


@settings(max_examples=40, deadline=None)
@given(VERSIONS)
def test_any_history_equals_storing_only_the_latest_versions(history) -> None:
    latest = {idx: triples for idx, triples in history}
    with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
        with Store.open(d1) as replayed, Store.open(d2) as fresh:
            for idx, triples in history:
                replayed.put(*version(idx, triples))
            for idx, triples in latest.items():
                fresh.put(*version(idx, triples))
            assert content(replayed) == content(fresh)
            # the counts kept by triggers agree with counting the tables afresh
            assert replayed.stats() == replayed.scan_stats()
            for idx in sorted(latest)[::2]:
                replayed.delete(f"art{idx}")
            assert replayed.stats() == replayed.scan_stats()


def test_store_files_are_private(tmp_path: Path) -> None:
    # Before, the store was 0644 in a 0755 directory while the graph's password file was 0600.
    import stat

    with Store.open(tmp_path / "data") as s:
        s.put(*fact_a1())
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "data").iterdir()}
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert modes[DB_NAME] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes
