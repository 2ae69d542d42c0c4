"""Subcommands of `reviewer`, one module each (see reviewer/cli.py COMMANDS)."""
