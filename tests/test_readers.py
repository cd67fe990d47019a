"""kg.readers: every format, the three languages, ids, metadata and each bad input's message."""

from __future__ import annotations

import json
import tracemalloc
import warnings
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.readers import iter_files, read_file
from kg.schema import Article, ArticleFormat

FIXTURES = Path(__file__).parent / "fixtures"
ART = FIXTURES / "articles"
BAD = FIXTURES / "bad"


def articles(path: Path) -> list[Article]:
    items = list(read_file(path))
    assert all(isinstance(i, Article) for i in items), items
    return [i for i in items if isinstance(i, Article)]


def one(path: Path) -> Article:
    (article,) = articles(path)
    return article


# --- format detection, languages, titles ---------------------------------------------------

FORMATS = [
    # file, format, lang, langs, title
    ("digest_mistral_series_b.md", "markdown_digest", "zh", ["zh"],
     "Mistral AI完成6亿欧元B轮融资，General Catalyst领投"),
    ("digest_cma_amazon_anthropic.md", "markdown_digest", "en", ["en"],
     "UK regulator clears Amazon's investment in Anthropic"),
    ("insight_microsoft_mistral.txt", "insight_digest", "zh", ["zh", "en", "fr"],
     "微软向法国人工智能公司Mistral AI投资1500万欧元"),
    ("insight_messy_labels.txt", "insight_digest", "en", ["en", "fr", "zh"],
     "亚马逊再向Anthropic追加投资"),
    ("page_nvidia_en.html", "html", "en", ["en"],
     "Cloud providers line up for NVIDIA's newest GPUs"),
    ("page_mistral_fr.html", "html", "fr", ["fr"], "Mistral AI rachète une jeune pousse"),
    ("single_record.json", "json", "zh", ["zh"], "微软与Mistral AI合作"),
    ("plain_en.txt", "text", "en", ["en"], "Microsoft and Mistral AI sign a partnership"),
    ("plain_fr.txt", "text", "fr", ["fr"], ""),  # a long first line is not a headline
    ("header_zh.txt", "text", "zh", ["zh"], "Mistral AI收购云平台初创公司"),
    ("header_slug.txt", "text", "en", ["en"], "cma clears microsoft mistral partnership"),
    ("header_no_title.txt", "text", "en", ["en"], ""),
    ("notes_mixed.md", "markdown", "en", ["en", "zh", "fr"], "Weekly notes: Mistral AI"),
    # content wins over the extension
    ("really_json.txt", "json", "zh", ["zh"], "微软与Mistral AI合作"),
    ("page_as.md", "html", "fr", ["fr"], "Mistral AI rachète une jeune pousse"),
]


@pytest.mark.parametrize(("name", "fmt", "lang", "langs", "title"), FORMATS)
def test_single_article_formats(name: str, fmt: str, lang: str, langs: list[str], title: str):
    article = one(ART / name)
    assert article.format == ArticleFormat(fmt)
    assert article.lang == lang
    assert sorted(article.langs) == sorted(langs)
    assert article.langs[0] == lang
    assert article.title == title
    assert article.text.strip()
    assert article.file == str(ART / name)


MULTI = [
    # file, format of the articles, number of articles, error messages (suffix after the path)
    ("feed_ai_news.xml", "rss", 3, [":item 3: feed item has no title or text"]),
    ("feed_atom.xml", "atom", 2, []),
    ("feed_as.txt", "atom", 2, []),
    ("collection.json", "json", 2, [":item 3: JSON record has no title or text"]),
    ("records.jsonl", "jsonl", 3, [
        ":3: malformed JSON at character 62: Expecting ',' delimiter",
        ":6: JSON record is a list, not an object",
    ]),
]


@pytest.mark.parametrize(("name", "fmt", "count", "errors"), MULTI)
def test_multi_record_files_keep_going_past_bad_records(name, fmt, count, errors):
    items = list(read_file(ART / name))
    found = [a for a in items if isinstance(a, Article)]
    messages = [str(e) for e in items if isinstance(e, InputError)]
    assert len(found) == count
    assert {a.format for a in found} == {ArticleFormat(fmt)}
    assert messages == [f"{ART / name}{suffix}" for suffix in errors]


