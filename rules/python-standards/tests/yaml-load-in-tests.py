# path: tests/test_dump_load.py
import pytest
import yaml


def test_load_no_loader():
    with pytest.raises(TypeError):
        # ok: python-standards/yaml-load
        yaml.load("- foo\n")


def test_load_no_loader_old_style():
    try:
        # ok: python-standards/yaml-load
        yaml.load("- foo\n")
    except TypeError:
        return
    raise AssertionError("expected TypeError")


def test_round_trip(path):
    # ok: python-standards/yaml-load
    assert yaml.load(open(path)) == {"a": 1}
