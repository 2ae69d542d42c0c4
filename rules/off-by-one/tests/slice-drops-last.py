def save(rows):
    # expect: off-by-one/slice-drops-last
    backup = rows[:-1]
    # ok: off-by-one/slice-drops-last
    body = rows[:-1]
    # ok: off-by-one/slice-drops-last
    rows_copy = rows[:]
    return backup, body, rows_copy