def test_feed_items_languages_dates_ids():
    items = [a for a in read_file(ART / "feed_ai_news.xml") if isinstance(a, Article)]
    assert [a.lang for a in items] == ["en", "fr", "zh"]
    assert [a.published for a in items] == [
        "2024-06-11T09:00:00+00:00", "2024-04-24T14:30:00+02:00", None,
    ]
    # link, else guid, else path#n (n counts every item, the bad one too)
    assert [a.id for a in items] == [
        "https://wire.example.com/mistral-600m", "wire-2", f"{ART / 'feed_ai_news.xml'}#4",
    ]
    assert items[0].text == "The Paris start-up Mistral AI closed a round led by General Catalyst."
    assert items[0].authors == ["Ada Fixture"]
    assert items[0].outlet == "Example AI Wire"


def test_atom_entries():
    first, second = articles(ART / "feed_atom.xml")
    assert first.url == "https://policy.example.org/cma-amazon-anthropic"
    assert first.text == "The UK regulator said the Amazon deal does not qualify for review."
    assert first.authors == ["Policy Desk"]
    assert second.id == "urn:example:policy:2"
    assert second.text == "Google agreed to invest in Anthropic over several stages."
    assert second.published == "2023-10-30T08:00:00+00:00"


def test_jsonl_fields_and_ids():
    rec1, rec2, rec4 = articles_skipping_errors(ART / "records.jsonl")
    assert (rec1.id, rec1.lang, rec1.outlet, rec1.published) == (
        "rec-1", "fr", "Exemple Presse", "2024-05-29")
    assert rec1.text == "Mistral AI a présenté un modèle de code destiné aux développeurs."
    assert (rec2.id, rec2.url) == ("https://news.example.com/msft-mistral",) * 2
    assert rec2.authors == ["Ada Fixture", "Bo Fixture"]
    assert rec2.published == "2024-02-26T10:00:00+00:00"
    # no url, no id: path + record number; an unparseable date stays out of `published`
    assert rec4.id == f"{ART / 'records.jsonl'}#4"
    assert rec4.published is None and rec4.meta["date_text"] == "last week"
    assert rec4.authors == ["李明"] and rec4.lang == "zh"
    assert "author" not in rec4.meta and "body" not in rec4.meta


def articles_skipping_errors(path: Path) -> list[Article]:
    return [a for a in read_file(path) if isinstance(a, Article)]


def test_json_collection_strips_html_and_reads_nested_outlet():
    first, second = articles_skipping_errors(ART / "collection.json")
    assert first.text == (
        "The Dutch chip-equipment maker ASML led a 1.7 billion euro round in Mistral AI.")
    assert first.outlet == "Example Wire" and first.id == "https://news.example.com/asml-mistral"
    assert second.id == f"{ART / 'collection.json'}#2"
    assert second.lang == "en"


# --- markdown digest -------------------------------------------------------------------------


def test_digest_front_matter_and_body():
    a = one(ART / "digest_mistral_series_b.md")
    assert a.id == str(ART / "digest_mistral_series_b.md")  # empty source_url -> path
    assert a.url is None
    assert a.published == "2024-06-12T08:30:00+00:00"
    assert a.authors == ["kg fixture writer"]
    assert a.tags == ["AI", "Funding", "Technology"]
    assert a.keywords == ["Mistral AI", "General Catalyst", "Lightspeed", "B轮融资"]
    assert a.meta["categories"] == ["AI News"]
    assert a.meta["cover"] == {"image": "", "alt": "Mistral AI logo"}
    assert a.meta["word_count"] == 412
    assert "[^" not in a.text and "<article>" not in a.text and "**" not in a.text
    assert "automatically generated" not in a.text and "关键词" not in a.text
    assert "References" not in a.text and "https://" not in a.text
    assert "融资详情" in a.text  # headings stay as text
    assert "由General Catalyst领投。" in a.text  # footnote markers removed, sentence intact
    headings = [s.heading for s in a.sections]
    assert headings == ["Mistral AI完成6亿欧元B轮融资", "融资详情", "市场背景"]


