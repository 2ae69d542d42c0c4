# path: tests/unit/test_migration.py
import yaml
from yaml import Loader


def test_migrated_cassette_matches(tmp_path):
    with open("tests/fixtures/migration/new_cassette.yaml") as f:
        # ok: python-standards/yaml-unsafe-loader
        expected = yaml.load(f, Loader=Loader)
    # ok: python-standards/yaml-load
    assert yaml.load(open(tmp_path / "out.yaml")) == expected
