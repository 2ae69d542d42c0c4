def save(rows):
    # expect: off-by-one/slice-drops-last
    backup = rows[:-1]
    # ok: off-by-one/slice-drops-last
    body = rows[:-1]
    # ok: off-by-one/slice-drops-last
    rows_copy = rows[:]
    return backup, body, rows_copy


def prefixes(components):
    components_copy = components[:]
    found = []
    while components_copy:
        found.append(components_copy)
        # ok: off-by-one/slice-drops-last
        components_copy = components_copy[:-1]  # one prefix shorter each time (GRR)
    return found
