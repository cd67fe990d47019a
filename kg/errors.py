"""One error base for the whole library: the CLI shows `Error: <message>` for any of these."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error `kg` raises on purpose. The message is one line."""


class InputError(KgError):
    """An article file or value cannot be read (empty, binary, bad encoding, bad front matter)."""


class ExtractionError(KgError):
    """An extractor failed on an article."""


class StoreError(KgError):
    """The local store or the graph database cannot be read or written."""


class ConfigurationError(KgError):
    """Bad options, environment variables or connection settings."""
