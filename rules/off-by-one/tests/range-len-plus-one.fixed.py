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
