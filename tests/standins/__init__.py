"""Stand-in tasks for the hook tests.

The hooks' own logic (scoping by filename, output format, exit codes, the
backend order, never losing a file) is tested through these, because the real
`review`, `docstrings` and `coverage` tasks are built on other branches; the
integration tests in test_hooks_precommit.py use the real tasks when present.
"""
