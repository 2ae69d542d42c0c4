# path: Demo/options.py
def show(level):
    # ok: python-standards/debug-print
    print("debug level:", level)
