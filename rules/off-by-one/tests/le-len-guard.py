def walk(items, i):
    # expect: off-by-one/le-len-guard
    while i <= len(items):
        use(items[i])
        i += 1
    # ok: off-by-one/le-len-guard
    if i < len(items):
        use(items[i])
    # ok: off-by-one/le-len-guard
    if i <= len(items):
        use(items[:i])
