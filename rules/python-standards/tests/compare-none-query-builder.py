# In a module that imports a query builder, `== None` / `!= None` outside a condition builds SQL (IS NULL,
# IS NOT NULL): calibre-web-automated maps its magic shelves' operators to lambdas over columns. In a
# condition it is a Python truth test, and still flagged.
from sqlalchemy import and_, or_

OPERATORS = {
    # ok: python-standards/compare-to-none
    "is_null": lambda col, val: col == None,
    # ok: python-standards/compare-not-none
    "is_not_null": lambda col, val: col != None,
}


def apply(rule, value):
    # expect: python-standards/compare-to-none
    if value == None:
        return and_()
    # expect: python-standards/compare-not-none
    if rule != None:
        return or_(OPERATORS[rule](value, None))
    return None
