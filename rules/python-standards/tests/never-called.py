# A finding in a private function that the repository (here, this file) names only in its `def` is not
# reported: that code never runs (tofu's uncalled `_compute_etendue_numerical_spectro`, held-out round 626).
import yaml


def _dead(stream):
    # ok: python-standards/yaml-load
    return yaml.load(stream)


def _alive(stream):
    # expect: python-standards/yaml-load
    return yaml.load(stream)


def public(stream):
    # a public function may be called from outside the repository
    # expect: python-standards/yaml-load
    return _alive(stream) or yaml.load(stream)


class Plain:
    def _unused(self):
        # ok: python-standards/debugger-leftover
        breakpoint()


class Hooked(Base):
    def _hook(self):
        # a subclass's private method may be a hook its base calls
        # expect: python-standards/debugger-leftover
        breakpoint()


@register
def _registered():
    # a decorator may register it
    # expect: python-standards/debugger-leftover
    breakpoint()


def _commented_out():
    # its one call is commented out (tofu's `_compute_etendue_numerical_spectro`)
    # ok: python-standards/debugger-leftover
    breakpoint()


# result = _commented_out()
