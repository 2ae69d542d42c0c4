# path: src/app/config.py
# A comment that names the tag in prose (the `!!python/name` tag is unsafe) is no YAML of the project's.
import yaml


def load_config(stream):
    # expect: python-standards/yaml-unsafe-loader
    return yaml.load(stream, Loader=yaml.Loader)