def test_digest_footnotes_become_sources():
    sources = one(ART / "digest_mistral_series_b.md").sources
    assert [s.label for s in sources] == ["1", "2", "3"]
    first = sources[0]
    assert first.title == "Mistral AI closes a new round led by General Catalyst"
    assert first.url == "https://news.example.com/mistral-series-b"
    assert first.publisher == "Example Tech Daily"
    assert first.date == "2024-06-11"
    assert sources[1].date == "2023-12-11"
    assert sources[2].date == "n.d."  # not a date: kept as written


def test_digest_with_source_url_english_keywords_and_loose_footnote():
    a = one(ART / "digest_cma_amazon_anthropic.md")
    assert a.id == a.url == "https://news.example.com/cma-amazon-anthropic"
    assert a.published == "2024-09-27"
    assert a.authors == ["Jane Fixture", "Li Ming"]
    assert a.tags == ["AI", "Regulation"]
    assert a.keywords == ["Amazon", "Anthropic", "CMA", "merger control"]
    assert a.sources[1].url == "https://policy.example.org/cma-decision"
    assert a.sources[1].publisher is None


# --- AI Insight digest -----------------------------------------------------------------------


def test_insight_byline_sections_and_footer():
    a = one(ART / "insight_microsoft_mistral.txt")
    assert a.outlet == "Exemple Numérique"
    assert a.authors == ["JEANNE DUPONT", "MARC PETIT"]
    assert a.published == "2024-02-27T09:15:00"
    assert a.meta["original_title"] == (
        "Microsoft investit 15 millions d’euros dans la start-up Mistral AI")
    assert [(s.lang, s.heading) for s in a.sections] == [
        ("zh", "摘要"), ("en", "Summary"), ("fr", "Résumé")]
    assert a.sections[1].text.startswith("Microsoft said it is investing 15 million euros")
    assert "est apparu en premier" not in a.text
    assert "Key Players" not in a.text and "fixture-model-1" not in a.text
    assert a.text == "\n\n".join(s.text for s in a.sections)


def test_insight_key_players_with_every_dash_and_missing_location():
    players = one(ART / "insight_microsoft_mistral.txt").key_players
    assert [(p.name, p.description, p.location) for p in players] == [
        ("Microsoft", "American software company and cloud provider", "Redmond, Washington"),
        ("Mistral AI", "French developer of large language models", "Paris, France"),
        ("Competition and Markets Authority", "UK competition regulator", None),
        ("Azure", "Microsoft's cloud platform", None),
    ]


def test_insight_related_companies_survive_repeated_and_missing_lines():
    related = one(ART / "insight_microsoft_mistral.txt").related_companies
    assert [(c.name, c.stage, c.sentiment) for c in related] == [
        ("Microsoft", "mature", "positive"),
        ("Mistral AI", "startup", "positive"),  # the repeated 'positive' is not a company
        ("Competition and Markets Authority", None, "neutral"),
    ]


def test_insight_tail_meta():
    meta = one(ART / "insight_microsoft_mistral.txt").meta
    assert meta["core_point"] == "微软以小额投资换取Mistral AI模型在Azure上的分发权。"
    assert meta["industry_impact"][0] == {
        "sector": "Cloud computing", "level": "High",
        "text": "model choice becomes a selling point for cloud platforms."}
    assert meta["tracking"] == [
        {"level": "Strongly track", "text": "whether the CMA opens a formal merger inquiry."}]
    assert meta["highlights"] == ["Investment / Funding", "Regulation"]
    assert meta["categories"] == ["投资", "云计算", "监管"]
    assert meta["ai_processing"] == {"date": "2024-02-27T10:02:00", "model": "fixture-model-1"}


def test_insight_with_missing_byline_label_and_reordered_tail():
    a = one(ART / "insight_messy_labels.txt")
    assert a.authors == [] and a.published is None
    # the missing 'Summary' label: the English paragraph still gets its own section
    assert [s.lang for s in a.sections] == ["zh", "en", "fr"]
    assert [(c.name, c.stage, c.sentiment) for c in a.related_companies] == [
        ("Amazon", "mature", None), ("Anthropic", "startup", "positive")]
    assert [(p.name, p.location) for p in a.key_players] == [
        ("Amazon", "Seattle"), ("Anthropic", "San Francisco, United States")]
    assert a.meta["ai_processing"] == {"model": "fixture-model-2"}


