"""Docstring injection: select changed undocumented definitions, write prose, insert it safely.

select.py decides what needs a docstring, generate.py asks a Backend for the
prose (or the template generator), text.py builds the literal, insert.py puts
it in with libcst and checks the guarantees, run.py ties them together.
"""
