# A project that compares with None by `==` nearly everywhere has chosen that style (flowblade writes it
# 884 times against 16 `is None`): `unless_project: none-by-equality` (reviewer.rules.practice). The case
# file stands for the repository: twenty-two comparisons by `==` / `!=`, none by `is`.


def update_clip(track, clip, data, frame, dialog, event, selection, callback, action, markup, value):
    # ok: python-standards/compare-to-none
    if track == None:
        return
    # ok: python-standards/compare-not-none
    if clip != None:
        clip.update()
    if data != None:
        data.apply()
    if frame == None:
        frame = 0
    if dialog != None:
        dialog.destroy()
    if event == None:
        return
    if selection != None:
        selection.clear()
    if callback == None:
        callback = print
    if action != None:
        action()
    if markup == None:
        markup = ""
    if value != None:
        return value
    return None


def update_track(a, b, c, d, e, f, g, h, i, j, k):
    if a == None:
        return 1
    if b != None:
        return 2
    if c == None:
        return 3
    if d != None:
        return 4
    if e == None:
        return 5
    if f != None:
        return 6
    if g == None:
        return 7
    if h != None:
        return 8
    if i == None:
        return 9
    if j != None:
        return 10
    if k == None:
        return 11
    return 0
