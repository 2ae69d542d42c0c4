# path: src/westpa/tools/binning.py
# The project's own sample configuration (west.cfg) carries a Python tag, so it needs the full loader:
#   bin_dtype: !!python/name:numpy.float32
import yaml


def load_bins(stream):
    # ok: python-standards/yaml-unsafe-loader
    return yaml.load(stream, Loader=yaml.Loader)  # westpa chose it over safe_load for those tags
