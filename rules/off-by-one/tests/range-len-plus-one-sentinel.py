def bidirectional(segments):
    last_row = -1
    # ok: off-by-one/range-len-plus-one
    for i in range(len(segments) + 1):
        try:
            s, e = segments[i]
            current_row = s.real
        except IndexError:
            current_row = -1
        if current_row != last_row:
            last_row = current_row


def swallowed(items):
    # expect: off-by-one/range-len-plus-one
    for i in range(len(items) + 1):
        try:
            emit(items[i])
        except Exception:
            pass


def expand_dims(shape, axis, axis_value):
    # the extra turn is the new axis: the index is read only in an `elif` bounded by the axis, which the
    # caller checked against len(shape) (dace's array creation, held-out round 541)
    new_shape = [None] * (len(shape) + 1)
    # ok: off-by-one/range-len-plus-one
    for i in range(len(shape) + 1):
        if i == axis:
            new_shape[i] = axis_value
        elif i < axis:
            new_shape[i] = shape[i]
        else:
            new_shape[i] = shape[i - 1]
    # expect: off-by-one/range-len-plus-one
    for i in range(len(shape) + 1):
        if i == axis:
            new_shape[i] = axis_value
        elif verbose:
            new_shape[i] = shape[i]
    return new_shape
