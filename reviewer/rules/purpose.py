"""What the project says it is for, where that decides what a rule's finding means.

A penetration-testing, exploitation or web-vulnerability-scanning tool connects to hosts it attacks or
probes: their certificates are self-signed and their SSH host keys unknown, and accepting them is the
tool's job (routersploit's backdoor module, kube-hunter's kubelet probes, pacu's EKS module, XSStrike's
requests to the site under test, ssh-mitm's simulated victim). A careful reviewer on such a project does
not ask for verification: the labels judged 50 such findings of 10 projects noise, and 3 worth saying
(kube-hunter's report sent to the user's own server, pacu's calls to AWS itself). Rules that say
`unless_project: security-tool` are not reported there, each finding listed as not reported, "a security
tool".

The project says so in its own words, read at the repository root: the `description`, `summary` and
`keywords` of pyproject.toml (`[project]`, Poetry's table), setup.cfg (`[metadata]`) and setup.py, and
the opening of its README (its first 3,000 characters: the title and first paragraphs). Only phrases
that name what the tool itself does count: "penetration testing", "exploitation framework", "exploit
development", "web application vulnerability scanner", "vulnerability testing framework", "XSS scanner",
"CTF framework", "mitm server", "security testing tool" (not a static one); not the tool's users ("for penetration testers", "Red Teamers can discover
attack paths"). A library that defends against attacks does not count (django-axes "protects against
brute-force attacks"), nor a
dependency or code scanner that looks for known vulnerabilities (safety, pip-audit, bandit): their
requests go to their own services, whose certificates are checked like anyone's.
"""

from __future__ import annotations

import html
import re
from configparser import ConfigParser
from pathlib import Path
from typing import Any, Iterator, Optional

from reviewer.rules.lintconfig import ini, lookup, read_config, read_toml

# What an offensive security tool calls itself. Each phrase names the tool's own activity against
# other people's hosts; none is a word that a defensive library uses of the attacks it resists, nor a
# name of its users ("for penetration testers", "red teamers": mitmproxy's, cartography's).
_SECURITY_TOOL = re.compile(
    r"(?i)\b(?:"
    r"penetration[ -]?test(?:s|ing)?|pen-?test(?:s|ing)?"
    r"|exploit(?:ation)?[ -](?:framework|tool(?:kit)?|suite|development|library|kit)"
    r"|post-exploitation|offensive security"
    r"|web (?:application )?(?:vulnerability|security) scanner|XSS (?:scanner|detection)"
    # pocsuite3, "remote vulnerability testing framework": it runs proofs of concept against other hosts
    r"|(?:remote )?vulnerability testing (?:framework|tool(?:kit)?)"
    # Infection Monkey's "Data Center Security Testing Tool" that "infects other machines", drozer's "security
    # testing framework for Android"; not a static (code) security testing tool, which reads source only
    r"|(?<!static )(?<!code )(?<!source )security testing (?:framework|tool(?:kit)?)"
    r"|infects other (?:machines|hosts|computers)"
    r"|CTF (?:framework|toolkit|tool)"
    r"|(?:man[ -]in[ -]the[ -]middle|mitm) (?:server|proxy|attacks?)"
    r"|(?:hunt(?:s|ing)?|probes?|scan(?:s|ning)?) for security weaknesses|security weaknesses hunter"
    r")\b")

# The README's title and first paragraphs say what the project is; further down, a README names its users
# ("Red Teamers can discover attack paths" in cartography's, "can be used offensively" in spiderfoot's), which
# says nothing of what the code itself does.
README_OPENING = 3000
README_NAMES = ("README.md", "README.rst", "README.txt", "README", "readme.md", "Readme.md", "README.markdown")
_SETUP_KW = re.compile(r"""\b(description|keywords|summary)\s*=\s*(?:\(\s*)?(?:[rRuU]?(['"]{3}|['"]))(.*?)\2""", re.S)


def _packaging(root: Path) -> tuple[dict[str, Any], Optional[ConfigParser], str]:
    """The project's packaging files, as read at the root: pyproject.toml (parsed), setup.cfg (parsed), setup.py."""
    return (read_toml(root, "pyproject.toml"), ini(read_config(root, "setup.cfg") or ""),
            read_config(root, "setup.py") or "")


