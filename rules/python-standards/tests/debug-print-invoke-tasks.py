# path: tasks/backend.py
# A module of invoke tasks is run from a terminal: its prints are its output (infrahub, held-out round 300)
from invoke import Context, task


@task
def generate(context: Context, schema: str = "") -> None:
    exec_cmd = f"datamodel-codegen --input {schema}"
    # ok: python-standards/debug-print
    print(f"{exec_cmd=}")
    context.run(exec_cmd)
