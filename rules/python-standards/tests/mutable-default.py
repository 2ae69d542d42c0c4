# expect: python-standards/mutable-default
def add(item, into=[]):
    into.append(item)


# ok: python-standards/mutable-default
def index(rows, by: dict = {}):
    return by  # handed out, but changed by no caller seen (django-ansible-base's get_user_groups)


# ok: python-standards/mutable-default
def tags(seen=set()):
    yield seen


# expect: python-standards/mutable-default
def scores(name, data: dict = {}):
    data[name] = 1  # changed and handed out (spaCy's evaluate)
    return data


# ok: python-standards/mutable-default
def make_meta(name, meta={}):
    meta.setdefault("app_label", "foo")  # a constant to a constant: every call sees the same dict
    meta.setdefault('abstract', True)
    return type(name, (), meta)


# ok: python-standards/mutable-default
def split_map(left_layer, left_args={}):
    # constants filled in when missing: `setdefault` written out (leafmap)
    if "max_zoom" not in left_args:
        left_args["max_zoom"] = 30
    if 'layer_name' not in left_args:
        left_args['layer_name'] = "Left Layer"
    return make_layer(left_layer, **left_args)


# expect: python-standards/mutable-default
def bar_chart(data, legend_title=None, layout_args={}):
    if "title" not in layout_args:
        layout_args["title"] = legend_title  # one call's title shows on the next chart (leafmap)
    return plot(data, **layout_args)


# expect: python-standards/mutable-default
def create_legend(position="bottomright", style={}):
    if position == "bottomright":
        if "bottom" not in style:
            style["bottom"] = "20px"  # kept by the next call, for another position
        if "left" in style:
            del style["left"]
    elif position == "bottomleft":
        if "left" not in style:
            style["left"] = "5px"
    if "position" not in style:
        style["position"] = "fixed"
    return style_html(style)


# expect: python-standards/mutable-default
def split_map_styled(left_layer, left_args={}):
    if "max_zoom" not in left_args:
        left_args["max_zoom"] = 30
    left_args["opacity"] = 0.5  # the same constant on every call: no change
    del left_args["max_zoom"]  # ... but this is one
    return make_layer(left_layer, **left_args)


class Scraper:
    # ok: python-standards/mutable-default
    def api_request(self, path, args={}, headers={}):
        # the same constant key and value on every call, unconditionally (openstates)
        headers["X-Alaska-Legislature-Basis-Version"] = "1.4"
        return self.get(path, params=args, headers=headers)

    # expect: python-standards/mutable-default
    def routed(self, path, route, headers={}):
        # overwritten on every call, but calls from two threads share the one dict: one request can go out
        # with the other's route (exaile's DAAP sessions, trac's threaded server: judged worth saying)
        headers["X-Route"] = route
        return self.get(path, headers=headers)

    # expect: python-standards/mutable-default
    def counted(self, path, stats={}):
        stats["calls"] = stats.get("calls", 0) + 1  # made from the last call's value: it accumulates
        return self.get(path), stats["calls"]

    # ok: python-standards/mutable-default
    def transpile(self, circuits, transpiler_kwargs={}):
        # `setdefault` written out: the key keeps its own value, else a constant (pyGSTi's mirror designs)
        transpiler_kwargs["optimization_level"] = transpiler_kwargs.get("optimization_level", 3)
        transpiler_kwargs["seed"] = transpiler_kwargs.get("seed", None)
        return self.get(circuits, **transpiler_kwargs)

    # expect: python-standards/mutable-default
    def plot(self, overlay, z_kwargs={}):
        if overlay.z_only:
            # ... but only on some calls: a later call for x and y keeps it (geobipy's overlay_on_posteriors)
            z_kwargs["transpose"] = z_kwargs.get("transpose", True)
        return self.get(overlay, **z_kwargs)

    # expect: python-standards/mutable-default
    def fetch(self, path, debug=False, headers={}):
        if debug:
            headers["X-Debug"] = "1"  # a constant set only sometimes: a later call without debug keeps it
        return self.get(path, headers=headers)