def test_insight_variants_in_memory(tmp_path: Path):
    text = (ART / "insight_microsoft_mistral.txt").read_text("utf-8")
    variant = (text.replace("’", "'").replace("\n\n", "\n").replace("Key Players", "Key players")
               .replace("Microsoft — American", "Microsoft - American"))
    path = tmp_path / "variant.txt"
    path.write_text(variant, "utf-8")
    a = one(path)
    assert a.langs == ["zh", "en", "fr"]
    assert a.key_players[0].name == "Microsoft"
    assert a.key_players[0].location == "Redmond, Washington"
    assert "est apparu en premier" not in a.text


# --- HTML and text ---------------------------------------------------------------------------


def test_html_metadata_and_boilerplate():
    a = one(ART / "page_nvidia_en.html")
    assert a.id == a.url == "https://tech.example.com/nvidia-blackwell-orders"
    assert a.published == "2024-03-19T07:45:00+00:00"
    assert a.authors == ["Sam Fixture"] and a.outlet == "Example Tech"
    assert a.text == (
        "NVIDIA said on Monday that Amazon Web Services, Google Cloud and Microsoft Azure will "
        "offer its Blackwell GPUs.\n\nThe chips are aimed at training and serving large language "
        "models, including those built by Mistral AI & Anthropic.")


def test_html_main_time_and_og_url():
    a = one(ART / "page_mistral_fr.html")
    assert a.url == "https://actu.example.fr/mistral-rachat"
    assert a.published == "2025-02-17"
    assert "l’acquisition d’une start-up" in a.text
    assert "Accueil" not in a.text  # outside <main>


def test_header_form_and_placeholders():
    a = one(ART / "header_no_title.txt")
    assert a.id == a.url == "https://wire.example.com/asml-mistral"
    assert a.title == ""
    assert a.text.startswith("By Ada Fixture\nASML has become")
    assert "URL:" not in a.text


# --- encodings -------------------------------------------------------------------------------

ZH = "英国竞争和市场管理局宣布，将审查亚马逊对人工智能公司Anthropic的投资。"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encodings_are_decoded(tmp_path: Path, encoding: str):
    path = tmp_path / f"cma_{encoding}.txt"
    path.write_bytes(f"亚马逊投资受审查\n\n{ZH}\n".encode(encoding))
    a = one(path)
    assert a.text == f"亚马逊投资受审查\n\n{ZH}"
    assert a.title == "亚马逊投资受审查" and a.lang == "zh"


def test_utf16_json_lines(tmp_path: Path):
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"title": "Mistral", "text": ZH}, ensure_ascii=False)] * 2
    path.write_bytes("\n".join(lines).encode("utf-16"))
    assert [a.text for a in articles(path)] == [ZH, ZH]


def test_cp1252_french_is_not_read_as_chinese(tmp_path: Path):
    path = tmp_path / "fr.txt"
    path.write_bytes("L’autorité a étudié le rôle de Microsoft dans Mistral AI.".encode("cp1252"))
    assert one(path).text == "L’autorité a étudié le rôle de Microsoft dans Mistral AI."


# --- bad input: one line naming the file and the reason ----------------------------------------

BAD_CASES = [
    ("empty.txt", "empty file"),
    ("blank.txt", "file has only whitespace"),
    ("notes.pdf", "binary file (PDF), not an article"),
    ("chart.png", "binary file (PNG image), not an article"),
    ("photo.jpg", "binary file (JPEG image), not an article"),
    ("nul_bytes.txt", "binary file (contains NUL bytes), not an article"),
    ("controls.txt", "text is mostly control characters, not an article"),
    ("truncated_front_matter.md", "front matter opened with --- is never closed"),
    ("bad_yaml.md", "front matter is not valid YAML (line 4)"),
    ("bad_date.md", "front matter date 'yesterday' is not a date"),
    ("list_front_matter.md", "front matter is not a 'key: value' mapping"),
    ("malformed.json",
     "malformed JSON at line 2, column 1: Expecting property name enclosed in double quotes"),
    ("json_number.json", "JSON is a int, not an article object or a list"),
    ("broken_feed.xml", "malformed XML at line 4, column 29"),
    ("entity_bomb.xml", "XML with a DOCTYPE or ENTITY declaration is not accepted"),
    ("sitemap.xml", "XML document <urlset> is not an RSS or Atom feed"),
    ("empty_page.html", "HTML page has no article text"),
]


