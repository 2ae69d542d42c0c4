import os
import subprocess

command = "/bin/ls" + unknown_function()
# expect: python-standards/shell-from-variable
subprocess.Popen(command, shell=True)
# expect: python-standards/shell-from-variable
os.popen4(some_var)
# expect: python-standards/shell-from-variable
os.system("tar xf " + archive_name())
# ok: python-standards/shell-from-variable
subprocess.Popen("/bin/ls -l", shell=True)
# ok: python-standards/shell-from-variable
os.system("/bin/ls " + "-l")
# ok: python-standards/shell-from-variable
subprocess.Popen(command)
# ok: python-standards/shell-from-variable
subprocess.Popen("/bin/ls {}".format("something"), shell=True)
var_string = "true"
# ok: python-standards/shell-from-variable
os.system(var_string)
# ok: python-standards/shell-from-variable
subprocess.Popen([var_string, ""], shell=True)
# expect: python-standards/shell-from-variable
subprocess.Popen("/bin/ls {}".format(lookup()), shell=True)


def clean(path):
    # ok: python-standards/shell-from-variable
    os.system("rm -rf " + path)  # subprocess-shell's finding
    # ok: python-standards/shell-from-variable
    subprocess.run(path, shell=True)  # runs the command its caller gives: that is its API
