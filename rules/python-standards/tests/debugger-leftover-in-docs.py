# path: doc/data/messages/f/forgotten-debug-statement/bad.py
import pdb


def find_the_treasure(clues):
    for clue in clues:
        # ok: python-standards/debugger-leftover
        pdb.set_trace()
        print(clue)
