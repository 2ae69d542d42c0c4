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


def wrap(msg, width, header):
    # the extra turn flushes the last line: `i == len(msg)` is tested first, and `or` does not read
    # `msg[i]` when it holds (torchx's error-message wrapper, held-out round 648)
    length = 0
    lines = []
    # ok: off-by-one/range-len-plus-one
    for i in range(len(msg) + 1):
        if (i == (len(msg))) or (msg[i] == " " and length >= width):
            lines.append(f"{header}{msg[i - length: i]}")
            length = 0
        length += 1
    # ok: off-by-one/range-len-plus-one
    for i in range(len(msg) + 1):
        if i >= len(msg) or msg[i] == "\n":
            lines.append(msg[:i])
    # the end test comes second: `msg[i]` is read first and raises
    # expect: off-by-one/range-len-plus-one
    for i in range(len(msg) + 1):
        if msg[i] == " " or i == len(msg):
            lines.append(msg[:i])
    return lines


def with_retry(fn, delays=(5, 15, 30, 60)):
    # the last attempt re-raises before the delay is read (ba2's options fetcher, held-out round 657)
    # ok: off-by-one/range-len-plus-one
    for attempt in range(len(delays) + 1):
        try:
            return fn()
        except Exception as e:
            if not transient(e) or attempt == len(delays):
                raise
            sleep(delays[attempt])
    # `and` does not say the last turn leaves: `delays[attempt]` is read on it when the error is transient
    # expect: off-by-one/range-len-plus-one
    for attempt in range(len(delays) + 1):
        try:
            return fn()
        except Exception as e:
            if not transient(e) and attempt == len(delays):
                raise
            sleep(delays[attempt])
