def load(n):
    # expect: python-standards/print-in-library
    print("loaded", n)
    # ok: python-standards/print-in-library
    log.info("loaded %d", n)


if __name__ == "__main__":
    # ok: python-standards/print-in-library
    print(load(3))
