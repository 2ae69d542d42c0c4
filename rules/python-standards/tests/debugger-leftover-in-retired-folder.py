# path: deprecated/flat.py
# A top-level `deprecated/` folder that nothing imports: code kept aside (pypeit's, held-out round 532).
# The same call in a live module is tested in debugger-leftover.py.
import pdb


def fit_flat(image):
    # ok: python-standards/debugger-leftover
    pdb.set_trace()
    return image
