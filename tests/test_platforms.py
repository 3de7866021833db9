"""On a system without POSIX process groups, signals and file locks, gilbench says so in one line
and exits 2 before it starts anything; `--version` still answers."""

from __future__ import annotations

import os
import sys

import pytest

from gilbench_tui import cli, platforms


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "name", "nt")
    monkeypatch.setattr(sys, "platform", "win32")


@pytest.mark.parametrize("system", ["linux", "darwin", "freebsd14"])
def test_posix_systems_are_supported(system: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "name", "posix")
    monkeypatch.setattr(sys, "platform", system)
    assert platforms.unsupported() is None


def test_windows_is_refused_with_a_reason_and_a_way_out(on_windows: None) -> None:
    reason = platforms.unsupported()
    assert reason is not None
    assert "win32" in reason and "WSL" in reason
    assert "\n" not in reason


@pytest.mark.parametrize(
    "args", [[], ["run"], ["workloads"], ["history"], ["seed", "--size", "1k"]]
)
def test_every_command_stops_with_one_line_on_windows(
    args: list[str], on_windows: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(args) == cli.EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("gilbench: error: not supported on win32: ")


def test_version_answers_on_windows(on_windows: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == cli.EXIT_OK
    assert capsys.readouterr().out.startswith("gilbench ")
