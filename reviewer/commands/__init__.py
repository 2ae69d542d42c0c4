"""Subcommands of `reviewer`, one module each, imported only when invoked (see reviewer.cli.COMMANDS)."""
