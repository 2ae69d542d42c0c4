import yaml

try:
    from yaml import CLoader as Loader
except ImportError:
    from yaml import Loader

# expect: python-standards/yaml-unsafe-loader
fourth = yaml.load(stream, Loader=yaml.Loader)
# expect: python-standards/yaml-unsafe-loader
docs = yaml.load_all(stream, yaml.UnsafeLoader)
# expect: python-standards/yaml-unsafe-loader
fast = yaml.load(stream, Loader)
# ok: python-standards/yaml-unsafe-loader
config = yaml.load(stream)
# ok: python-standards/yaml-unsafe-loader
third = yaml.load(stream, Loader=yaml.SafeLoader)
# ok: python-standards/yaml-unsafe-loader
fifth = yaml.load(stream, yaml.CSafeLoader)


def load_config(filename):
    # Note: We assume that the contents of the config file are trusted
    # TODO: Change this file format to be plain yaml and use SafeLoader
    # ok: python-standards/yaml-unsafe-loader
    return yaml.load(open(filename), Loader=yaml.UnsafeLoader)


def load_upload(stream):
    # the upload is untrusted: this must change
    # expect: python-standards/yaml-unsafe-loader
    return yaml.load(stream, Loader=yaml.Loader)


def load_plugin(stream):
    # plugins are not trusted since 2.0
    # expect: python-standards/yaml-unsafe-loader
    return yaml.load(stream, Loader=yaml.Loader)


# the module's own text: nobody else writes it (cellxgene's default configuration)
DEFAULTS = """
server:
  port: 5005
"""
TEMPLATE = f"server: {stream}"


def defaults():
    # ok: python-standards/yaml-unsafe-loader
    return yaml.load(DEFAULTS, Loader=yaml.Loader)


def literal():
    # ok: python-standards/yaml-unsafe-loader
    return yaml.load("a: 1", Loader=yaml.Loader)


def formatted():
    # an f-string may carry outside data
    # expect: python-standards/yaml-unsafe-loader
    return yaml.load(TEMPLATE, Loader=yaml.Loader)
