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


def linked(name):
    parts = name.split(".")
    links = []
    # ok: off-by-one/range-len-minus-one
    for i in range(len(parts) - 1):
        links.append(".".join(parts[: i + 1]) + parts[i])
    return links


def commented(lines):
    # ok: off-by-one/range-len-minus-one
    for pos in range(len(lines) - 1):
        lines[pos] = "##" + lines[pos]
    lines[-1] = lines[-1].rstrip()
    return lines


def shift(intervals, components):
    # ok: off-by-one/range-len-minus-one
    for i in range(len(intervals) - 1):
        frac = 0.2 * intervals[0] / intervals[i]
        components[i + 1] += components[i] * frac
