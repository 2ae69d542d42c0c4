class Base:
    def area(self):
        # expect: python-standards/raise-not-implemented
        raise NotImplemented

    def size(self):
        # ok: python-standards/raise-not-implemented
        raise NotImplementedError

    def __eq__(self, other):
        # ok: python-standards/raise-not-implemented
        return NotImplemented

    def volume(self):
        # expect: python-standards/raise-not-implemented
        raise NotImplemented("volume of %s" % self)

    def __lt__(self, other):
        # expect: python-standards/raise-not-implemented
        raise NotImplemented

    def __radd__(self, other):
        # expect: python-standards/raise-not-implemented
        raise NotImplemented()

    def check(self, result):
        # ok: python-standards/raise-not-implemented
        raise TypeError(NotImplemented)

    def chained(self):
        # ok: python-standards/raise-not-implemented
        raise TypeError("no") from NotImplemented
