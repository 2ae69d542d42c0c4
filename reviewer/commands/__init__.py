"""Subcommands of `reviewer`, one module each, imported lazily by reviewer.cli."""
