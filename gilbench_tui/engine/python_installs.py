"""Where installed Pythons live besides PATH: pyenv's versions, uv's managed Pythons and the
free-threaded build that `scripts/build-free-threaded-python` leaves in the user cache dir.

Free-threaded builds name their executable `python3.13t`, `python3.14t` (pyenv's `3.13t`, uv's
`cpython-3.14.0+freethreaded-…`), often without a plain `python3` beside it, so each install
directory is searched for both spellings. `by_name("3.13t")` finds one by the name a user types.
"""

from __future__ import annotations

import glob
import os
import re

#: The build script's install prefix, under the user cache dir (XDG_CACHE_HOME or ~/.cache).
FREE_THREADED_BUILD = os.path.join("gilbench", "free-threaded", "prefix")

_PLAIN_NAMES = ("python3", "python", "pypy3")
_NAME = re.compile(r"^(?:python)?(\d+\.\d+)(t?)$")


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _versioned(bin_dir: str) -> list[str]:
    """`python3.13`, `python3.13t` in a bin directory, free-threaded spellings last."""
    found = glob.glob(os.path.join(bin_dir, "python3.[0-9]*"))
    named = [p for p in found if re.search(r"python3\.\d+t?$", p) and _executable(p)]
    return sorted(named, key=lambda p: (p.endswith("t"), p))


def _one_per_install(bin_dir: str) -> str | None:
    """The interpreter of one install: `python3` where it exists, else its versioned name."""
    for name in _PLAIN_NAMES:
        path = os.path.join(bin_dir, name)
        if _executable(path):
            return path
    versioned = _versioned(bin_dir)
    return versioned[-1] if versioned else None


def pyenv_pythons() -> list[str]:
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = (_one_per_install(os.path.join(d, "bin")) for d in glob.glob(f"{root}/versions/*"))
    return sorted(p for p in found if p)


def uv_pythons() -> list[str]:
    root = os.environ.get("UV_PYTHON_INSTALL_DIR") or os.path.expanduser("~/.local/share/uv/python")
    found = (_one_per_install(os.path.join(d, "bin")) for d in glob.glob(os.path.join(root, "*")))
    return sorted(p for p in found if p)


def cache_dir() -> str:
    return os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")


def built_free_threaded() -> list[str]:
    """What the build script installed: `python3.13t` (or 3.14t) under the user cache dir."""
    bin_dir = os.path.join(cache_dir(), FREE_THREADED_BUILD, "bin")
    return [p for p in _versioned(bin_dir) if p.endswith("t")]  # python3.13 is the same file


def installed() -> list[str]:
    """Every interpreter of pyenv, uv and the free-threaded build, with each install's
    free-threaded executable too where it has one beside a plain `python3`."""
    paths = pyenv_pythons() + uv_pythons() + built_free_threaded()
    for root in (os.path.dirname(p) for p in list(paths)):
        paths += [p for p in _versioned(root) if p.endswith("t") and p not in paths]
    return paths


def by_name(name: str) -> str | None:
    """`3.13`, `python3.13`, `3.13.0`, `3.13t` → an installed interpreter of that version.

    A name ending in `t` asks for a free-threaded build: an executable named `python3.13t`, or an
    install directory named like pyenv's `3.13.1t`. Newest first."""
    wanted = name.removeprefix("python")
    short = _NAME.match(name)
    for path in sorted(installed(), reverse=True):
        base = os.path.basename(path)
        install = os.path.basename(os.path.dirname(os.path.dirname(path)))
        if short and short.group(2):
            version, _ = short.groups()
            if base == f"python{version}t" or re.fullmatch(rf"{re.escape(version)}\.\d+t", install):
                return path
        elif install.endswith("t") or base not in _PLAIN_NAMES:
            continue
        elif install == wanted or install.startswith(wanted + "."):
            return path
    return None
