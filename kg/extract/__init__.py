"""Extraction: one `Article` in, one `ExtractionResult` (entities, relations, evidence) out.

from kg.extract import extract_article
result = extract_article(article)                 # the built-in "rules" extractor
result = extract_article(article, "my-extractor") # any extractor registered in base.py
"""

from __future__ import annotations

from kg.errors import ExtractionError, KgError
from kg.extract.base import Extractor, extractor_names, get_extractor, register
from kg.schema import Article, ExtractionResult

__all__ = ["Extractor", "extract_article", "extractor_names", "get_extractor", "register"]


def _rules() -> Extractor:
    from kg.extract.rules import RulesExtractor  # loaded on first use: data files are read then

    return RulesExtractor()


register("rules", _rules)


def extract_article(article: Article, extractor: str = "rules") -> ExtractionResult:
    """Entities and relations of one article, every relation with the sentences stating it."""
    impl = get_extractor(extractor)
    try:
        return impl.extract(article)
    except KgError:
        raise
    except Exception as exc:  # a bug in one extractor must not stop a batch without a name
        raise ExtractionError(f"{article.id}: extractor {extractor!r} failed ({exc})") from exc
