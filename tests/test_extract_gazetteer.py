"""The gazetteer: known names in text (the trie behind its pattern: tests/test_extract_trie.py)."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract_article
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.schema import Article, ArticleFormat


def test_a_longer_known_name_wins_over_the_name_it_starts_with() -> None:
    found = load_gazetteer().match("Amazon Web Services and Amazon both grew.")
    assert [eid for _, _, eid in found] == ["company:amazon-web-services", "company:amazon"]


def test_no_alias_names_two_entities() -> None:
    gaz = load_gazetteer()
    assert gaz.clashes == []
    assert all(k.name.strip() and all(a.strip() for a in k.aliases) for k in gaz.entries.values())


def _own(tmp_path: Path) -> Gazetteer:
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / "firms.yaml").write_text(
        "kind: Company\nentries:\n"
        "- {name: Scale AI, ambiguous: [Scale]}\n"
        "- {name: TSMC, aliases: [台积电]}\n"
        "- {name: Horizon Robotics, aliases: [地平线机器人], ambiguous: [地平线]}\n",
        encoding="utf-8",
    )
    return load_gazetteer(folder)


def _ids(gaz: Gazetteer, text: str, seen: tuple[str, ...] = ()) -> list[str]:
    return [eid for _, _, eid in gaz.match(text, seen)]


def test_an_ambiguous_alias_needs_a_licence(tmp_path: Path) -> None:
    gaz = _own(tmp_path)
    scale = "company:scale-ai"
    assert _ids(gaz, "Scale matters more than speed.") == []  # a sentence's first word
    assert _ids(gaz, "Meta Takes A Stake In Scale") == []  # a headline
    assert _ids(gaz, "Meta took a stake in Scale last year.") == [scale]  # inside a sentence
    assert _ids(gaz, "Scale said it would hire.", (scale,)) == [scale]  # named before
    assert _ids(gaz, "Scale AI said it would hire.") == [scale]  # the plain name
    assert _ids(gaz, "地平线上出现了新的机会。") == []
    assert _ids(gaz, "地平线发布了新芯片。", ("company:horizon-robotics",)) == [
        "company:horizon-robotics"
    ]
    assert gaz.match_loose("meta takes stake in scale") == []


def test_traditional_and_simplified_spellings_are_one_name(tmp_path: Path) -> None:
    gaz = _own(tmp_path)
    for text in ("台积电扩产。", "台積電擴產。", "臺積電擴產。"):
        assert gaz.match(text) == [(0, 3, "company:tsmc")]


def test_the_articles_spelling_becomes_an_alias() -> None:
    text = "輝達執行長黃仁勳週一指出，公司將擴大投資。"
    result = extract_article(
        Article(id="t", file="t.txt", format=ArticleFormat.TEXT, text=text, lang="zh")
    )
    nvidia = next(e for e in result.entities if e.name == "NVIDIA")
    assert "輝達" in nvidia.aliases


def test_the_curated_gazetteer_is_large_and_typed() -> None:
    gaz = load_gazetteer()
    assert len(gaz.entries) >= 2500
    allowed = {"Company", "Fund", "Regulator", "Person", "Product", "Country", "Region"}
    assert {k.kind.value for k in gaz.entries.values()} <= allowed
    people = [k for k in gaz.entries.values() if k.kind.value == "Person"]
    assert sum(bool(k.roles) for k in people) > 0.8 * len(people)  # people come with their org


def test_a_persons_surname_alone_needs_the_full_name_first() -> None:
    gaz = load_gazetteer()
    lacroix = gaz.by_alias["Timothée Lacroix"]
    assert [e for _, _, e in gaz.match("Selon Lacroix, le modèle est prêt.")] == []
    assert [e for _, _, e in gaz.match("Selon Lacroix, le modèle est prêt.", (lacroix,))] == [
        lacroix
    ]
