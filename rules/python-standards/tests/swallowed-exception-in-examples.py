# path: demos/demo_sftp.py
import sys


def main(t):
    try:
        t.connect()
    except Exception as e:
        print("*** Caught exception: %s" % e)
        try:
            t.close()
        # ok: python-standards/swallowed-exception
        except Exception:
            pass
        sys.exit(1)
