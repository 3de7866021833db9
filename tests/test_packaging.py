"""The package as a user gets it: the sdist and the wheel build, pass `twine check`, carry the
licence, the app's stylesheet and the probe, and the wheel installs into a fresh venv (with its
dependencies, from the package index) where `gilbench` answers.

It builds in isolation as `pip install` would, so it needs the package index (CI has it); about
ten seconds with a warm pip cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from trove_classifiers import classifiers as known_classifiers

from gilbench_tui import __version__

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
#: Files a working install cannot do without: the app's stylesheet and the worker, run by path.
NEEDED = ("gilbench_tui/ui/app.tcss", "gilbench_tui/probe/worker.py", "gilbench_tui/cli.py")


def run(*command: str | Path, cwd: Path | None = None) -> str:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    done = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_sdist_and_wheel_build_check_and_install(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
    sdist = dist / f"gilbench_tui-{__version__}.tar.gz"
    wheel = dist / f"gilbench_tui-{__version__}-py3-none-any.whl"
    assert sdist.is_file() and wheel.is_file()
    run(sys.executable, "-m", "twine", "check", "--strict", sdist, wheel)

    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", *NEEDED} <= in_sdist
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
        info = f"gilbench_tui-{__version__}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode())
    assert {f"{info}/licenses/LICENSE", *NEEDED} <= in_wheel
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    classifiers = metadata.get_all("Classifier") or []
    assert [c for c in classifiers if c not in known_classifiers] == []  # PyPI would refuse them
    assert "Operating System :: POSIX :: Linux" in classifiers

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", wheel)
    run(sys.executable, "-m", "pip", "--python", python, "check")
    version = run(venv / "bin" / "gilbench", "--version", cwd=tmp_path)
    assert version.strip() == f"gilbench {__version__}"
    # The commands run from the installed files, not from this checkout.
    where = run(python, "-c", "import gilbench_tui; print(gilbench_tui.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(venv)
    listing = run(venv / "bin" / "gilbench", "workloads", cwd=tmp_path)
    assert "seed" in listing
