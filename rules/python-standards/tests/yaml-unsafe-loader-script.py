# path: py_scripts/create_guide.py
import argparse

import yaml


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("questions")
    args = parser.parse_args()
    with open(args.questions) as f:
        # ok: python-standards/yaml-unsafe-loader
        return yaml.load(f, Loader=yaml.Loader)  # the author's own file, converted by hand (edurange)


if __name__ == "__main__":
    main()