class LinePlot:
    # ok: python-standards/mutable-default
    def __init__(self, y, savefig_kwargs={}):
        self.y = y
        self.savefig_kwargs = savefig_kwargs

    def render(self, path):
        # a constant filled in when missing, on the instance: every plot sees the same dict (curifactory)
        if "format" not in self.savefig_kwargs:
            self.savefig_kwargs["format"] = "png"
        return save(path, **self.savefig_kwargs)


class TaggedPlot:
    # expect: python-standards/mutable-default
    def __init__(self, y, savefig_kwargs={}):
        self.savefig_kwargs = savefig_kwargs

    def render(self, path, fmt):
        self.savefig_kwargs["format"] = fmt  # one plot's format leaks into the next
        return save(path, **self.savefig_kwargs)


# ok: python-standards/mutable-default
def standardize_phone(raw_phone, countries=[None, "US"]):
    # a constant put in front when missing: the default holds it already (phdi)
    if None not in countries:
        countries.insert(0, None)
    if "US" not in countries:
        countries.append("US")
    return [parse(raw_phone, c) for c in countries]


# expect: python-standards/mutable-default
def standardize_each(raw_phone, region, countries=[]):
    if region not in countries:
        countries.insert(0, region)  # an argument put in: the next call sees this call's region
    return [parse(raw_phone, c) for c in countries]


# expect: python-standards/mutable-default
def connect(host, smb_kwargs={}):
    smb_kwargs.setdefault("HOST", host)  # one call's host leaks into the next (scapy)


# ok: python-standards/mutable-default
def memo(key, cache={}):  # a memo by name, kept inside: deliberate (kafka-python, psycopg's `_cache`)
    cache[key] = key * 2
    return cache[key]


# ok: python-standards/mutable-default
def load_op_reference(op_cache=[]):  # the same, named for what it caches (vyos, held-out round 499)
    if op_cache:
        return op_cache[0]
    op_cache.append(object())
    return op_cache[0]


# expect: python-standards/mutable-default
def collect(key, cached_items=[]):  # named for its content, not a memo
    cached_items.append(key)
    return len(cached_items)


# expect: python-standards/mutable-default
def grouped(key, groups={}):
    groups.setdefault(key, []).append(1)


class Leaf:
    # expect: python-standards/mutable-default
    def __init__(self, children=[]):
        self.children = children

    def adopt(self, child):
        self.children.append(child)


class Table:
    # ok: python-standards/mutable-default
    def __init__(self, bdt=[]):
        self.bdt = bdt

    def decode(self, data):
        self.bdt = []
        for item in data:
            self.bdt.append(item)


class Table2:
    # expect: python-standards/mutable-default
    def __init__(self, bdt=[]):
        self.bdt = bdt

    def decode(self, data):
        for item in data:
            self.bdt.append(item)
        self.bdt = []


class ResultBackend:
    # ok: python-standards/mutable-default
    def __init__(self, ids=[]):
        self.ids = ids  # only read, or replaced by assignment

    def reset(self, ids):
        self.ids = ids


# ok: python-standards/mutable-default
def add_safe(item, into=None, sep=",", limit=(1, 2)):
    into = [] if into is None else into


# ok: python-standards/mutable-default
def lookup(key, table={}):
    # only read: the shared dict never changes
    return table.get(key)


class Node:
    # ok: python-standards/mutable-default
    def __init__(self, fixers_applied=[]):
        self.fixers_applied = fixers_applied[:]


# ok: python-standards/mutable-default
def spaces(a=1, b=(), c=[], d={}, e=True):
    return a


# ok: python-standards/mutable-default
key_of = lambda item, spam={"x": 3}: spam.get(item)


# ok: python-standards/mutable-default
def get_param_def(keyword, _cache={}):
    if keyword not in _cache:
        _cache[keyword] = lookup(keyword)
    return _cache[keyword]


# expect: python-standards/mutable-default
def remember(keyword, cache={}):
    cache[keyword] = lookup(keyword)
    return cache


def handle_request(environ):
    # ok: python-standards/mutable-default
    def response(status, headers={}):
        headers["Server"] = "x"
        return status, headers
    return response(200)


class Store:
    # expect: python-standards/mutable-default
    def put(self, key, into={}):
        into[key] = 1
        return into


