def run(expr, source):
    # expect: python-standards/eval-exec
    value = eval(expr)
    # expect: python-standards/eval-exec
    exec(source, {})
    # ok: python-standards/eval-exec
    exec("x = 1")
    # ok: python-standards/eval-exec
    ast.literal_eval(expr)
    return value


def constant():
    # ok: python-standards/eval-exec
    return eval("os.chmod('%s', 0o777)" % "test.txt")
