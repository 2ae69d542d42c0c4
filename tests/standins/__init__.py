"""Stand-in tasks for the hook tests.

The hooks' own logic (scoping by filename, output format, exit codes, the
backend order, never losing a file) is tested through these so that findings,
notes and interruptions happen exactly where a test needs them (the real
docstrings task cannot be interrupted on cue). The real tasks run in
test_hooks_precommit.py and in test_hooks.py's plain-git-hook tests.
"""
