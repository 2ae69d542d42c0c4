def show(items):
    # expect: off-by-one/range-len-plus-one
    for i in range(len(items)):
        emit(items[i])
    # ok: off-by-one/range-len-plus-one
    for i in range(len(items) + 1):
        emit(items[:i])


def insertion_point(args):
    i = 0
    # ok: off-by-one/range-len-plus-one
    for i in range(len(args) + 1):
        if i == len(args):
            break
        if args[i].required is False:
            break
    return i


def gaps_filter(ranges):
    out = []
    # ok: off-by-one/range-len-plus-one
    for i in range(len(ranges) + 1):
        start = 1 if i == 0 else ranges[i - 1].last + 1
        end = ranges[i].first - 1 if i < len(ranges) else MAX_ID
        out.append((start, end))
    return out


def outside(nexp, length):
    # the n + 1 gaps around n sorted indexes (PyTables' hyperslab selection)
    selection = []
    # ok: off-by-one/range-len-plus-one
    for i in range(len(nexp) + 1):
        if i == 0:
            start, count = 0, nexp[0]
        elif i == len(nexp):
            start = nexp[-1] + 1
            count = length - start
        else:
            start = nexp[i - 1] + 1
            count = nexp[i] - start
        selection.append((start, count))
    return selection


def first_difference(a, b):
    # a search: the loop breaks, and `i` is used after it, so no fix is offered (mpmath's interval
    # printer); the finding stays, and the fixed file keeps this line as it is
    # expect: off-by-one/range-len-plus-one
    for i in range(len(a) + 1):
        if a[i] != b[i]:
            break
    return a[:i]


def taxi_states(locs):
    # the extra turn is "inside the taxi", and the body bounds the index by the number of locations
    # (gym's taxi environment)
    # ok: off-by-one/range-len-plus-one
    for pass_idx in range(len(locs) + 1):  # +1 for being inside taxi
        if pass_idx < 4 and here == locs[pass_idx]:
            pick(pass_idx)
    # expect: off-by-one/range-len-plus-one
    for j in range(len(locs)):
        if ready or here == locs[j]:
            pick(j)
