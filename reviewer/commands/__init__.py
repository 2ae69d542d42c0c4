"""Subcommands, one module each; reviewer.cli imports a module on first use."""
