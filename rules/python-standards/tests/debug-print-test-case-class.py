# path: python/lsst/ts/salobj/base_csc_test_case.py
# A test case class shipped as a module of the package (ts_salobj's): its prints are test output, as in a test
# file. A class that only mentions TestCase in its name is library code.
import abc
import unittest


class BaseCscTestCase(unittest.IsolatedAsyncioTestCase):
    def delete_topics(self, admin_client, topics):
        for topic, future in admin_client.delete_topics(topics).items():
            future.result()
            # ok: python-standards/debug-print
            print(f"{topic=} deleted.")


class BaseScriptTestCase(metaclass=abc.ABCMeta):
    """The mixin a test class combines with unittest's IsolatedAsyncioTestCase (ts_standardscripts)."""

    def remove_subjects(self, client, subjects):
        for subject in subjects:
            client.delete_subject(subject)
            # ok: python-standards/debug-print
            print(f"{subject=} removed.")


class TestCaseLoader:
    def load(self, path):
        # expect: python-standards/debug-print
        print(f"{path=}")
        return open(path).read()
