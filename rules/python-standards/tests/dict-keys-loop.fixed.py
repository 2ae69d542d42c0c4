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


class Table:
    def __iter__(self):
        # ok: python-standards/dict-keys-loop
        for k in self.keys():
            yield k
