# golden: line_length=50 style=google
class Container:
    class Nested:
        def a_rather_long_method_name_for_wrapping(self, first_parameter_with_long_name: dict[str, list[int]], second_parameter_with_long_name=None):
            return first_parameter_with_long_name
