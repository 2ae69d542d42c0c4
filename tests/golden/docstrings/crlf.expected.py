# golden: style=google
import os


def crlf_function(path, mode="r"):
    """Crlf function.

    Args:
        path: The path.
        mode: The mode. Defaults to "r".

    Returns:
        The result.
    """
    # comment
    return open(path, mode)


class CrlfClass:
    """Crlf class."""

    def method(self):
        """Method.

        Returns:
            The result.
        """
        return os.sep

    def one(self):
        """One.

        Returns:
            The result.
        """
        return 1
