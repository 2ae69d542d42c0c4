# path: tests/test_file.py
import pytest


class TestFile:
    def test_read(self):
        try:
            self.assertTrue(False, "must not get here")
        # expect: python-standards/except-swallows-assert
        except:
            pass

    def test_parse(self):
        try:
            assert parse("x") == 1
        # expect: python-standards/except-swallows-assert
        except Exception:
            log("parse failed")

    def test_forwarded(self, fut):
        try:
            assert parse("x") == 1
        # ok: python-standards/except-swallows-assert
        except Exception as exc:
            fut.set_exception(exc)

    def test_cleanup(self, sftp):
        try:
            sftp.remove("x")
        # ok: python-standards/except-swallows-assert
        except:
            pass

    def test_reraised(self):
        try:
            assert parse("x") == 1
        # ok: python-standards/except-swallows-assert
        except Exception:
            dump_state()
            raise

    def test_specific(self):
        try:
            assert parse("x") == 1
        # ok: python-standards/except-swallows-assert
        except KeyError:
            pytest.skip("no parser")

    def test_umask_restored_on_error(self):
        old = os.umask(0o022)
        try:
            with temp_umask(0o077):
                assert os.umask(0o077) == 0o077
                raise RuntimeError
        # ok: python-standards/except-swallows-assert
        except:
            assert os.umask(old) == 0o022  # the handler checks what the test is about

    def test_insert_fails(self, collection):
        try:
            collection.insert_many([{"a": 1}])
            pytest.fail("insert_many should have raised")
        # ok: python-standards/except-swallows-assert
        except Exception:
            pass  # pytest.fail's Failed is a BaseException: not caught here

    def test_insert_fails_bare(self, collection):
        try:
            collection.insert_many([{"a": 1}])
            pytest.fail("insert_many should have raised")
        # expect: python-standards/except-swallows-assert
        except:
            pass


def test_pool_put_after_close(pool):
    try:
        pool.put(conn)
        assert False, "put() after close() must raise"
    except AssertionError:
        raise
    # ok: python-standards/except-swallows-assert
    except Exception:
        pass


def test_pool_put_twice(pool):
    try:
        pool.put(conn)
        assert False, "put() twice must raise"
    except ValueError:
        raise
    # expect: python-standards/except-swallows-assert
    except Exception:
        pass


def test_server_comes_up(server):
    delay = 0.001
    for _ in range(20):
        try:
            assert server.ping(), "not up yet"
            break
        # ok: python-standards/except-swallows-assert
        except Exception:
            time.sleep(delay)
            delay *= 2
    else:
        pytest.fail("the server never came up")


def test_every_case(cases):
    for case in cases:
        try:
            assert case.run()
        # expect: python-standards/except-swallows-assert
        except Exception:
            continue
    else:
        print("done")


def test_request_is_signed(client, request_xml):
    try:
        assert client.sec.correctly_signed_authn_request(request_xml)
    # ok: python-standards/except-swallows-assert
    except Exception:  # missing certificate: check the signature another way, which raises if it is bad
        client.sec.verify_signature(request_xml)


def test_request_is_logged(client, request_xml):
    try:
        assert client.sec.correctly_signed_authn_request(request_xml)
    # expect: python-standards/except-swallows-assert
    except Exception:
        client.log_signature(request_xml)


def test_optimized_build_strips_asserts(run):
    try:
        assert False
        has_assert = True
    # ok: python-standards/except-swallows-assert
    except Exception:
        has_assert = False
    assert run("-O") == has_assert


# Does this interpreter run asserts (python -O strips them)?
has_assert = True
try:
    assert False
    has_assert = False
# ok: python-standards/except-swallows-assert
except Exception:
    pass


class RoleTests(unittest.TestCase):
    def assertRoleInList(self, roles, ref, expected=1):
        found = 0
        for entity in roles:
            try:
                self.assertValidRole(entity, ref=ref)
            # ok: python-standards/except-swallows-assert
            except Exception:
                pass
            else:
                found += 1
        self.assertEqual(expected, found)

    def test_roles_listed(self):
        try:
            self.assertTrue(list_roles())
        # expect: python-standards/except-swallows-assert
        except Exception:
            pass
        finally:
            cleanup()


class FilterTests(unittest.TestCase):
    def test_raise_previous_after_filtered_call(self):
        try:
            raise RuntimeError
        except Exception as exc1:
            try:
                assert False, "This is a test"
            # ok: python-standards/except-swallows-assert
            except Exception:
                pass
            self.assertRaises(RuntimeError, ignore_assertion_error, exc1)

    def test_parse_rejects_garbage(self):
        try:
            parse("garbage")
            assert False, "parse should have raised"
        # expect: python-standards/except-swallows-assert
        except Exception:
            pass


class TestINotify:
    def test_modify(self):
        d = defer.Deferred()

        def cbNotified(path, mask):
            try:
                assert mask & IN_MODIFY
            # ok: python-standards/except-swallows-assert
            except Exception:
                d.errback()
                return
            d.callback(None)

        self.inotify.watch(self.path, callbacks=[cbNotified])
        return d

    def test_modify_swallowed(self):
        def cbNotified(path, mask):
            try:
                assert mask & IN_MODIFY
            # expect: python-standards/except-swallows-assert
            except Exception:
                log.msg("no modify")

        self.inotify.watch(self.path, callbacks=[cbNotified])


