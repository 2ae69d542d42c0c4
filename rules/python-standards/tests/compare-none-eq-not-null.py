# A class whose `__eq__` says False for None is no null object: `x == None` is still the comparison PEP 8
# asks to write `x is None` (the counterpart of compare-none-null-object.py).


class Version(object):
    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        if other is None:
            return False
        return self.text == other.text


def newest(found):
    # expect: python-standards/compare-to-none
    if found == None:
        return Version("0")
    return found
