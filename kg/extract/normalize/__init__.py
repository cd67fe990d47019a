"""Money amounts and dates in Chinese, English and French news text, normalised.

    >>> parse_amount("融资4.15亿美元").amount
    415000000.0
    >>> parse_date("le 11 juin 2024").value
    '2024-06-11'

Words, symbols and month names live in `data/normalize.yaml` (loaded by `words`); the regexes of
`amounts` and `dates` are built from it once, at import, because the extractor calls these
functions on every sentence.
"""

from __future__ import annotations

from kg.dates import PartialDate, Precision, find_dates, parse_date
from kg.extract.normalize.amounts import Money, find_amounts, parse_amount

__all__ = ["Money", "PartialDate", "Precision", "find_amounts", "find_dates", "parse_amount",
           "parse_date"]  # fmt: skip