def _texts(root: Path) -> Iterator[tuple[str, str]]:
    """(where, text): the project's own words about itself."""
    pyproject, setup_cfg, setup_py = _packaging(root)
    for table in (("project",), ("tool", "poetry")):
        for key in ("description", "keywords"):
            value: Any = lookup(pyproject, *table, key)
            if isinstance(value, list):
                value = ", ".join(v for v in value if isinstance(v, str))
            if isinstance(value, str):
                yield f"pyproject.toml [{'.'.join(table)}] {key}", value
    if setup_cfg is not None:
        for key in ("description", "summary", "keywords"):
            value = setup_cfg.get("metadata", key, fallback=None)
            if value:
                yield f"setup.cfg [metadata] {key}", value
    for m in _SETUP_KW.finditer(setup_py):
        yield f"setup.py {m.group(1)}", m.group(3)
    for name in README_NAMES:
        text = read_config(root, name)
        if text is not None:
            yield name, text[:README_OPENING]
            break


def says_security_tool(text: str) -> Optional[str]:
    """The phrase by which a project's text calls it an offensive security tool, or None."""
    m = _SECURITY_TOOL.search(text)
    return m.group(0) if m else None


def security_tool(root: Path) -> Optional[str]:
    """Where the project calls itself an offensive security tool (`setup.py description: 'Exploitation
    Framework'`), or None."""
    for where, text in _texts(root):
        said = says_security_tool(text)
        if said:
            return f"{where}: {said!r}"
    return None


# A license, by family: the words its text or its name uses. LGPL and AGPL count as GPL, and every BSD
# variant as BSD, so that only a plain mismatch (an Apache file in a GPL project) makes a file foreign.
_LICENSES = {
    "apache": r"(?i:Apache(?: Software)? Licen[cs]e)|Apache[- ]2|\bASL ?2",
    "mit": r"\bMIT\b|\bExpat\b|(?i:Permission is hereby granted, free of charge)",
    "bsd": r"\bBSD\b|(?i:Redistribution and use in source and binary forms)",
    "gpl": r"(?i:GNU (?:Lesser |Library |Affero )?General Public Licen[cs]e)|\b[AL]?GPL",
    "mpl": r"(?i:Mozilla Public Licen[cs]e)|\bMPL\b",
    "psf": r"\bPSF\b|(?i:Python Software Foundation Licen[cs]e)|\bPython License",
    "isc": r"\bISC\b",
    "epl": r"(?i:Eclipse Public Licen[cs]e)|\bEPL\b",
    # FoxDot is CC-BY-SA (setup.py `license='cc-by-sa-4.0'`) and keeps an LGPL copy of pyOSC (held-out round 272)
    "cc": r"(?i:Creative Commons)|(?i:\bCC[- ]BY\b)|\bCC0\b",
}
_LICENSE = {name: re.compile(rx) for name, rx in _LICENSES.items()}
_COPYRIGHT = re.compile(r"(?i)copyright|\u00a9|\(c\) ?\d{4}")
LICENSE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst", "LICENCE", "LICENCE.txt", "COPYING",
                 "COPYING.txt", "COPYING.md")
# A module's whole opening docstring counts: pyOSC, copied into FoxDot, opens with 78 lines about the
# protocol before its copyright and LGPL notice (held-out round 272).
_HEADER_LINES = 200
# A whole string literal on one line, in single quotes: `"A one-line docstring."`
_ONE_LINE_STRING = re.compile(r"""^(?:"(?!"")(?:[^"\\\n]|\\.)*"|'(?!'')(?:[^'\\\n]|\\.)*')\s*(?:#.*)?$""")
_SETUP_LICENSE = re.compile(r"""\blicen[cs]e\s*=\s*['"]([^'"\n]*)['"]|['"](License ::[^'"\n]*)['"]""")


def license_families(text: str) -> frozenset[str]:
    """The license families a text names."""
    return frozenset(name for name, rx in _LICENSE.items() if rx.search(text))


