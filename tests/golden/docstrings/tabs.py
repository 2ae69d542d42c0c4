import os


def tabbed(a, b):
	if a:
		return b
	return os.sep


class Tabs:
	def method(self, value):
		for v in value:
			yield v

	def one(self): return 1

	class Inner:
		def deep(self):
			return 2
