"""Subcommands of `reviewer`, one module each, imported only when invoked (see cli.COMMANDS)."""
