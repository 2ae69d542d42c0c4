# path: atest/testdata/test_libraries/MyLibFile.py
# a test library the acceptance tests load: its output is what the test checks (robotframework)


def keyword_in_my_lib_file():
    # ok: python-standards/debug-print
    print("Here we go!!")
