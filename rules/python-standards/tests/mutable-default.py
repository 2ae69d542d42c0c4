# expect: python-standards/mutable-default
def add(item, into=[]):
    into.append(item)


# expect: python-standards/mutable-default
def index(rows, by: dict = {}):
    return by


# expect: python-standards/mutable-default
def tags(seen=set()):
    return seen


# ok: python-standards/mutable-default
def add_safe(item, into=None, sep=",", limit=(1, 2)):
    into = [] if into is None else into
