try:
    save()
# expect: python-standards/swallowed-exception
except Exception:
    pass

try:
    save()
# expect: python-standards/swallowed-exception
except BaseException as exc:
    pass

try:
    save()
# ok: python-standards/swallowed-exception
except Exception:
    log.exception("save failed")

try:
    save()
# ok: python-standards/swallowed-exception
except FileNotFoundError:
    pass

for item in items:
    try:
        save(item)
    # expect: python-standards/swallowed-exception
    except (Exception, ValueError):
        continue

for item in items:
    try:
        save(item)
    # ok: python-standards/swallowed-exception
    except KeyError:
        continue


class Channel:
    def __del__(self):
        try:
            self.close()
        # ok: python-standards/swallowed-exception
        except Exception:
            pass


try:
    save()
# ok: python-standards/swallowed-exception
except:
    pass
