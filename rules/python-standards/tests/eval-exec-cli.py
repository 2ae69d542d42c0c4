# path: mytool/__main__.py
import sys

# ok: python-standards/eval-exec
print(eval(sys.argv[1]))
