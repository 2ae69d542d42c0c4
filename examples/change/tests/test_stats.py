from acme_tools.stats import clamp, mean


def test_mean():
    assert mean([1, 2, 3]) == 2


def test_clamp_inside():
    assert clamp(5, 0, 10) == 5
