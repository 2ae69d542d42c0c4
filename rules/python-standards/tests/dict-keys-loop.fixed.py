def names(table):
    out = []
    # expect: python-standards/dict-keys-loop
    for name in table:
        out.append(name)
    # ok: python-standards/dict-keys-loop
    for name in table:
        out.append(name)
    # ok: python-standards/dict-keys-loop
    keys = table.keys()
    return out, keys
