class Base:
    def area(self):
        # expect: python-standards/raise-not-implemented
        raise NotImplementedError

    def size(self):
        # ok: python-standards/raise-not-implemented
        raise NotImplementedError

    def __eq__(self, other):
        # ok: python-standards/raise-not-implemented
        return NotImplemented
