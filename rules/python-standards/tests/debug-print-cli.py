# path: mytool/cli.py
def main(args):
    # ok: python-standards/debug-print
    print(f"{args=}")
