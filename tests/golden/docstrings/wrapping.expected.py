# golden: line_length=50 style=google
class Container:
    """Container."""

    class Nested:
        """Nested."""

        def a_rather_long_method_name_for_wrapping(self, first_parameter_with_long_name: dict[str, list[int]], second_parameter_with_long_name=None):
            """A rather long method name for
            wrapping.

            Args:
                first_parameter_with_long_name (dict[str, list[int]]):
                    The first parameter with long
                    name.
                second_parameter_with_long_name:
                    The second parameter with long
                    name. Defaults to None.

            Returns:
                The result.
            """
            return first_parameter_with_long_name
