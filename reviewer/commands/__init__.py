"""Subcommand modules: each exposes a click command that reviewer/cli.py COMMANDS names."""