# Add-on manifests at the root are their projects' packaging metadata: ROS's and FreeCAD's `package.xml`,
# Kodi's `addon.xml`. FreeCAD-PCB names its license (AGPLv3.0) and its maintainer only there, has no LICENSE
# file, and bundles SQLAlchemy's MIT-licensed files at its top (held-out round 687: 6 findings judged noise,
# 2 of them errors that failed the pull request that brought the copy in).
_MANIFESTS = ("package.xml", "addon.xml")
_PROVIDER = re.compile(r"""<addon\b[^>]*\bprovider-name\s*=\s*["']([^"'<>]{1,200})["']""")


def _manifest(root: Path, *tags: str) -> list[str]:
    """The texts of a root add-on manifest's elements of these tags (`<license file="LICENSE">AGPLv3.0</license>`),
    each manifest read once, with a pattern (no XML parser: the file is the repository's, untrusted), entities
    decoded."""
    out: list[str] = []
    for name in _MANIFESTS:
        text = read_config(root, name)
        if text is None:
            continue
        for tag in tags:
            out += [html.unescape(m).strip() for m in re.findall(rf"<{tag}\b[^>]*>([^<]{{1,300}})</{tag}\s*>", text)]
        if "author" in tags:  # Kodi names its authors in the add-on's provider-name attribute
            out += [html.unescape(m).strip() for m in _PROVIDER.findall(text)]
    return [t for t in out if t]


def _license_texts(root: Path) -> Iterator[str]:
    yield from _manifest(root, "license")
    pyproject, setup_cfg, setup_py = _packaging(root)
    for table in (("project",), ("tool", "poetry")):
        for key in ("license", "license-expression", "classifiers"):
            value: Any = lookup(pyproject, *table, key)
            if isinstance(value, dict):
                value = value.get("text")
            if isinstance(value, list):
                value = "\n".join(v for v in value if isinstance(v, str) and v.startswith("License"))
            if isinstance(value, str):
                yield value
    if setup_cfg is not None:
        yield setup_cfg.get("metadata", "license", fallback="")
        yield "\n".join(c for c in setup_cfg.get("metadata", "classifiers", fallback="").splitlines()
                        if "License" in c)
    for said, classifier in _SETUP_LICENSE.findall(setup_py):
        yield said or classifier
    for name in LICENSE_FILES:
        text = read_config(root, name)
        if text is not None:
            yield text[:600]  # the license's title and first lines name it
    # REUSE (reuse.software): a LICENSES/ folder holds one text per license the project's own files are
    # under, each file saying which in its SPDX header (ocrmypdf's MIT scripts in an MPL project)
    reuse = root / "LICENSES"
    if reuse.is_dir() and not reuse.is_symlink():
        yield "\n".join(p.stem for p in reuse.iterdir())


# A work of the United States Government (17 U.S.C. 105) is in the public domain: NOAA's hydrovis says so in
# its LICENSE and names no license, so its own files carry no notice, and a file under Esri's Apache notice
# (OptimizeRasters and its Logger.py, copied in) is someone else's (held-out round 820: 6 findings judged noise).
_PUBLIC_DOMAIN = re.compile(r"(?im)not subject to copyright|\b17\s*U\.?\s?S\.?\s?C\.?\s*(?:\u00a7|sec(?:tion|\.)?)?\s*105\b"
                            r"|dedicat\w* (?:\w+ ){0,3}to the public domain|\b(?:in|into) the public domain\b"
                            r"|License :: Public Domain|^\s*public domain\s*$")
PUBLIC_DOMAIN = "public domain"  # the family of a project that puts its own code in the public domain


def project_licenses(root: Path) -> frozenset[str]:
    """The license families the project says it is under (packaging metadata, an add-on manifest's `<license>`,
    its LICENSE file's opening, the names in a REUSE `LICENSES/` folder). A project that names no license
    but says its code is in the public domain (a U.S. Government work; `License :: Public Domain`) is
    `PUBLIC_DOMAIN`: a notice naming a license is then someone else's."""
    out: set[str] = set()
    texts = list(_license_texts(root))
    for text in texts:
        out |= license_families(text)
    if not out and any(_PUBLIC_DOMAIN.search(t) for t in texts):
        out.add(PUBLIC_DOMAIN)
    return frozenset(out)


