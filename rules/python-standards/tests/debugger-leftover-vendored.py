# path: third_party/tool/debug.py
# ok: python-standards/debugger-leftover
breakpoint()
