#!/usr/bin/env python3
# A leading comment block.

'''Module docstring in single quotes.'''

x = {'a': 1}  # trailing comment


def first():  # comment on the def line
    # a comment before the first statement
    return 'single quotes stay'


def spaced():

    # blank line, then a comment


    return  x['a']   # odd spacing is kept


def ellipsis_body():
    ...


def pass_body(): pass


def one_liner(a, b): return a + b  # trailing comment survives


def semicolons(): x = 1; y = 2; return x + y


class Empty: ...