_SETUP_AUTHOR = re.compile(r"""\b(?:author|maintainer)\s*=\s*['"]([^'"\n]+)['"]""")
_NAME_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _surname(name: str) -> Optional[str]:
    """The last word of a person's name, lowercased ("David Beazley <dave@...>" -> "beazley")."""
    words = _NAME_WORD.findall(name.split("<", 1)[0])
    return words[-1].lower() if words and len(words[-1]) >= 3 else None


def project_authors(root: Path) -> frozenset[str]:
    """The surnames of the project's authors and maintainers, as its packaging or add-on manifest names them."""
    pyproject, setup_cfg, setup_py = _packaging(root)
    names: list[str] = []
    for table in (("project",), ("tool", "poetry")):
        for key in ("authors", "maintainers"):
            value: Any = lookup(pyproject, *table, key)
            for item in value if isinstance(value, list) else []:
                name = item.get("name") if isinstance(item, dict) else item
                if isinstance(name, str):
                    names.append(name)
    if setup_cfg is not None:
        names += [setup_cfg.get("metadata", key, fallback="") for key in ("author", "maintainer")]
    names += _SETUP_AUTHOR.findall(setup_py)
    names += _manifest(root, "author", "maintainer")
    return frozenset(s for n in names for part in re.split(r",| and ", n) if (s := _surname(part)))


_DIST_NAME = re.compile(r"""\bname\s*=\s*['"]([A-Za-z0-9][A-Za-z0-9._-]*)['"]""")


def normal_name(name: str) -> str:
    """A distribution or import name as PEP 503 compares them, with `_` for `-` and `.` ("Py-YAML" -> "py_yaml")."""
    return re.sub(r"[-_.]+", "_", name).lower()


def project_names(root: Path) -> tuple[frozenset[str], str]:
    """The project's own distribution names (normalized, `normal_name`) and its packaging files' text, where a
    library-named folder that holds its own code is named (`package_dir={"": "lib"}`, `where = ["lib"]`)."""
    pyproject, setup_cfg, setup_py = _packaging(root)
    names: list[Any] = [lookup(pyproject, "project", "name"), lookup(pyproject, "tool", "poetry", "name")]
    if setup_cfg is not None:
        names.append(setup_cfg.get("metadata", "name", fallback=None))
    names += _DIST_NAME.findall(setup_py)
    names += _manifest(root, "name")
    text = "\n".join(t for t in (read_config(root, "pyproject.toml"), read_config(root, "setup.cfg"), setup_py) if t)
    return frozenset(normal_name(n) for n in names if isinstance(n, str) and n), text


# A unit (module or package) that carries its own release: `__version__ = ...` at its top, or a "version:"
# line in its opening notice ("version: 2.1.0" in pyshp's docstring) ...
_OWN_RELEASE = re.compile(r"^__version(?:_info)?__\s*(?::[^=\n]*)?=", re.MULTILINE)
# ... or the upstream commit it was copied at ("SHA: 623a4c1e..." atop AdvancedNewFile's copy of the
# PackageResourceViewer helper in `advanced_new_file/lib/`, held-out round 695).
_NOTICE_RELEASE = re.compile(r"(?im)^[\s#*]*(?:version\s*[:=]\s*v?\d|(?:sha|commit|revision)\s*[:=]\s*[0-9a-f]{7,40}\b)")
# ... and someone's name: `__author__` / `__copyright__` at its top, an "author:" line or a copyright in its notice.
_OWN_NAME = re.compile(r"^__(?:author|copyright|maintainer)__\s*(?::[^=\n]*)?=\s*(.*)$", re.MULTILINE)
_NOTICE_AUTHOR = re.compile(r"(?im)^[\s#*]*(?:author|maintainer)s?\s*:(.*)$")
UNIT_TOP = 80  # lines of a unit's top where its `__version__` and `__author__` are looked for


