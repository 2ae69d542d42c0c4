import os


def tabbed(a, b):
	"""Tabbed.

	Args:
	    a: The a.
	    b: The b.

	Returns:
	    The result.
	"""
	if a:
		return b
	return os.sep


class Tabs:
	"""Tabs."""

	def method(self, value):
		"""Method.

		Args:
		    value: The value.

		Yields:
		    The values produced.
		"""
		for v in value:
			yield v

	def one(self):
		"""One.

		Returns:
		    The result.
		"""
		return 1

	class Inner:
		"""Inner."""

		def deep(self):
			"""Deep.

			Returns:
			    The result.
			"""
			return 2
