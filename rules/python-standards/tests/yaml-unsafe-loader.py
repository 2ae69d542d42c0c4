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
