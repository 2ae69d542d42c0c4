# path: my_addon/addon_updater.py
# A module with a release of its own whose opening notice names another project's repository, one named after
# the module, is that project's copy (blender-multi-user keeps CGCookie's addon updater as
# multi_user/addon_updater.py, GPL like the add-on, so no license tells it apart): every rule skips it. See
# compare-to-none-naming-a-host-repository.py for a module that names a repository of another name.
"""
See documentation for usage
https://github.com/CGCookie/blender-addon-updater

"""

__version__ = "1.0.8"


def token_header(token):
    # ok: python-standards/compare-to-none
    if token == None:
        return {}
    return {"Authorization": token}
