import yaml

# expect: python-standards/yaml-load
config = yaml.safe_load(stream)
# ok: python-standards/yaml-load
other = yaml.safe_load(stream)
# ok: python-standards/yaml-load
third = yaml.load(stream, Loader=yaml.SafeLoader)
# ok: python-standards/yaml-load
fourth = yaml.load(stream, Loader=yaml.Loader)
# ok: python-standards/yaml-load
docs = yaml.load_all(stream, yaml.UnsafeLoader)
# ok: python-standards/yaml-load
fifth = yaml.load(stream, yaml.CSafeLoader)
# expect: python-standards/yaml-load
all_docs = list(yaml.load_all(stream))


def read_variables(stream):
    # the API of the PyYAML that the check found (robotframework's variable files)
    if yaml.__version__.split(".")[0] == "3":
        # ok: python-standards/yaml-load
        return yaml.load(stream)
    return yaml.full_load(stream)


def test_cases(config_fn):
    # a feature check for the newer loaders: the else branch is for the old PyYAML (pybedtools' tests)
    if hasattr(yaml, 'FullLoader'):
        return yaml.load(open(config_fn).read(), Loader=yaml.FullLoader)
    else:
        # ok: python-standards/yaml-load
        return yaml.load(open(config_fn).read())


def read_flags(path):
    # the same check asked the other way round: the AttributeError is the old PyYAML without FullLoader
    # (ARM-DOE/ACT's QC readers, held-out round 324)
    with open(path) as fp:
        try:
            return yaml.load(fp, Loader=yaml.FullLoader)
        except AttributeError:
            # ok: python-standards/yaml-load
            return yaml.load(fp)


def read_layers(text):
    # ... or after `safe_load`, the other spelling of the same check (forest's config, held-out round 834)
    try:
        data = yaml.safe_load(text)
    except AttributeError:
        # ok: python-standards/yaml-load
        data = yaml.load(text)
    return data


def read_cached(cfg, t, u):
    # a safe_load in the handler is no check of PyYAML's version: only the try's own body says so
    try:
        data = cfg.value
    except AttributeError:
        # expect: python-standards/yaml-load
        data = yaml.safe_load(t)
        other = yaml.safe_load(u)
    return data, other


def read_settings(path, fallback):
    # an AttributeError handler that is no loader check still loads with no Loader
    try:
        return fallback.settings
    except AttributeError:
        # expect: python-standards/yaml-load
        return yaml.safe_load(open(path))
