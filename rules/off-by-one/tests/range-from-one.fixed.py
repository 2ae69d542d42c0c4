def greet_all(names):
    # expect: off-by-one/range-from-one
    for i in range(len(names)):
        greet(names[i])


def deltas(values):
    out = []
    # ok: off-by-one/range-from-one
    for i in range(1, len(values)):
        out.append(values[i] - values[i - 1])
    return out
