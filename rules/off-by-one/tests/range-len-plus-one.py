def show(items):
    # expect: off-by-one/range-len-plus-one
    for i in range(len(items) + 1):
        emit(items[i])
    # ok: off-by-one/range-len-plus-one
    for i in range(len(items) + 1):
        emit(items[:i])
