def last(values, other):
    # expect: off-by-one/index-len
    a = values[-1]
    # ok: off-by-one/index-len
    b = values[len(values) - 1]
    # ok: off-by-one/index-len
    c = values[len(other)]
    return a, b, c

# ok: off-by-one/index-len
memo[len(memo)] = obj


class DigestTests(unittest.TestCase):
    def test_index_out_of_range(self):
        dig = Digest(b"x" * 32)
        with self.assertRaises(IndexError):
            # ok: off-by-one/index-len
            dig[len(dig)]
        with pytest.raises(IndexError, match="out of range"):
            # ok: off-by-one/index-len
            dig[len(dig)]
        # ok: off-by-one/index-len
        self.assertRaises(IndexError, lambda: dig[len(dig)])
        # expect: off-by-one/index-len
        self.assertRaises(ValueError, lambda: dig[-1])


def tail_of(values):
    with open_log() as log:
        # expect: off-by-one/index-len
        log.write(values[-1])


class Instrument:
    def set_channels(self, count):
        while len(self.channels) > count:
            # ok: off-by-one/index-len
            self.remove_child(self.channels[len(self.channels)])
        while len(self.channels) < count:
            self.add_child(Channel, len(self.channels) + 1, prefix="ch_")


def one_based(values):
    for i in range(1, len(values) + 1):
        print(i)
    # expect: off-by-one/index-len
    return values[-1]
