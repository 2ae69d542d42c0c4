import os
import subprocess
from os import system as sh
from subprocess import check_output as run_output


def usage(path, cmd, pattern):
    # expect: python-standards/subprocess-shell
    subprocess.run("du -s " + path, shell=True)
    # expect: python-standards/subprocess-shell
    out = run_output(f"ls {path}", shell=True)
    # expect: python-standards/subprocess-shell
    subprocess.Popen("grep {} log".format(pattern), shell=True)
    # ok: python-standards/subprocess-shell
    subprocess.run(["du", "-s", path])
    # ok: python-standards/subprocess-shell
    subprocess.run("du -s " + path, shell=False)
    # ok: python-standards/subprocess-shell
    subprocess.run("ls -l | wc -l", shell=True)
    return out


def format_tables():
    for path in TABLES:
        # ok: python-standards/subprocess-shell
        subprocess.run(f"black {path}", shell=True)



def listing(name):
    # expect: python-standards/subprocess-shell
    return subprocess.getoutput("ls %s" % name)


def remove(path):
    # expect: python-standards/subprocess-shell
    os.system("rm -rf " + path)
    # expect: python-standards/subprocess-shell
    sh(f"touch {path}")
    # ok: python-standards/subprocess-shell
    os.system("sync")
    # ok: python-standards/subprocess-shell
    return os.popen("uname -a").read()
