# expect: python-standards/mutable-default
def add(item, into=[]):
    into.append(item)


# expect: python-standards/mutable-default
def index(rows, by: dict = {}):
    return by


# expect: python-standards/mutable-default
def tags(name, found=set()):
    found.add(name)


# expect: python-standards/mutable-default
def count(key, counts={}):
    counts[key] = counts.get(key, 0) + 1


# ok: python-standards/mutable-default
def add_safe(item, into=None, sep=",", limit=(1, 2)):
    into = [] if into is None else into


# ok: python-standards/mutable-default
def render(rows, columns=[]):
    return [[row[c] for c in columns] for row in rows]


# ok: python-standards/mutable-default
def fib(n, _memo={}):
    _memo[n] = n
    return _memo[n]


# ok: python-standards/mutable-default
def synopsis(filename, cache={}):
    cache[filename] = read(filename)
    return cache[filename]
