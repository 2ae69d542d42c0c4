"""Model engine: backends behind one protocol, plus cache and ledger.

`get_backend(config)` is the one factory; it imports heavy libraries only
when a model is actually used.
"""
