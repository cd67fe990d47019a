"""Deterministic synthetic news corpus for the `kg` benchmarks and scale tests.

    python benchmarks/corpus.py OUT_DIR --articles 1000 [--seed 7] [--start 0]
    python benchmarks/corpus.py OUT_DIR --mode small-files --articles 20000
    python benchmarks/corpus.py OUT_DIR --mode big-jsonl --size-mb 50

Every article is written from our own templates (zh, en, fr) in every input format of
/work/shared/formats.md. Company names are synthetic and drawn from a pool that grows with the
corpus, so the entity count grows with it too; a few real hubs (NVIDIA, Microsoft Azure, ...)
give the graph its long dependency chains. Same seed and arguments, same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

SYLLABLES = (
    "ka ve lo ri sa no tu mi zen dra qua fel bor ix ny pra sol tev mar cor lum vex "
    "ora pix hal bri don gel jun kor lyn mox nev pel rho sti tor ula vin wes yar zo "
    "ael bex cyn dov eru fyn"
).split()
SUFFIXES = ("AI", "Labs", "Robotics", "Systems", "Cloud", "Intelligence", "Compute", "Data")
FIRST = "Alice Bruno Chen Daria Emil Fatima Gao Hugo Ines Jonas Kenji Lea Malik Nora Omar".split()
LAST = "Moreau Zhang Okafor Lindqvist Rossi Tanaka Dubois Silva Novak Haddad Kowalski".split()
# Parallel tuples: the same index is the same place/regulator/round in every language.
CITIES = {"en": ("Paris", "Berlin", "London", "Shanghai", "Toronto", "Munich"),
          "fr": ("Paris", "Berlin", "Londres", "Shanghai", "Toronto", "Munich"),
          "zh": ("巴黎", "柏林", "伦敦", "上海", "多伦多", "慕尼黑")}
CHIPS = ("NVIDIA", "AMD", "Intel")
CLOUDS = ("Microsoft Azure", "Amazon Web Services", "Google Cloud", "Oracle Cloud")
REGULATORS = {"en": ("the UK's Competition and Markets Authority", "the European Commission",
                     "the US Federal Trade Commission"),
              "fr": ("la CMA britannique", "la Commission européenne", "la FTC américaine"),
              "zh": ("英国竞争与市场管理局（CMA）", "欧盟委员会", "美国联邦贸易委员会")}
ROUNDS = {"en": ("seed", "Series A", "Series B", "Series C"),
          "fr": ("levée d’amorçage", "série A", "série B", "série C"),
          "zh": ("种子轮", "A轮", "B轮", "C轮")}

TEMPLATES: dict[str, dict[str, Any]] = {
    "en": {
        "acq": "{a} has acquired {b}, a {city}-based startup.",
        "inv": "{a} will invest {amt} in {b}.",
        "round": "{b} has raised {amt} in a {round} round led by {a}.",
        "chip": "{a} trains its models on {chip} GPUs.",
        "cloud": "{a} depends on {cloud} for cloud computing.",
        "review": "{reg} is reviewing {a}'s investment in {b}.",
        "ceo": "{p} is the CEO and co-founder of {a}.",
        "comp": "{a} competes with {b}.",
        "filler": ("Analysts expect demand for AI infrastructure to keep growing in {year}.",
                   "The market for large language models stayed crowded in {year}.",
                   "Several customers asked for models that run inside their own data centres.",
                   "Prices for inference fell again during {year}, according to the report."),
    },
    "fr": {
        "acq": "{a} a racheté {b}, une start-up basée à {city}.",
        "inv": "{a} investit {amt} dans {b}.",
        "round": "{b} a levé {amt} lors d’une {round} menée par {a}.",
        "chip": "{a} dépend des GPU {de}{chip}.",
        "cloud": "{a} dépend de {cloud} pour le cloud.",
        "review": "{reg} examine l’investissement de {a} dans {b}.",
        "ceo": "{p} est le PDG et cofondateur de {a}.",
        "comp": "{a} est en concurrence avec {b}.",
        "filler": ("Les analystes s’attendent à une demande croissante de calcul en {year}.",
                   "Le marché des grands modèles de langage reste très disputé en {year}.",
                   "Plusieurs clients veulent des modèles hébergés dans leurs propres centres.",
                   "Le prix de l’inférence a encore baissé en {year}, selon le rapport."),
    },
    "zh": {
        "acq": "{city}人工智能初创公司{a}宣布收购{b}。",
        "inv": "{a}向{b}投资{amt}。",
        "round": "{b}完成{amt}的{round}融资，由{a}领投。",
        "chip": "{a}依赖{chip}的GPU训练模型。",
        "cloud": "{a}依赖{cloud}提供云计算服务。",
        "review": "{reg}正在审查{a}对{b}的投资。",
        "ceo": "{p}是{a}的首席执行官兼联合创始人。",
        "comp": "{a}与{b}存在竞争关系。",
        "filler": ("分析人士预计，{year}年人工智能算力需求将继续增长。",
                   "{year}年，大模型市场的竞争依然激烈。",
                   "不少客户希望在自己的数据中心里运行模型。",
                   "报告称，{year}年推理价格继续下降。"),
    },
}
TITLES = {"en": "{a} news roundup no. {n}", "fr": "Actualité de {a}, no {n}",
          "zh": "{a}动态（第{n}期）"}
FACT_KINDS = ("acq", "inv", "round", "chip", "cloud", "review", "ceo", "comp")
FORMATS = ("markdown_digest", "insight_digest", "html", "rss", "atom", "json", "jsonl",
           "text", "markdown")
# Share of articles per format (JSONL carries most, as real bulk dumps do); a file's pick weight
# is its share divided by the mean number of articles per file of that format.
FORMAT_SHARES = (8, 6, 10, 10, 6, 10, 30, 10, 10)


@dataclass
class Doc:
    """One synthetic article: facts rendered per language; `langs[0]` is the main one."""

    n: int
    title: str
    date: str
    url: str
    langs: list[str]
    bodies: dict[str, list[str]] = field(default_factory=dict)
    players: list[str] = field(default_factory=list)


def company_name(k: int) -> str:
    """Injective: k -> three syllables (base len(SYLLABLES)) plus a suffix. Multiplying by a
    prime coprime to the name space scatters neighbours, so small pools still vary."""
    base = len(SYLLABLES)
    k = (k * 7919) % (base**3 * len(SUFFIXES))
    parts = [SYLLABLES[(k // base**i) % base] for i in range(3)]
    return "".join(parts).capitalize() + " " + SUFFIXES[(k // base**3) % len(SUFFIXES)]


def amount(rng: random.Random, lang: str) -> str:
    millions = rng.choice((5, 12, 40, 85, 150, 300, 600, 1200, 2500))
    usd = rng.random() < 0.6
    if lang == "zh":
        unit = "美元" if usd else "欧元"
        return f"{millions / 100:g}亿{unit}" if millions >= 100 else f"{millions * 100}万{unit}"
    if lang == "fr":
        cur = "de dollars" if usd else "d’euros"
        if millions >= 1000:
            word = "milliard" if millions < 2000 else "milliards"
            return f"{millions / 1000:g}".replace(".", ",") + f" {word} {cur}"
        return f"{millions} millions {cur}"
    sign = "$" if usd else "€"
    return f"{sign}{millions / 1000:g} billion" if millions >= 1000 else f"{sign}{millions} million"


class Generator:
    """Draws articles; the company pool grows with the corpus (about one name per 2 articles)."""

    def __init__(self, seed: int, pool: int) -> None:
        self.rng = random.Random(seed)
        self.pool = max(pool, 20)

    def company(self) -> str:
        return company_name(self.rng.randrange(self.pool))

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def fact(self, lang: str, kind: str, a: str, b: str, year: int) -> str:
        rng = self.rng
        chip = rng.choice(CHIPS)
        values = {"a": a, "b": b, "year": year, "amt": amount(rng, lang),
                  "city": rng.choice(CITIES[lang]), "round": rng.choice(ROUNDS[lang]),
                  "chip": chip, "de": "d’" if chip[0] in "AEIOU" else "de ",
                  "cloud": rng.choice(CLOUDS + (b,)),
                  "reg": rng.choice(REGULATORS[lang]), "p": self.person()}
        text = TEMPLATES[lang][kind].format(**values)
        return text[0].upper() + text[1:]

    def doc(self, n: int, pad_sentences: int = 0) -> Doc:
        rng = self.rng
        main = rng.choice(("en", "en", "zh", "fr"))
        a, b = self.company(), self.company()
        year = rng.randint(2021, 2026)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        kinds = rng.sample(FACT_KINDS, rng.randint(3, 5))
        pairs = [(k, a if i % 2 == 0 else self.company(), b) for i, k in enumerate(kinds)]
        title = TITLES[main].format(a=a, n=n)
        d = Doc(n, title, date, f"https://bench.example.org/{main}/{n}", [main], players=[a, b])
        seed_state = rng.getstate()
        for lang in ("zh", "en", "fr"):
            rng.setstate(seed_state)  # same amounts and people in every language version
            facts = [self.fact(lang, k, x, y, year) for k, x, y in pairs]
            fillers = [rng.choice(TEMPLATES[lang]["filler"]).format(year=year)
                       for _ in range(pad_sentences)]
            d.bodies[lang] = facts + fillers
        return d


# --- renderers: one Doc (or a few) -> file text ----------------------------------------------


def body(d: Doc, lang: str | None = None) -> str:
    sep = "" if (lang or d.langs[0]) == "zh" else " "
    return sep.join(d.bodies[lang or d.langs[0]])


def render_markdown_digest(d: Doc) -> str:
    lang = d.langs[0]
    fm = (f'---\ntitle: "{d.title}"\ndate: {d.date}T08:00:00.000Z\ndraft: false\n'
          f'tags: ["AI", "Technology"]\ncategories: ["AI News"]\nauthor: "bench"\n'
          f'summary: "{d.bodies[lang][0]}"\ncover:\n  image: ""\n  alt: ""\nsource_url: ""\n'
          f'word_count: {len(body(d))}\nreading_time: 1\nai_score: 0\n---\n\n')
    ref = (f'[^1]: ({d.date}). "[{d.title}]({d.url})". Bench Wire. Retrieved {d.date}.')
    return (fm + f"## Content\n\n<article>\n## {d.title}\n\n**TL;DR**：{d.bodies[lang][0]}[^1]\n\n"
            f"{body(d)}[^1]\n\n## References\n{ref}\n</article>\n\n"
            f"**关键词**：{'，'.join(d.players)}\n\n## Tags\n\n#AI #Technology\n")


def render_insight_digest(d: Doc) -> str:
    lead = d.players[0]
    out = [TITLES["zh"].format(a=lead, n=d.n), "", TITLES["en"].format(a=lead, n=d.n), "",
           f"Bench Journal by BENCH DESK {d.date} 09:00 Original"]
    for label, lang in (("摘要", "zh"), ("Summary", "en"), ("Résumé", "fr")):
        out += [label, d.bodies[lang][0], "", body(d, lang), ""]
    out += ["AI Insight", "Core Point", "", d.bodies["zh"][0], "", "Key Players", ""]
    out += [f"{p} — synthetic company, location not given.\n" for p in d.players]
    out += ["Related Companies"] + [f"{p}\nstartup\nneutral" for p in d.players]
    out += ["Categories", "投资 并购", "AI Processing", f"{d.date} 09:05", "bench-model"]
    return "\n".join(out) + "\n"


def render_html(d: Doc) -> str:
    paras = "\n".join(f"<p>{escape(s)}</p>" for s in d.bodies[d.langs[0]])
    return (f'<!DOCTYPE html>\n<html lang="{d.langs[0]}"><head><meta charset="utf-8">'
            f"<title>{escape(d.title)}</title>"
            f'<link rel="canonical" href="{d.url}">'
            f'<meta property="article:published_time" content="{d.date}T08:00:00Z"></head>\n'
            f'<body><nav><a href="/">Home</a> | <a href="/ai">AI</a></nav>\n'
            f"<article><h1>{escape(d.title)}</h1>\n{paras}\n</article>\n"
            f"<footer>© Bench Wire</footer></body></html>\n")


def rfc822(iso_date: str) -> str:
    return format_datetime(datetime.fromisoformat(iso_date + "T08:00:00+00:00"))


def render_rss(docs: list[Doc]) -> str:
    items = "".join(
        f"<item><title>{escape(d.title)}</title><link>{d.url}</link><guid>{d.url}</guid>"
        f"<pubDate>{rfc822(d.date)}</pubDate><description>{escape(body(d))}</description></item>\n"
        for d in docs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            "<title>Bench feed</title><link>https://bench.example.org/</link>"
            f"<description>synthetic</description>\n{items}</channel></rss>\n")


def render_atom(docs: list[Doc]) -> str:
    entries = "".join(
        f"<entry><title>{escape(d.title)}</title><link href=\"{d.url}\"/><id>{d.url}</id>"
        f"<published>{d.date}T08:00:00Z</published><updated>{d.date}T08:00:00Z</updated>"
        f'<content type="text">{escape(body(d))}</content></entry>\n' for d in docs)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Bench atom</title><id>https://bench.example.org/atom</id>"
            f"<updated>{docs[-1].date}T08:00:00Z</updated>\n{entries}</feed>\n")


def json_record(d: Doc) -> dict[str, str]:
    key = ("text", "content", "body")[d.n % 3]  # readers must accept all three field names
    return {"id": f"bench-{d.n}", "title": d.title, "date": d.date, "url": d.url,
            "source": "Bench Wire", "lang": d.langs[0], key: body(d)}


def render_json(d: Doc) -> str:
    return json.dumps(json_record(d), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(docs: list[Doc]) -> str:
    return "".join(json.dumps(json_record(d), ensure_ascii=False) + "\n" for d in docs)


def render_text(d: Doc) -> str:
    return f"{d.title}\n\n" + "\n\n".join(d.bodies[d.langs[0]]) + "\n"


def render_markdown(d: Doc) -> str:
    return f"# {d.title}\n\n*{d.date}*\n\n" + "\n\n".join(d.bodies[d.langs[0]]) + "\n"


SINGLE = {"markdown_digest": (render_markdown_digest, "md"),
          "insight_digest": (render_insight_digest, "txt"), "html": (render_html, "html"),
          "json": (render_json, "json"), "text": (render_text, "txt"),
          "markdown": (render_markdown, "md")}
MULTI = {"rss": (render_rss, "xml", 3), "atom": (render_atom, "xml", 3),
         "jsonl": (render_jsonl, "jsonl", 50)}
FILE_WEIGHTS = [share / ((2 + MULTI[f][2]) / 2 if f in MULTI else 1)
                for f, share in zip(FORMATS, FORMAT_SHARES, strict=True)]


# --- writers ---------------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def plan(n: int, rng: random.Random) -> Iterator[tuple[str, int]]:
    """(format, article count) per file until n articles are placed."""
    left = n
    while left > 0:
        fmt = rng.choices(FORMATS, weights=FILE_WEIGHTS)[0]
        size = min(left, rng.randint(2, MULTI[fmt][2]) if fmt in MULTI else 1)
        yield fmt, size
        left -= size


def write_corpus(out: Path, articles: int, seed: int = 7, start: int = 0) -> list[Path]:
    """Write `articles` articles (numbered from `start`) across files of every format."""
    gen = Generator(seed + start, pool=(start + articles) // 2)
    written, n = [], start
    for fileno, (fmt, size) in enumerate(plan(articles, gen.rng)):
        docs = [gen.doc(n + i) for i in range(size)]
        n += size
        sub = out / f"{start // 1000:04d}" / f"{fileno // 500:04d}"  # keep folders small
        name = f"s{start}-f{fileno:06d}"
        if fmt in MULTI:
            render, ext, _ = MULTI[fmt]
            written.append(_write(sub / f"{name}.{fmt}.{ext}", render(docs)))
        else:
            render1, ext = SINGLE[fmt]
            written.append(_write(sub / f"{name}.{fmt}.{ext}", render1(docs[0])))
    return written


def write_small_files(out: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` one-article files (txt, md, json in turn) in one folder tree."""
    gen = Generator(seed, pool=count // 2)
    kinds = (("text", "txt"), ("markdown", "md"), ("json", "json"))
    paths = []
    for i in range(count):
        fmt, ext = kinds[i % 3]
        text = SINGLE[fmt][0](gen.doc(i))
        paths.append(_write(out / f"{i // 1000:03d}" / f"a{i:06d}.{ext}", text))
    return paths


def write_big_jsonl(path: Path, size_mb: float, seed: int = 7, pad: int = 40) -> int:
    """One JSONL file of at least `size_mb` MB; `pad` filler sentences make records ~4-8 KB.
    Returns the number of records."""
    limit = int(size_mb * 1024 * 1024)
    gen = Generator(seed, pool=max(1000, limit // 20000))
    path.parent.mkdir(parents=True, exist_ok=True)
    written = count = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < limit:
            line = json.dumps(json_record(gen.doc(count, pad)), ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="output folder (big-jsonl: folder of corpus.jsonl)")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0, help="number of the first article")
    ap.add_argument("--mode", choices=("mixed", "small-files", "big-jsonl"), default="mixed")
    ap.add_argument("--size-mb", type=float, default=50.0)
    args = ap.parse_args(argv)
    if args.mode == "mixed":
        paths = write_corpus(args.out, args.articles, args.seed, args.start)
        print(f"{args.articles} articles in {len(paths)} files under {args.out}", file=sys.stderr)
    elif args.mode == "small-files":
        paths = write_small_files(args.out, args.articles, args.seed)
        print(f"{len(paths)} files under {args.out}", file=sys.stderr)
    else:
        count = write_big_jsonl(args.out / "corpus.jsonl", args.size_mb, args.seed)
        print(f"{count} records in {args.out / 'corpus.jsonl'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
