import sys


def load(n):
    # expect: python-standards/print-in-library
    print("loaded", n)
    # ok: python-standards/print-in-library
    log.info("loaded %d", n)
    # ok: python-standards/print-in-library
    print("warning: slow", file=sys.stderr)


class Connection:
    def send(self, header):
        if self.debuglevel > 0:
            # ok: python-standards/print-in-library
            print("header:", header)


def ask(prompts):
    answers = []
    for prompt in prompts:
        # ok: python-standards/print-in-library
        print(prompt.strip(), end=" ")
        answers.append(input())
    return answers
