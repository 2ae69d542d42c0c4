import sys

if sys.platform == "win32":
    def platform_name():
        return "windows"
else:
    def platform_name():
        return "posix"

try:
    import fast
except ImportError:
    def speed():
        return "slow"
else:
    def speed():
        return "fast"
finally:
    def cleanup():
        return None

for _ in range(1):
    def in_loop():
        return 1
else:
    def after_loop():
        return 2

with open(__file__) as fh:
    def in_with():
        return fh

match sys.argv:
    case [_, "x"]:
        def matched(): return "x"
    case _:
        def matched(): return "other"
