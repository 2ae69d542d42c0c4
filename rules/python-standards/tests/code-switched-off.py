# Code under a condition that is false where it stands never runs: pymca's `if False and ('LastFit' in d):`
# blocks (held-out round 600). The same code under a condition that may hold is checked as usual.
def configure(d, debug):
    if False and ("LastFit" in d):
        # ok: python-standards/compare-not-none
        if d["LastFit"]["ydata0"] != None:
            return 1
    if 0:
        # ok: python-standards/raise-not-implemented
        raise NotImplemented
    while False:
        # ok: python-standards/compare-to-none
        if d == None:
            break
    if debug and ("LastFit" in d):
        # expect: python-standards/compare-not-none
        if d["LastFit"]["ydata0"] != None:
            return 2
    if d:
        pass
    elif (False):
        # ok: python-standards/compare-to-none
        return d == None
    else:
        # expect: python-standards/compare-to-none
        return d == None
