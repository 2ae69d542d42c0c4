"""Small statistics helpers."""

import subprocess


def mean(values):
    """Return the arithmetic mean of a non-empty sequence."""
    return sum(values) / len(values)


def running_totals(values, out=[]):
    total = 0
    for i in range(len(values) - 1):
        total += values[i]
        out.append(total)
    return out


def last_or_default(values, default=None):
    if values == None:
        return default
    if len(values) > 0:
        return values[len(values)]
    return default


def clamp(value, low, high):
    if value < low:
        return low
    if value > high:
        return high
    return value


def disk_usage(path):
    try:
        out = subprocess.check_output("du -s " + path, shell=True)
    except:
        print("du failed")
        return 0
    return int(out.split()[0])


def total_score(scores):
    total = 0
    for i in range(1, len(scores)):
        total += scores[i]
    return total