def library_copy(text: str, authors: frozenset[str], release_file: bool = False) -> Optional[str]:
    """Why a unit in a library-named folder is someone else's library copied in, or None: its top (`text`, a
    module or a package's `__init__.py`) carries a release of its own (or `release_file`: a VERSION file
    beside it) and names someone who is none of the project's `authors`. BlenderGIS keeps pyshp's
    `shapefile.py` ("author: jlawhead", `__version__ = "2.1.0"`) and Thoorens' Tyf (`__author__`, a VERSION
    file) in `core/lib/`: 14 findings judged noise in held-out round 353."""
    top = "\n".join(text.lstrip("\ufeff").splitlines()[:UNIT_TOP])
    notice = header(text)
    if not (release_file or _OWN_RELEASE.search(top) or _NOTICE_RELEASE.search(notice)):
        return None
    names = [m.group(1) for m in _OWN_NAME.finditer(top)] + [m.group(1) for m in _NOTICE_AUTHOR.finditer(notice)]
    if not names and _COPYRIGHT.search(notice):
        names = [line for line in notice.splitlines() if _COPYRIGHT.search(line)]
    if not names:
        return None
    if authors and any(w.lower() in authors for n in names for w in _NAME_WORD.findall(n)):
        return None
    return "its own release and another author"


# A source repository's address (GitHub, GitLab, Bitbucket, Codeberg): owner and name.
_SOURCE_REPO = re.compile(r"(?i)\bhttps?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/"
                          r"([A-Za-z0-9][\w.-]{0,99})/([A-Za-z0-9][\w.-]{0,99})")
_NOT_OWNERS = frozenset({"sponsors", "orgs", "users", "topics", "features", "apps", "marketplace", "settings"})
# ... or a project's home on SourceForge (`yserial.sourceforge.net`, `sourceforge.net/projects/yserial`), whose
# owner is the host
_SOURCEFORGE = re.compile(r"(?i)\bhttps?://(?:www\.)?(?:([a-z0-9][\w-]{1,62})\.sourceforge\.(?:net|io)\b|"
                          r"sourceforge\.net/projects/([a-z0-9][\w-]{1,62}))")


def squash(name: str) -> str:
    """A name lowercased with every separator gone, to compare project names however they are written: `y_serial`
    is the `yserial` project's module, `STP-Core` the `stp_core` distribution."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _names_own_release(notice: str, unit: str) -> bool:
    """The notice gives the module's own name with a release: "y_serial Python module  Version 0.60"."""
    return re.search(rf"(?im)^[\s#*]*{re.escape(unit)}\b[^\n]{{0,40}}\bversion\s+v?\d", notice) is not None


def _newer_version_at(notice: str, unit: str) -> Optional[str]:
    """The address the notice says a newer version of this very file lives at, or None: "latest version available
    at http://code.google.com/p/agpy/source/browse/trunk/agpy/gaussfitter.py" atop aphla's `gaussfitter.py`
    (held-out round 854). The address must end in the module's own file name, or the notice say it holds updated
    versions (`_NEWER_AT`)."""
    m = re.search(rf"(?i)\bversions?\b[^\n]{{0,40}}\b(?:available|found|at|from|on)\b[^\n]{{0,20}}"
                  rf"(https?://\S+/{re.escape(unit)}\.py)\b", notice) or _NEWER_AT.search(notice)
    return m.group(1) if m else None


# ... or where updated versions of it are, in so many words: "Updated versions can be found at
# http://cars.uchicago.edu/software" in mpfit's notice (aphla's `mpfit/mpfit.py`, held-out round 854). At the heads of
# the 1,000-odd repositories cloned here, only aphla's two copies say so.
_NEWER_AT = re.compile(r"(?i)\b(?:latest|updated|newest|newer|current|most[ \t]+recent)[ \t]+versions?\b[^\n]{0,30}?"
                       r"\b(?:available|can[ \t]+be[ \t]+found|found|at|from|on)\b[^\n]{0,30}?(https?://\S+)")