def test_forked_child_reports_by_status():
    # the child's failure is its exit status, which the parent asserts (dd-trace-py)
    pid = os.fork()
    if pid == 0:
        try:
            assert install() is True
            os._exit(0)
        # ok: python-standards/except-swallows-assert
        except Exception:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0


def test_child_that_exits_cleanly_anyway():
    try:
        assert install() is True
    # expect: python-standards/except-swallows-assert
    except Exception:
        sys.exit(0)


def test_isolation_across_tasks():
    # the helper reports by what it returns, and the test asserts that (aws-xray-sdk)
    async def _do_test():
        try:
            assert current() == expected()
            return True
        # ok: python-standards/except-swallows-assert
        except:
            return False

    assert all(run_many(_do_test))


def test_returns_what_pytest_ignores():
    try:
        assert current() == expected()
        return True
    # expect: python-standards/except-swallows-assert
    except Exception:
        return False


def test_particle_attributes(particle, expected):
    errmsg = ""
    for key in expected:
        try:
            assert getattr(particle, key) == expected[key]
        except AssertionError:
            errmsg += f"\n{key} is wrong"
        # ok: python-standards/except-swallows-assert
        except Exception:
            errmsg += f"\n{key} raises"
    if errmsg:
        raise Exception(errmsg)


def test_count_not_recorded(particle, expected):
    failures = 0
    for key in expected:
        try:
            assert getattr(particle, key) == expected[key]
        # expect: python-standards/except-swallows-assert
        except Exception:
            print(failures + 1)


# The assertion is caught by an inner `try` first (pyradiomics' tests/addTest.py, held-out round 289):
# its handler, not this one, decides what the failure does.
def test_add_baseline(args, log):
    try:
        try:
            assert args.case in CASES
        except AssertionError:
            log.error("Input not valid")
            sys.exit(1)
        run(args)
    # ok: python-standards/except-swallows-assert
    except Exception:
        log.exception("Error running addTest!")


# ... but an inner `try` that catches something else leaves the failure to this handler
def test_add_baseline_value(args, log):
    try:
        try:
            assert args.case in CASES
        except ValueError:
            sys.exit(1)
    # expect: python-standards/except-swallows-assert
    except Exception:
        log.exception("Error running addTest!")


# ... and so does a `try` around this one: the handler nearest the assertion swallows it first
def test_add_baseline_outer(args, log):
    try:
        try:
            assert args.case in CASES
        # expect: python-standards/except-swallows-assert
        except Exception:
            log.exception("failed")
    except AssertionError:
        sys.exit(1)


class TestSpell:
    def test_spell_checker(self):
        # an import guard: the assert only marks the import used, and a failure shows as a skip (leo-editor)
        try:
            import enchant
            assert enchant
        # ok: python-standards/except-swallows-assert
        except Exception:
            self.skipTest("Requires enchant")
        try:
            import enchant
            assert enchant.Dict("en_US").check("color")
        # expect: python-standards/except-swallows-assert
        except Exception:
            print("no enchant")


# Hypothesis: `assume(False)` and `reject()` discard the example, a skip of that input (portfolio-backtester's
# property tests, held-out round 673); `assume(<condition>)` lets the failure pass whenever the condition holds.
from hypothesis import assume, given, reject


@given(returns())
def test_sortino_at_least_sharpe(returns):
    metrics = compute(returns)
    try:
        assert metrics["Sortino"] >= metrics["Sharpe"]
    # ok: python-standards/except-swallows-assert
    except:
        assume(False)


@given(returns())
def test_sharpe_finite(returns):
    try:
        assert finite(compute(returns)["Sharpe"])
    # ok: python-standards/except-swallows-assert
    except Exception:
        reject()


@given(returns())
def test_scale_invariant(returns):
    sharpe, scaled = compute(returns)["Sharpe"], compute(returns * 2)["Sharpe"]
    try:
        assert close(sharpe, scaled, 1e-3)
    # expect: python-standards/except-swallows-assert
    except:
        assume(abs(sharpe - scaled) < 1e-2)


def test_invalid_data_is_handled(mock_log):
    try:
        build(year="invalid")
        assert True
    # ok: python-standards/except-swallows-assert
    except Exception:
        frobnicate()


def test_invalid_data_is_logged(mock_log):
    try:
        build(year="invalid")
        assert built()
    # ok: python-standards/except-swallows-assert
    except Exception:
        mock_log.assert_called()


def test_invalid_data_is_checked(mock_log):
    try:
        build(year="invalid")
        assert True
        assert built()
    # expect: python-standards/except-swallows-assert
    except Exception:
        mock_log.called_once()


def test_examples_validate(operations, models, validator):
    # each model whose example fails is collected into a set, and the set is what the test asserts
    # (community.network's FTD swagger test)
    invalid = set()
    for name, example in operations:
        try:
            assert validator.validate_data(name, example)
        # ok: python-standards/except-swallows-assert
        except Exception:
            invalid.add(name)
    assert invalid == {"TCPPortObject"}


def test_examples_silently(operations, validator):
    for name, example in operations:
        try:
            assert validator.validate_data(name, example)
        # expect: python-standards/except-swallows-assert
        except Exception:
            print("invalid", name)
