def walk(items, i):
    # expect: off-by-one/le-len-guard
    while i <= len(items):
        use(items[i])
        i += 1
    # ok: off-by-one/le-len-guard
    if i < len(items):
        use(items[i])
    # ok: off-by-one/le-len-guard
    if i <= len(items):
        use(items[:i])


def lookup(items, idx):
    # expect: off-by-one/le-len-guard
    if idx <= len(items):
        return items[idx]
    return None


def scan(s, i):
    # expect: off-by-one/le-len-guard
    while i <= len(s) and s[i] != " ":
        i += 1
    # ok: off-by-one/le-len-guard
    while i < len(s) and s[i] != " ":
        i += 1
    return i


def bounded(items, idx):
    # expect: off-by-one/le-len-guard
    if 0 <= idx <= len(items):
        return items[idx]
    # ok: off-by-one/le-len-guard
    if 0 <= idx < len(items):
        return items[idx]
    return None


def lines(text):
    idx, out = 0, []
    # ok: off-by-one/le-len-guard
    while idx <= len(text):
        end = text.find("\n", idx)
        end = len(text) if end == -1 else end
        out.append(text[idx:end])
        idx = end + 1
        if idx < len(text) and text[idx] == " ":
            idx += 1
    return out


def skip_to(text, idx):
    # expect: off-by-one/le-len-guard
    while idx <= len(text):
        if text[idx] == " ":
            return idx
        idx += 1
    return -1


def next_topic(objs, i, obj):
    try:
        # ok: off-by-one/le-len-guard
        assert i + 1 <= len(objs) and objs[i + 1] is not obj
        return objs[i + 1]
    except:  # noqa: E722 - the last topic has no next one
        return None


def next_or_none(objs, i):
    try:
        # ok: off-by-one/le-len-guard
        if i <= len(objs):
            return objs[i]
    except (KeyError, IndexError):
        return None


def next_checked(objs, i):
    try:
        # expect: off-by-one/le-len-guard
        if i <= len(objs):
            return objs[i]
    except KeyError:
        return None


def subkernel_await(node):
    # ok: off-by-one/le-len-guard
    if 1 <= len(node.args) <= 2:
        first = node.args[0]
        if len(node.args) == 2:
            return first, node.args[1]
        return first, None
    return None


def at_least(args):
    # expect: off-by-one/le-len-guard
    if 1 <= len(args):
        return args[1]
    return None


def merge_components(offline, items):
    i, j = 0, 0
    # ok: off-by-one/le-len-guard
    while i <= len(items):
        while j < len(offline) and (i == len(items) or offline[j] < items[i][0]):
            items.insert(i, (offline[j], {}))
            j += 1
        i += 1
    return items


def merge_wrong(offline, items):
    i = 0
    # expect: off-by-one/le-len-guard
    while i <= len(items):
        if i == len(items) and items[i]:
            break
        i += 1
    return items


def str_proc(inputstring):
    out, i = [], 0
    # ok: off-by-one/le-len-guard
    while i <= len(inputstring):
        try:
            c = inputstring[i]
        except IndexError:
            c = "\n"  # the end of the input, reached on purpose (coconut's compiler)
        out.append(c)
        i += 1
    return out


def str_proc_wrong(inputstring):
    out, i = [], 0
    # expect: off-by-one/le-len-guard
    while i <= len(inputstring):
        try:
            c = inputstring[i]
        except KeyError:
            c = "\n"
        out.append(c)
        i += 1
    return out


def parse_props(lines):
    props, i = [], 0
    # expect: off-by-one/le-len-guard
    while i <= len(lines):
        props.append(i)
        i += 1
        try:
            line = lines[i]
        except:
            pass
    return props


def align(alignment, char_ids):
    found = last = False
    pointer = at = 0
    # ok: off-by-one/le-len-guard
    while pointer <= len(char_ids):
        if not found and alignment[at] == char_ids[pointer]:
            found = True
            pointer += 1
            if pointer == len(char_ids):
                last = True
        elif last:
            break
        at += 1
    # expect: off-by-one/le-len-guard
    while pointer <= len(char_ids):
        if alignment[at] == char_ids[pointer]:
            pointer += 1
        if at == len(alignment):
            break
        at += 1
    return at
