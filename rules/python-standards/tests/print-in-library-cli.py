# path: src/mytool/cli.py
def show(rows):
    for row in rows:
        # ok: python-standards/print-in-library
        print(row)