def upstream_copy(text: str, unit: str, home: frozenset[str], about: str) -> Optional[str]:
    """The `owner/name` of the repository a module is a copy of, or None: its top carries a release of its own
    (`__version__`, a "version:" line) and its opening notice names a source repository whose name contains
    the module's own (`unit`, normalized: `addon_updater` in `CGCookie/blender-addon-updater`, `docopt` in
    `docopt/docopt`), which is not the project's: not one of its `home` names (its distribution names and its
    folder's, normalized), and not a repository its packaging or README (`about`, lowercased) names.
    blender-multi-user carries CGCookie's addon updater as `multi_user/addon_updater.py` ("See documentation
    for usage https://github.com/CGCookie/blender-addon-updater", `__version__ = "1.0.8"`), GPL like the
    project, so no license tells it apart (held-out round 691: 44 findings judged noise). A module that only
    names a repository of another name (a plugin's docstring naming its host's) is not a copy of it."""
    if len(unit) < 3:
        return None
    notice = header(text)
    if "://" not in notice:
        return None
    newer = _newer_version_at(notice, unit)
    if newer is not None:  # ... unless the address is the project's own: one its packaging or README gives, or
        # one that names the project
        where = newer.lower().split("://", 1)[1].rsplit("/", 1)[0]
        own = where in about or any(len(h) >= 3 and squash(h) in squash(where) for h in home)
        if not own:
            return newer
    top = "\n".join(text.lstrip("\ufeff").splitlines()[:UNIT_TOP])
    if not (_OWN_RELEASE.search(top) or _NOTICE_RELEASE.search(notice) or _names_own_release(notice, unit)):
        return None
    found = None
    repos = [(m.group(1), re.sub(r"(?i)\.git$", "", m.group(2).rstrip("."))) for m in _SOURCE_REPO.finditer(notice)]
    repos += [("sourceforge", m.group(1) or m.group(2)) for m in _SOURCEFORGE.finditer(notice)]
    for owner, name in repos:
        if owner.lower() in _NOT_OWNERS:
            continue
        if normal_name(name) in home or squash(name) in {squash(h) for h in home} \
                or f"{owner}/{name}".lower() in about or (owner == "sourceforge" and f"{name}.sourceforge".lower() in about):
            return None  # the project's own repository: its own module
        if found is None and (normal_name(unit) in normal_name(name) or squash(unit) == squash(name)):
            found = f"{owner}/{name}"
    return found


# A notice that says in words the file is a copy: "This file is a modified copy of Blender io_scene_fbx"
# (blender-for-unrealengine's exporters, 60 findings judged noise), "TODO this is a direct copy of this file"
# above corevoikko's address (plover-finnish's hfconv.py, held-out round 758). Not a license's "a copy of the
# GNU General Public License", and not "adapted from" or "taken from ... and modified", which say the team
# reworked the code (comfyui-advanced-controlnet's sparse-control module, 2 findings judged worth saying).
_SAYS_COPY = re.compile(r"(?i)\bthis(?:[ \t]+(?:file|module|script|code))?[ \t]+is[ \t]+(?:an?[ \t]+)?"
                        r"(?:(?:direct|verbatim|exact|straight|unmodified|modified|slightly[ \t]+modified)[ \t]+)?"
                        r"copy[ \t]+of\b(?![ \t]+(?:the[ \t]+)?(?:GNU|GPL|LGPL|License|Lesser|Apache|MIT|BSD|Mozilla))")


# A notice that puts the file under another project's license by that project's name: "It is subject to the
# MadGraph5_aMC@NLO license which should accompany this distribution" atop the modules MadGraph copies into every
# process folder it generates (hps-mc keeps 23 such folders; held-out round 881: 250 findings judged noise, 39
# errors and 4 pull requests failing CI), "under the Python license" atop python-future's copied `surrogateescape`,
# "the wxPython license" atop wx.lib modules bundled into Time-Line. Not a license family's name (those are read
# by `foreign_notice`), nor an all-capitals one (WTFPL), nor "the same license" or "the following license".
_PROJECT_LICENSE = re.compile(r"(?i:\b(?:subject[ \t]+to|under|governed[ \t]+by)[ \t]+the[ \t]+)"
                              r"([A-Za-z][\w@.+-]*)[ \t]+(?i:licen[cs]e)\b")
_NOT_A_PROJECT = frozenset({"same", "following", "above", "terms", "this", "original", "new", "modified", "said",
                            "current", "foregoing", "applicable", "full", "free", "open", "standard", "license"})
# Names of licenses themselves, not of projects, compared as the squashed name's start: a project of its own under
# "the CeCILL license", "the zlib license", "the GNU license" or "the Boost license" is not a copy of anything.
_LICENSE_WORDS = ("gpl", "lgpl", "agpl", "gnu", "bsd", "mit", "apache", "asl", "mozilla", "mpl", "eclipse", "epl",
                  "cecill", "eupl", "artistic", "zlib", "libpng", "unlicense", "boost", "bsl", "isc", "cc", "creative",
                  "affero", "academic", "afl", "educational", "ecl", "unidata", "ncsa", "uiuc", "sleepycat", "zope",
                  "zpl", "postgresql", "openssl", "ssleay", "ruby", "perl", "beerware", "hippocratic", "anticapitalist",
                  "vim", "prosperity", "polyform", "elastic", "sspl", "fair", "mulan", "x11", "expat", "json", "sil",
                  "ofl", "wxwindows", "psf", "w3c", "proprietary", "commercial", "public", "permissive", "opensource",
                  "simplified", "revised", "lesser", "library", "university", "institute", "company", "project")


