"""`python -m kg ...` runs the `kg` command."""

from __future__ import annotations

from kg.cli import cli

if __name__ == "__main__":
    cli(prog_name="kg")
