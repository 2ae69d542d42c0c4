# -*- coding: latin-1 -*-
"""Café module: latin-1 bytes must stay latin-1."""


def café_name():
    return "crème brûlée"
