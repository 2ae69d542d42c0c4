def total(values):
    result = 0
    # expect: off-by-one/range-len-minus-one
    for i in range(len(values)):
        result += values[i]
    return result


def steps(values):
    out = []
    # ok: off-by-one/range-len-minus-one
    for i in range(len(values) - 1):
        out.append(values[i + 1] - values[i])
    return out
