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
