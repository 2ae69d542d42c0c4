# path: nextstrain/cli/command/debugger.py
"""
Launch pdb from within the Nextstrain CLI process.

This is a development and troubleshooting tool unnecessary for normal usage.
"""
import pdb


def register_parser(subparser):
    return subparser.add_parser("debugger", help="Start a debugger")


def run(opts):
    # ok: python-standards/debugger-leftover
    pdb.set_trace()
