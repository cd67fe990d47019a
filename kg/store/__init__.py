"""The durable local store: articles and their facts in SQLite under the data directory.

- `db`: `Store`, its lifecycle (open, close), writes (one transaction per article) and stats;
- `lookups`: look-ups by name, listings, facts per article, full-text search (kg.lookup);
- `reads`: the reads a Store hands out (articles, merged facts, focus neighbourhoods);
- `rows`: what the store hands out (outcomes, records, stats) and the rows it writes (`prepare`);
- `schema`: the SQLite migrations, how they run, and the write transaction.

    >>> from kg.store import Store
    >>> with Store.open("kg-data") as store:
    ...     print(store.stats().articles)
"""

from __future__ import annotations

from kg.store.db import DB_NAME, Store
from kg.store.lookups import Lookups
from kg.store.reads import Reads
from kg.store.rows import (
    ArticleChange,
    ArticleRecord,
    PreparedPut,
    PutOutcome,
    StoreStats,
    prepare,
)
from kg.store.schema import MIGRATIONS, Transaction

__all__ = ["DB_NAME", "MIGRATIONS", "ArticleChange", "ArticleRecord", "Lookups", "PreparedPut",
           "PutOutcome", "Reads", "Store", "StoreStats", "Transaction", "prepare"]