def project_license(text: str, own: frozenset[str]) -> Optional[str]:
    """The name of another project whose license the opening notice puts the file under ("subject to the
    MadGraph5_aMC@NLO license"), or None: not a license's own name (`_LICENSE_WORDS`, a license family), not an
    all-capitals name, not one of the project's own names (`own`, normalized), compared without separators both
    ways."""
    # the notice is read only where the words may be in it; a plain search first, the pattern's `(?i)` is slower
    if (text.find("icen", 0, 20000) < 0 and text.find("ICEN", 0, 20000) < 0) \
            or not _PROJECT_LICENSE.search(text, 0, 20000):
        return None
    notice = header(text)
    for m in _PROJECT_LICENSE.finditer(notice):
        name = m.group(1).rstrip(".")
        if name.lower() in _NOT_A_PROJECT or name.isupper() or license_families(m.group(0)):
            continue
        squashed = squash(name)
        if len(squashed) < 3 or squashed.startswith(_LICENSE_WORDS) or any(o and (o in squashed or squashed in o)
                                                                           for o in map(squash, own)):
            continue
        return name
    return None


# "This file is part of the PyMCA X-ray Fluorescence Toolkit": the project a notice says the file belongs to.
_PART_OF = re.compile(r"(?i)\bthis[ \t]+(?:file|module|program|code|library|script)[ \t]+is[ \t]+(?:a[ \t]+)?"
                      r"part[ \t]+of[ \t]+(?:the[ \t]+)?([A-Za-z][\w.+-]*)")


def part_of(text: str) -> Optional[str]:
    """The project `text`'s opening notice says the file is part of ("This file is part of STP-Core, ..." gives
    `STP-Core`), or None."""
    if not _PART_OF.search(text, 0, 20000):  # the notice is read only where the words may be in it
        return None
    m = _PART_OF.search(header(text))
    return m.group(1).rstrip(".") if m else None


def says_copy(text: str) -> Optional[str]:
    """The words of `text`'s opening notice (`header`) that say the file is a copy of another, or None."""
    m = _SAYS_COPY.search(header(text))
    return m.group(0) if m else None


def project_home(root: Path, names: frozenset[str], packaging: str) -> tuple[frozenset[str], str]:
    """What names the project's own repository: its distribution names (`project_names`, read once per run by the
    caller) and its folder's, normalized, and its packaging files' and README opening's text (lowercased), for
    `upstream_copy`."""
    readme = next((t[:README_OPENING] for n in README_NAMES if (t := read_config(root, n)) is not None), "")
    return names | {normal_name(root.name)}, f"{packaging}\n{readme}".lower()


def header(text: str) -> str:
    """A module's opening comments and docstring (and the strings after its `from __future__` lines): where a copied
    file keeps its author's notice."""
    lines: list[str] = []
    quote: Optional[str] = None
    for line in text.lstrip("\ufeff").splitlines()[:_HEADER_LINES]:
        s = line.strip()
        if quote is not None:
            lines.append(s)
            if quote in s:
                quote = None
            continue
        if not s or s.startswith("#"):
            lines.append(s)
            continue
        if s.startswith("from __future__ import") and "(" not in s:
            # GoSublime's copy of Google's diff-match-patch puts `from __future__ import division` above its
            # Apache notice (held-out round 694)
            continue
        start = s.lstrip("rRuU")
        if _ONE_LINE_STRING.match(start):
            # a one-line docstring above the notice: xmltodict's `"Makes working with XML feel like ..."`, then
            # its MIT notice in a second string (aphla's copy, held-out round 854)
            lines.append(s)
            continue
        if start[:3] in ('"""', "'''"):
            lines.append(s)
            if start.count(start[:3]) == 1:
                quote = start[:3]
            continue
        break
    return "\n".join(lines)


