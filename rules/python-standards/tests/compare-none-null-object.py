# A project whose own null object equals None compares with `==` on purpose: Volatility 2 returns a
# `NoneObject` where a memory read fails, and `x is None` would let it through (held-out round 344).
# `unless_project: none-by-equality` (reviewer.rules.practice.null_object); the case file stands for the
# repository's own code, which defines the class. Two comparisons by `==` and two by `is`: not its style by count.


class NoneObject(object):
    """Returned in place of None when a read fails; it says why."""

    def __init__(self, reason=""):
        self.reason = reason

    def __eq__(self, other):
        return (other is None)

    def __ne__(self, other):
        return not self.__eq__(other)


def read_header(space, offset):
    header = space.read(offset, 16)
    # ok: python-standards/compare-to-none
    if header == None:
        return NoneObject("no header at {0:#x}".format(offset))
    # ok: python-standards/compare-not-none
    if space.base != None:
        return header
    if offset is None or space is None:
        return None
    return header
