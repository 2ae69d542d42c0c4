"""Subcommands, one module each; cli.COMMANDS imports them on first use."""
