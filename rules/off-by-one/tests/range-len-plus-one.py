def show(items):
    # expect: off-by-one/range-len-plus-one
    for i in range(len(items) + 1):
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