# ok: python-standards/mutable-default
def parse_partition(client, topic, partition, cache={}):
    if topic not in cache:
        cache[topic] = client.describe(topic)
    return cache[topic][partition]


class ProxyError(Exception):
    # ok: python-standards/mutable-default
    def __init__(self, code, msg, headers=[]):
        headers = list(filter(lambda h: h[0] != "Content-Length", headers))
        headers.append(("Content-Length", str(len(msg))))
        self.headers = headers


# expect: python-standards/mutable-default
def with_length(msg, headers=[]):
    headers.append(("Content-Length", str(len(msg))))
    return headers


class URL:
    # ok: python-standards/mutable-default
    def translate_connect_args(self, names=[], **kw):
        translated = {}
        for sname in ("host", "database", "username"):
            if names:
                name = names.pop(0)
            elif sname in kw:
                name = kw[sname]
            else:
                name = sname
            translated[name] = getattr(self, sname)
        return translated

    # expect: python-standards/mutable-default
    def names_or_default(self, names=[]):
        if names:
            return list(names)
        else:
            names.append("host")
        return names

    # expect: python-standards/mutable-default
    def drain(self, pending=["first"]):
        while pending:
            yield pending.pop(0)


class DockerNode:
    # the nested helper's own `**kwargs` is another dict (crossbar's docker shell)
    # ok: python-standards/mutable-default
    def shell(self, container, kwargs={}):
        def shim(image, **kwargs):
            kwargs["tty"] = True
            return run(image, **kwargs)

        return shim(container, **kwargs)

    # a closure that changes the outer default still shares it
    # expect: python-standards/mutable-default
    def spawn(self, container, kwargs={}):
        def shim(image):
            kwargs.setdefault("name", image.name)  # the first image's name sticks
            return run(image, **kwargs)

        return shim(container)


class Predictor:
    # an empty default holds no key: the change under `if key in params:` never reaches it (gluonts)
    # ok: python-standards/mutable-default
    def __init__(self, params={}):
        if "quantiles" in params:
            params["intervals"] = sorted(params["quantiles"])
        self.params = dict(params)

    # ... a default with keys does
    # expect: python-standards/mutable-default
    def configure(self, params={"quantiles": [0.5]}):
        if "quantiles" in params:
            params["intervals"] = sorted(params["quantiles"])
        return dict(params)


# `pop(key, default)` leaves an empty default empty; the change under `elif key in` never reaches it
# (python-control's keyword processing)
# ok: python-standards/mutable-default
def process_keywords(keywords={}, static=False):
    val = keywords.pop("name", None)
    if "dt" in keywords:
        keywords["dt"] = 0
    return val


# ok: python-standards/mutable-default
def process_dt(keywords, defaults={}, static=False):
    if static:
        return None
    elif "dt" in defaults:
        return defaults.pop("dt")
    return 0


# expect: python-standards/mutable-default
def take_first(keywords={}):
    keywords.setdefault("seen", []).append(1)
    return keywords.pop("name", None)


# ok: python-standards/mutable-default
def text2int(textnum, numwords={}):
    if not numwords:  # a memo the first call fills and later calls read (django-orchestra)
        for idx, word in enumerate(("zero", "one")):
            numwords[word] = idx
    return numwords[textnum]


# expect: python-standards/mutable-default
def collect(item, seen=[]):
    if not item:
        seen.append(item)  # the guard is on another name: every call shares `seen`
    return len(seen)


# A one-element list of a constant is a cell the function keeps between calls on purpose (cf-python's
# decorator counts nested calls in `calls=[0]`, held-out round 297)
# ok: python-standards/mutable-default
def manage_log_level(method, calls=[0]):
    calls[0] += 1
    return method


# A dict whose every key holds None is the same idiom with named slots (mxcubecore's hutch trigger keeps the
# detector distance between entering and leaving, held-out round 477)
# ok: python-standards/mutable-default
def macro(entering_hutch, old={"dtox": None, 'aperture': None}):
    if entering_hutch:
        old["dtox"] = 1
    return old["dtox"]


# ... but one that is updated, or a dict of settings, is shared by accident (python-bitshares' create_asset)
# expect: python-standards/mutable-default
def remember_distance(key, old={"dtox": None}):
    old.update(key=key)


