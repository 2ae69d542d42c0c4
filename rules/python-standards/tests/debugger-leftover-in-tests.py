# path: tests/test_breakpoint_hook.py
def test_hook(monkeypatch):
    monkeypatch.setattr(sys, "breakpointhook", record)
    # expect: python-standards/debugger-leftover
    breakpoint()
