# path: scratch/smithzj/utils/classes/multi_dat.py
class MultiDat:
    # ok: python-standards/mutable-default
    def run_over_pulses(self, method, rows=None, kwargs={}):
        kwargs["subtract_mean"] = True
        return method(rows, **kwargs)