# expect: python-standards/mutable-default
def create_asset(symbol, permissions={"charge_market_fee": True, "white_list": None}):
    if symbol:
        permissions["white_list"] = False
    return symbol


# ... but a list of two, or one that is appended to, is shared by accident
# expect: python-standards/mutable-default
def track(method, seen=[0, 1]):
    seen.append(method)
    return seen


# expect: python-standards/mutable-default
def remember(item, seen=[None]):
    seen.append(item)
    return item


class Record:
    # ok: python-standards/mutable-default
    def __deepcopy__(self, memodict={}):
        memodict[id(self)] = self
        return self

    # expect: python-standards/mutable-default
    def copy_into(self, memodict={}):
        memodict[id(self)] = self
        return self


class Command:
    # shinken's items: every write is inside a loop over the default itself, which an empty default never enters
    # ok: python-standards/mutable-default
    def __init__(self, params={}):
        for key in params:
            params[key] = str(params[key])
        self.params = dict(params)

    # ... a loop over something else does enter
    # expect: python-standards/mutable-default
    def merge(self, extra, params={}):
        for key in extra:
            params[key] = extra[key]
        return params


# nebari's test helper: the default is changed only when it is not empty, which the empty default never is
# ok: python-standards/mutable-default
def run_upgrade(version, inputs=[]):
    if inputs is not None and len(inputs) > 0:
        inputs.append("")
    return "\n".join(inputs)


# ... but a guard joined by `or` may let the empty default through
# expect: python-standards/mutable-default
def run_other(version, force, inputs=[]):
    if force or len(inputs) > 0:
        inputs.append("")
    return inputs


# phoebe's `_uniquetags`: a constant appended only when missing is the list's setdefault; the default holds it
# from the first call on, as every call would make it
# ok: python-standards/mutable-default
def unique_tags(twig, force_levels=["qualifier"]):
    if "context" not in force_levels:
        force_levels.append("context")
    return [twig, *force_levels]


# ... but an argument appended when missing leaks into the next call
# expect: python-standards/mutable-default
def add_level(twig, level, force_levels=["qualifier"]):
    if level not in force_levels:
        force_levels.append(level)
    return [twig, *force_levels]


# phoebe's `_lnprobability`: the same constants, a fresh `[]` among them, set in a `try:` at the top of the body
# on every call
# ok: python-standards/mutable-default
def lnprobability(bundle, compute_kwargs={}):
    try:
        compute_kwargs["sample_from"] = []
        compute_kwargs["detach"] = False
        return bundle.run_compute(**compute_kwargs)
    except ValueError:
        return None


# ... but a `try:` inside a condition runs on some calls only
# expect: python-standards/mutable-default
def maybe_compute(bundle, quick, compute_kwargs={}):
    if quick:
        try:
            compute_kwargs["detach"] = True
        except ValueError:
            pass
    return bundle.run_compute(**compute_kwargs)


# an item of the empty default is read before it is changed: the read raises on `{}`, so the default never gets
# the change (django-vue-admin's serializer, held-out round 644; casa's compressSelectionList, round 652)
class UserImportSerializer:
    # ok: python-standards/mutable-default
    def run_validation(self, data={}):
        if type(data) is dict:
            data["role"] = str(data["role"]).split(",")
            data["dept_id"] = str(data["dept"]).split(",")
        return data


# ok: python-standards/mutable-default
def compress_selection(vis="", dicpars={}):
    ms.open(vis)
    try:
        indices = ms.msseltoindex(vis=vis, field=dicpars["field"], spw=dicpars["spw"])
    finally:
        ms.close()
    dicpars["field"] = str(indices["field"])
    return dicpars


# ... but a read that may not run, or that an `except` catches, lets the change reach the default
# expect: python-standards/mutable-default
def fill(options={}):
    name = options["name"] if options else "default"
    options["name"] = name
    return options


# expect: python-standards/mutable-default
def fill_missing(options={}):
    try:
        level = options["level"]
    except KeyError:
        level = 0
    options["level"] = level + 1
    return options


# ... and a read after the change is no guard
# expect: python-standards/mutable-default
def record(item, seen={}):
    seen[item] = True
    count = seen[item]
    return count
