import pandas as pd


def labels(series: pd.Series):
    out = []
    # a Series iterates its values: the finding stays, no fix is offered (the fixed file is the same)
    # expect: python-standards/dict-keys-loop
    for label in series.keys():
        out.append(label)
    # ok: python-standards/dict-keys-loop
    for value in series:
        out.append(value)
    return out
