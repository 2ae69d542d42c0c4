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
