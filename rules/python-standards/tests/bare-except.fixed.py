try:
    run()
# expect: python-standards/bare-except
except Exception:
    log()

try:
    run()
# ok: python-standards/bare-except
except Exception:
    log()

try:
    run()
# ok: python-standards/bare-except
except (KeyError, ValueError) as exc:
    log(exc)


def nested():
    try:
        run()
    # expect: python-standards/bare-except
    except Exception:
        log("failed")
        return 0


def cleanup(path):
    try:
        run()
    # ok: python-standards/bare-except
    except:
        remove(path)
        raise


def commit(transaction):
    try:
        transaction.commit()
    # ok: python-standards/bare-except
    except:
        with util.safe_reraise():
            transaction.rollback()


class Channel:
    def __del__(self):
        try:
            self.close()
        # ok: python-standards/bare-except
        except:
            pass


def poll_once(map):
    try:
        poll(map)
    except (KeyboardInterrupt, SystemExit):
        raise
    # ok: python-standards/bare-except
    except:
        handle_error()


def poll_twice(map):
    try:
        poll(map)
    except ValueError:
        pass
    # expect: python-standards/bare-except
    except Exception:
        log("poll failed")


def handle_request(request):
    try:
        dispatch(request)
    # ok: python-standards/bare-except
    except:
        tb = traceback.format_exc()
        logger.critical("request failed: %s", tb)
        request.error(500)
