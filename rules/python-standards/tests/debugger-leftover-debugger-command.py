# path: polyfile/debugger.py
# The project's own debugger: a command whose help says it enters PDB (polyfile's `debug_and_continue`).


class Debugger:
    @command(allows_abbreviation=False, help="continue while debugging in PDB")
    def debug_and_continue(self, arguments: str):
        try:
            raise ExitREPL()
        finally:
            # ok: python-standards/debugger-leftover
            breakpoint()

    @command(help="print the current test")
    def show(self, arguments: str):
        # expect: python-standards/debugger-leftover
        breakpoint()