@pytest.mark.parametrize(("name", "reason"), BAD_CASES)
def test_bad_input_message(name: str, reason: str):
    with pytest.raises(InputError) as err:
        list(read_file(BAD / name))
    assert str(err.value) == f"{BAD / name}: {reason}"
    assert "\n" not in str(err.value)


def test_broken_feed_still_yields_the_items_before_the_error():
    items = []
    with pytest.raises(InputError):
        for item in read_file(BAD / "broken_feed.xml"):
            items.append(item)
    assert [a.title for a in items] == ["Mistral AI raises money"]


def test_oversized_single_article(tmp_path: Path):
    path = tmp_path / "huge.md"
    with path.open("wb") as fh:
        fh.write(b"# Mistral AI\n\n" + b"Mistral AI raised money. " * 4000)
        fh.truncate(50 * 1024 * 1024)  # sparse: the size is what matters
    with pytest.raises(InputError) as err:
        read_file(path)
    assert str(err.value) == f"{path}: file is 50.0 MB, larger than the 20 MB limit for one article"


@pytest.mark.slow
def test_big_jsonl_is_streamed_with_bounded_memory(tmp_path: Path):
    path = tmp_path / "big.jsonl"
    record = json.dumps({"title": "Mistral AI", "text": "Mistral AI raised money. " * 40_000})
    with path.open("w") as fh:
        for _ in range(25):  # 25 MB: over the one-article limit, so it must be streamed
            fh.write(record + "\n")
    tracemalloc.start()
    count = sum(1 for a in read_file(path) if isinstance(a, Article))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 25
    assert peak < 15 * 1024 * 1024, peak


def test_directory_is_not_a_file(tmp_path: Path):
    with pytest.raises(InputError) as err:
        read_file(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a directory, not a file"


# --- iter_files ------------------------------------------------------------------------------


def test_iter_files_recurses_sorted_and_skips_hidden(tmp_path: Path):
    for rel in ["b.txt", "a/z.md", "a/b/c.json", ".hidden.txt", ".git/config", "a/.cache/x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a/b/c.json", "a/z.md", "b.txt"]


def test_folder_walk_skips_readmes_scripts_and_config_but_not_named_files(tmp_path: Path):
    for rel in ["README.md", "notes/LICENSE", "use.py", "kg.toml", "news.md", "scan.pdf"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["news.md", "scan.pdf"]
    assert [p.name for p in iter_files([tmp_path / "README.md"])] == ["README.md"]


def test_iter_files_globs_files_and_dedupes(tmp_path: Path):
    for name in ["one.md", "two.md", "three.txt"]:
        (tmp_path / name).write_text("x")
    found = list(iter_files([str(tmp_path / "*.md"), tmp_path / "one.md", tmp_path / "three.txt"]))
    assert [p.name for p in found] == ["one.md", "two.md", "three.txt"]


@pytest.mark.parametrize("missing", ["nowhere/file.md", "nowhere/*.md"])
def test_iter_files_missing_path(tmp_path: Path, missing: str):
    path = str(tmp_path / missing)
    with pytest.raises(InputError) as err:
        list(iter_files([path]))
    assert str(err.value) == f"{path}: no such file or directory"


def test_eval_style_header_files_keep_their_url_as_id(tmp_path: Path):
    path = tmp_path / "001_example.txt"
    path.write_text("URL: https://example.com/a\nTITLE: Example headline\nLANG: fr\n\n"
                    "Mistral AI a racheté une jeune pousse.\n", "utf-8")
    a = one(path)
    assert (a.id, a.url, a.title, a.lang) == (
        "https://example.com/a", "https://example.com/a", "Example headline", "fr")
    assert a.text == "Mistral AI a racheté une jeune pousse."


def test_feed_item_with_an_empty_date_reads_without_feedparser_warnings(tmp_path: Path):
    # feedparser's get("updated") falls back to "published" with a DeprecationWarning
    feed = tmp_path / "empty-date.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Our desk</title><entry><title>Acme raises money</title><id>urn:x:1</id>"
        "<published></published><summary>Acme raised money from Foo Capital.</summary>"
        "</entry></feed>",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = list(read_file(feed))
    assert [(a.title, a.published) for a in articles] == [("Acme raises money", None)]
