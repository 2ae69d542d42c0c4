# path: advanced_new_file/lib/package_resources.py
# A module in a library folder whose notice pins the upstream commit it was copied at ("SHA: ...") and names
# its author is that library's copy (AdvancedNewFile keeps the PackageResourceViewer helper so): every rule
# skips it. See compare-to-none-in-library-module.py for a module of the project's own there.
"""
Copyright (c) 2014 Scott Kuroda <scott.kuroda@gmail.com>

SHA: 623a4c1ec46dbbf3268bd88131bf0dfc845af787
"""


def find_resource(resource_pattern, package=None):
    # ok: python-standards/compare-to-none
    if package == None:
        return []
    return [resource_pattern]
