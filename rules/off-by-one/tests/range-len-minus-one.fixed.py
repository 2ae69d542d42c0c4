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


def joined(s):
    out = ""
    # expect: off-by-one/range-len-minus-one
    for i in range(len(s)):
        out += s[i]
    # ok: off-by-one/range-len-minus-one
    for i in range(0, len(s) - 1):
        out += s[i] + s[i + 1]
    return out
