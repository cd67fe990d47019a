"""Look-ups for analysts, answered from the local store alone (no database server): one entity
with its evidence, listings of entities, deals and ingested articles, full-text search, and
dependency chains with the evidence of every hop.

    >>> from kg.lookup import open_store, show_entity, list_deals, store_chain
    >>> with open_store("kg-data") as store:
    ...     card = show_entity(store, "Mistral AI")
    ...     deals = list_deals(store, deal_type="acquisition")
    ...     chain = store_chain(store, "Mistral AI", depth=2)
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.store import Store

if TYPE_CHECKING:
    from kg.lookup.chain import ChainResult, store_chain
    from kg.lookup.entity import DealLine, EntityCard, RelationLine, find_entity, show_entity
    from kg.lookup.listing import (
        ArticleRow,
        EntityRow,
        SearchHit,
        list_articles,
        list_deals,
        list_entities,
        search,
    )

# Imported on first use (PEP 562): `kg chain` does not pay for the date parsers the listings use.
_HOMES = {
    "kg.lookup.chain": ("ChainResult", "store_chain"),
    "kg.lookup.entity": ("DealLine", "EntityCard", "RelationLine", "find_entity", "show_entity"),
    "kg.lookup.listing": ("ArticleRow", "EntityRow", "SearchHit", "list_articles", "list_deals",
                          "list_entities", "search"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["ArticleRow", "ChainResult", "DealLine", "EntityCard", "EntityRow", "RelationLine",
           "SearchHit", "find_entity", "list_articles", "list_deals", "list_entities",
           "open_store", "search", "show_entity", "store_chain"]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'kg.lookup' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


@contextmanager
def open_store(data_dir: str | Path) -> Iterator[Store]:
    """The existing store under `data_dir`, read-only; a one-line StoreError when the data
    directory or the store does not exist, or holds no article yet."""
    data = Path(data_dir)
    if not data.is_dir():
        raise StoreError(f"{data}: no such data directory (run `kg ingest FILES --data-dir "
                         f"{data}` first, or set --data-dir / KG_DATA_DIR)")
    with Store.open(data, create=False) as store:
        if store.lookups.is_empty():
            raise StoreError(f"{data}: the store is empty (run `kg ingest FILES` first)")
        yield store
