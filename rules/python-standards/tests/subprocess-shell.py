import subprocess
from subprocess import check_output


def usage(path):
    # expect: python-standards/subprocess-shell
    subprocess.run("du -s " + path, shell=True)
    # expect: python-standards/subprocess-shell
    out = check_output("ls " + path, shell=True)
    # ok: python-standards/subprocess-shell
    subprocess.run(["du", "-s", path])
    # ok: python-standards/subprocess-shell
    subprocess.run(["du", "-s", path], shell=False)
    return out
