import sys

if sys.platform == "win32":
    def platform_name():
        """Platform name.

        Returns:
            The result.
        """
        return "windows"
else:
    def platform_name():
        """Platform name.

        Returns:
            The result.
        """
        return "posix"

try:
    import fast
except ImportError:
    def speed():
        """Speed.

        Returns:
            The result.
        """
        return "slow"
else:
    def speed():
        """Speed.

        Returns:
            The result.
        """
        return "fast"
finally:
    def cleanup():
        """Cleanup."""
        return None

for _ in range(1):
    def in_loop():
        """In loop.

        Returns:
            The result.
        """
        return 1
else:
    def after_loop():
        """After loop.

        Returns:
            The result.
        """
        return 2

with open(__file__) as fh:
    def in_with():
        """In with.

        Returns:
            The result.
        """
        return fh

match sys.argv:
    case [_, "x"]:
        def matched():
            """Matched.

        Returns:
            The result.
        """
            return "x"
    case _:
        def matched():
            """Matched.

        Returns:
            The result.
        """
            return "other"
