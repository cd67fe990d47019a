"""kg: AI-industry news in Chinese, English and French to a knowledge graph with evidence."""

from __future__ import annotations

__version__ = "0.1.0"
