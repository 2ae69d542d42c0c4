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
