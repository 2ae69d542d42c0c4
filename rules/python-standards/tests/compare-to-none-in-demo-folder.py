# path: DemoPrograms/Demo_HowDoI.py
def loop(window):
    event = window.read()
    # ok: python-standards/compare-to-none
    if event == None:
        return