# A notice's license told finer than its family, where a project's own notices are all there is to go by: the GNU
# Lesser and Affero licenses apart from the GPL (`notice_terms`).
_GNU_KINDS = (("lgpl", re.compile(r"(?i:GNU (?:Lesser|Library) General Public Licen[cs]e)|\bLGPL")),
              ("agpl", re.compile(r"(?i:GNU Affero General Public Licen[cs]e)|\bAGPL")))
_PLAIN_GPL = re.compile(r"(?i:GNU General Public Licen[cs]e)|(?<![AL])\bGPL")
# Whom a notice's copyright line names: the words after "Copyright (c) 2016-2021 by", up to an address or the end
_HOLDER_LINE = re.compile(r"(?im)^[ \t#*\"':]*(?:copyright[ \t]*(?:\(c\)|\u00a9)?|\u00a9)[ \t:]*"
                          r"(?:\d{4}(?:[ \t]*[-,][ \t]*\d{4})*,?)?[ \t]*(?:by[ \t]+)?((?:(?!licen)[^\n<(])*)")
_NOT_A_NAME = frozenset({"copyright", "the", "and", "inc", "llc", "ltd", "gmbh", "corp", "corporation", "all", "rights",
                         "reserved", "authors", "author", "contributors", "its", "affiliates", "foundation", "software",
                         "project", "team", "original", "notice", "holders", "holder", "this", "file", "for", "see",
                         "licensed", "license", "licence", "under", "version", "list", "conditions", "following",
                         "with", "from", "are", "may", "not", "use", "terms", "code", "source"})


def notice_terms(text: str) -> Optional[tuple[frozenset[str], frozenset[str]]]:
    """A module's opening notice as its own terms: the licenses it names (families, with the GNU Lesser and Affero
    licenses told apart from the GPL) and the words of the names its copyright lines give, lowercased; None
    without a copyright and a license."""
    notice = header(text)
    if not _COPYRIGHT.search(notice):
        return None
    families = set(license_families(notice))
    if not families:
        return None
    if "gpl" in families:
        kinds = {kind for kind, rx in _GNU_KINDS if rx.search(notice)}
        if kinds and not _PLAIN_GPL.search(notice):
            families.discard("gpl")
        families |= kinds
    names = {w.lower() for m in _HOLDER_LINE.finditer(notice) for w in _NAME_WORD.findall(m.group(1))}
    return frozenset(families), frozenset(w for w in names if len(w) >= 3 and w not in _NOT_A_NAME)


# The top's own statements of who wrote a module and under which license (httplib2's `__copyright__ = "Copyright
# 2006, Joe Gregorio"` and `__license__ = "MIT"`, copied into the GPL calibre plugins: held-out round 696).
_NOTICE_DUNDER = re.compile(r"^__(?:copyright|license|licence|author)__\s*(?::[^=\n]*)?=[^\n]*$", re.MULTILINE)


def foreign_notice(text: str, project: frozenset[str], authors: frozenset[str] = frozenset()) -> Optional[str]:
    """The license families of a file whose opening notice (its first comments and docstring, and its top's
    `__copyright__`, `__license__` and `__author__`) puts it under another license than the project's:
    someone else's code copied in (MAVProxy, GPLv3, keeps NaturalPoint's Apache-licensed NatNet SDK files and
    a PSF-licensed copy of matplotlib's wx backend), or None. A notice that names one of the project's own
    authors is theirs, whatever license it names (ply's BSD headers by David M. Beazley in a project whose
    setup.cfg says MIT)."""
    if not project:
        return None
    notice = header(text)
    if "__" in text[:8000]:  # ... and what its top says of itself: httplib2's `__copyright__`, `__license__ = "MIT"`
        top = "\n".join(text.lstrip("\ufeff").splitlines()[:UNIT_TOP])
        notice += "\n" + "\n".join(m.group(0) for m in _NOTICE_DUNDER.finditer(top))
    if not _COPYRIGHT.search(notice):
        return None
    families = license_families(notice)
    if not families or families & project:
        return None
    if authors and any(w.lower() in authors for w in _NAME_WORD.findall(notice)):
        return None
    return ", ".join(sorted(families))
