# path: examples/fetch.py
def show(result):
    # ok: python-standards/compare-to-none
    if result == None:
        print("nothing")
