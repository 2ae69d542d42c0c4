def handle(response):
    # expect: python-standards/debug-print
    print(f"{response=}")
    # expect: python-standards/debug-print
    print("DEBUG", response.status)
    # expect: python-standards/debug-print
    print("here")
    # ok: python-standards/debug-print
    print(f"status {response.status}")
    # ok: python-standards/debug-print
    print("Debugger attached" if attached else "no debugger")
    return response


DEBUG = False


def read_packet(data, verbose=False):
    if DEBUG:
        # ok: python-standards/debug-print
        print("DEBUG: DATA = ", data)
    if verbose and data:
        # ok: python-standards/debug-print
        print(f"{data=}")
    if data:
        # expect: python-standards/debug-print
        print("DEBUG: packet", data)
    return data
