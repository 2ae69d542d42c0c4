# path: lab/conf/yang/parser.py
# A top-level lab/ folder: experimental code nobody ships (exabgp's, held-out round 178).


def unknown(node):
    # ok: python-standards/debugger-leftover
    breakpoint()
    return node
