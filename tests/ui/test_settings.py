"""The config file in the app: its theme is used, a bad one is said, a theme picked is kept."""

from __future__ import annotations

from pathlib import Path

from gilbench_tui.engine import config
from gilbench_tui.engine.spec import BenchSpec

from .support import harness, wait_until


async def test_the_configured_theme_is_used_and_a_new_pick_is_remembered(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[spec]\nrepeat = 4\n', encoding="utf-8")
    h = harness(settings=config.load(path))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert h.app.theme == "nord"
        assert path.read_text() == 'theme = "nord"\n\n[spec]\nrepeat = 4\n'  # not rewritten
        h.app.theme = "gruvbox"  # what picking a theme in the command palette does
        await wait_until(pilot, lambda: config.load(path).theme == "gruvbox")
        await h.app.workers.wait_for_complete()
    assert config.load(path).over(BenchSpec()).repeat == 4


async def test_a_theme_the_app_lacks_and_other_bad_keys_are_said(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "no-such-theme"\nmeter_rate = 9\n', encoding="utf-8")
    h = harness(settings=config.load(path))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = [message for message, _ in h.notes]
        assert any(f"config {path}: theme: 'no-such-theme'" in m for m in said)
        assert any(f"config {path}: meter_rate: 9" in m for m in said)
        assert h.app.theme == "textual-dark"


async def test_without_a_config_the_theme_is_not_written_anywhere() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.app.theme = "nord"
        await pilot.pause()
        await h.app.workers.wait_for_complete()
    assert not config.config_path().exists()
