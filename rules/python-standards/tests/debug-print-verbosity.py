# path: msticpy/data/drivers/openobserve_driver.py
def query(self, query, verbosity=0):
    if verbosity >= 1:
        # ok: python-standards/debug-print
        print(f"INFO: from {self.start} to {self.end}")
    if verbosity >= 2:
        # ok: python-standards/debug-print
        print(f"DEBUG: query {query}")
    # expect: python-standards/debug-print
    print(f"DEBUG: query {query}")
    return self.service.search(query)
