"""The extractor interface and its registry: built-ins register the way an add-on would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from kg.errors import ConfigurationError
from kg.schema import Article, ExtractionResult


@runtime_checkable
class Extractor(Protocol):
    """Anything with a `name` and `extract(article) -> ExtractionResult` is an extractor."""

    name: str

    def extract(self, article: Article) -> ExtractionResult: ...


_REGISTRY: dict[str, Callable[[], Extractor]] = {}
_INSTANCES: dict[str, Extractor] = {}


def register(name: str, factory: Callable[[], Extractor]) -> None:
    """Register an extractor factory under `name` (called once, lazily, per process)."""
    _REGISTRY[name] = factory
    _INSTANCES.pop(name, None)


def get_extractor(name: str = "rules") -> Extractor:
    if name not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise ConfigurationError(f"unknown extractor {name!r} (known: {known})")
    if name not in _INSTANCES:
        _INSTANCES[name] = _REGISTRY[name]()
    return _INSTANCES[name]


def extractor_names() -> list[str]:
    return sorted(_REGISTRY)


def factory(name: str) -> Callable[[], Extractor]:
    """The factory registered under `name` (sent to worker processes, which register it too:
    an extractor registered by the caller works with workers)."""
    get_extractor(name)  # ConfigurationError when unknown
    return _REGISTRY[name]
