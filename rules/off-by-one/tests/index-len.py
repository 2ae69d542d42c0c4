def last(values, other):
    # expect: off-by-one/index-len
    a = values[len(values)]
    # ok: off-by-one/index-len
    b = values[len(values) - 1]
    # ok: off-by-one/index-len
    c = values[len(other)]
    return a, b, c

# ok: off-by-one/index-len
memo[len(memo)] = obj
