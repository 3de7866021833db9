"""Pilot tests of "your code…": the path field, the functions found by parsing, inline problems,
and a stored run of a changed file asking before it runs again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.usercode import file_sha256
from gilbench_tui.ui.screens.confirm import ConfirmScreen
from gilbench_tui.ui.screens.run import RunScreen
from gilbench_tui.ui.widgets.path_suggester import complete_path
from gilbench_tui.ui.widgets.spec_form import SpecForm
from gilbench_tui.ui.widgets.user_code_pane import UserCodePane
from gilbench_tui.ui.widgets.workload_pane import YOUR_CODE, WorkloadPane
from tests.demo import DemoRunner, demo_document

from .support import SPEC, harness, wait_until

SOURCE = """\
import os
open(os.environ["MARKER"], "w").close()  # importing this file would leave a mark


def work(size, index):
    return size + index


def setup():
    return 1


def three(a, b, c):
    return a
"""


def user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "mine.py"
    path.write_text(SOURCE)
    monkeypatch.setenv("MARKER", str(tmp_path / "imported"))
    return path


def stored_run(path: Path) -> tuple[str, RunDocument]:
    """A run of `path`'s work() as the history keeps it, with the file's hash then."""
    ref = f"{path}:work"
    spec = BenchSpec(workload=ref, size=1000, workers=(2,), workload_sha256=file_sha256(ref))
    return ref, demo_document(spec)


def note(pane: UserCodePane) -> str:
    return str(pane.query_one(".user-code-note").content)


async def test_your_code_lists_the_files_functions_without_importing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path, monkeypatch)
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        workload = h.app.query_one(WorkloadPane)
        pane = workload.user_code
        assert not pane.display, "hidden until your code is chosen"
        workload.select.value = YOUR_CODE
        await pilot.pause()
        assert pane.display
        pane.path_input.focus()
        await pilot.press(*str(path))
        await pilot.pause()
        options = [str(p) for p, _ in pane.function_select._options if str(p)]
        assert options == ["work(size, index)", "setup()", "three(a, b, c)"]
        assert pane.function_select.value == "work"
        assert workload.value == f"{path}:work"
        assert "called as work(size, index)" in note(pane)
        pane.function_select.value = "setup"
        await pilot.pause()
        assert "setup(), size is a label" in note(pane)
        spec = h.app.query_one(SpecForm).read()
        assert spec.workload == f"{path}:setup"
        assert spec.workload_sha256 == file_sha256(f"{path}:setup")
        assert not (tmp_path / "imported").exists(), "the app never imports the user's file"


async def test_bad_code_is_explained_under_the_field_and_r_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path, monkeypatch)
    broken = tmp_path / "broken.py"
    broken.write_text("def work(size, index):\n    return (\n")
    spec = dataclasses.replace(SPEC, workload=f"{path}:three")
    h = harness(spec)
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = h.app.query_one(UserCodePane)
        assert pane.display and pane.function_select.value == "three"
        assert "three(a, b, c) takes 3 required parameters" in note(pane)
        await pilot.press("escape", "r")
        await pilot.pause()
        assert h.runner.specs == []
        assert pane.has_class("-invalid")
        assert h.app.focused is pane.path_input, "the focus goes to the field to fix"
        pane.path_input.value = str(broken)
        await pilot.pause()
        assert f"{broken}:2: syntax error" in note(pane)
        pane.path_input.value = str(tmp_path / "gone.py")
        await pilot.pause()
        assert "no such file" in note(pane)


async def test_your_code_runs_like_any_workload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path, monkeypatch)
    h = harness(dataclasses.replace(SPEC, workload=f"{path}:work"))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert [s.workload for s in h.runner.specs] == [f"{path}:work"]
        assert h.runner.specs[0].workload_sha256 == file_sha256(f"{path}:work")


async def test_rerunning_a_stored_run_of_a_changed_file_asks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path, monkeypatch)
    ref, stored = stored_run(path)
    path.write_text(SOURCE + "\n# edited\n")
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.app.push_screen(RunScreen(stored, tmp_path))
        await pilot.pause()
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(h.app.screen, ConfirmScreen))
        assert isinstance(h.app.screen, ConfirmScreen)
        assert "changed since this run was measured" in h.app.screen.question
        assert h.app.query_one(WorkloadPane).value == ref, "the stored spec is shown first"
        await pilot.press("n")
        await pilot.pause()
        assert h.runner.specs == [], "no means nothing runs"
        h.app.push_screen(RunScreen(stored, tmp_path))
        await pilot.pause()
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(h.app.screen, ConfirmScreen))
        await pilot.press("y")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert [s.workload for s in h.runner.specs] == [ref]
        assert not (tmp_path / "imported").exists()


async def test_rerunning_an_unchanged_file_runs_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path, monkeypatch)
    ref, stored = stored_run(path)
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.app.push_screen(RunScreen(stored, tmp_path))
        await pilot.pause()
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(h.app.screen, ConfirmScreen)
        assert [s.workload for s in h.runner.specs] == [ref]


def test_the_path_completes_to_folders_and_python_files(tmp_path: Path) -> None:
    (tmp_path / "work.py").write_text("")
    (tmp_path / "workers").mkdir()
    (tmp_path / "notes.txt").write_text("")
    assert complete_path(str(tmp_path / "wo")) == str(tmp_path / "workers") + "/"
    assert complete_path(str(tmp_path / "work.")) == str(tmp_path / "work.py")
    assert complete_path(str(tmp_path / "no")) is None, "only folders and .py files"
    assert complete_path(str(tmp_path / "missing" / "x")) is None
    assert isinstance(Input, type) and isinstance(Select, type)


async def test_code_that_fails_to_import_in_the_worker_is_explained_under_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path, monkeypatch)
    ref = f"{path}:work"
    why = (
        f"importing {path} failed: ModuleNotFoundError: No module named 'x' ({path}:1 in <module>)"
    )
    runner = DemoRunner(fail=f"workload {ref} cannot run here: {why}", partial=False)
    h = harness(dataclasses.replace(SPEC, workload=ref), runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        pane = h.app.query_one(UserCodePane)
        assert pane.has_class("-invalid")
        assert note(pane) == f"✗ {why}"
