import yaml

# expect: python-standards/yaml-load
config = yaml.load(stream)
# ok: python-standards/yaml-load
other = yaml.safe_load(stream)
# ok: python-standards/yaml-load
third = yaml.load(stream, Loader=yaml.SafeLoader)
