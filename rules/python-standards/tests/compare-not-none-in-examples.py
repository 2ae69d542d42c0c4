# path: Demo/schema_tree.py
def show(se_obj):
    # ok: python-standards/compare-not-none
    if se_obj != None:
        print(se_obj)
