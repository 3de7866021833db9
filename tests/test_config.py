"""The config file: what it sets, what a bad value says, and remembering the theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from gilbench_tui.engine import config
from gilbench_tui.engine.spec import BenchSpec
from tests.test_cli import gilbench


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_is_every_default(tmp_path: Path) -> None:
    settings = config.load(tmp_path / "config.toml")
    assert not settings.exists and not settings.problems
    assert settings.over(BenchSpec()) == BenchSpec()
    assert settings.meter_interval_s == 0.5 and settings.theme is None


def test_the_file_sets_the_theme_the_meter_rate_and_the_spec(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\nmeter_rate = 1\n[spec]\nworkload = "sha256"\nsize = "500k"\n'
        'workers = [1, 2, 4]\nstrategies = "serial,processes"\nrepeat = "auto"\n',
    )
    settings = config.load(path)
    assert settings.problems == []
    assert settings.theme == "nord" and settings.meter_interval_s == 1.0
    spec = settings.over(BenchSpec())
    assert (spec.workload, spec.size, spec.workers) == ("sha256", 500_000, (1, 2, 4))
    assert spec.strategies == ("serial", "processes") and spec.auto_repeat


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("meter_rate = 5\n", "meter_rate"),
        ('meter_rate = "fast"\n', "meter_rate"),
        ("theme = 3\n", "theme"),
        ('[spec]\nsize = "big"\n', "spec.size"),
        ("[spec]\nworkers = [0]\n", "spec.workers"),
        ('[spec]\nworkload = "nope"\n', "spec.workload"),
        ("[spec]\nrepeat = 0\n", "spec.repeat"),
        ("[spec]\ncolour = 1\n", "spec.colour"),
        ("colour = 1\n", "colour"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_file_and_the_key(
    tmp_path: Path, text: str, key: str
) -> None:
    path = write(tmp_path, text)
    settings = config.load(path)
    (problem,) = settings.problems
    assert problem.startswith(f"config {path}: {key}: ")
    assert settings.over(BenchSpec()) == BenchSpec() and settings.meter_rate == 2.0


def test_a_bad_key_leaves_the_good_ones_in_use(tmp_path: Path) -> None:
    settings = config.load(write(tmp_path, '[spec]\nsize = "big"\nrepeat = 7\n'))
    assert len(settings.problems) == 1 and settings.over(BenchSpec()).repeat == 7


def test_a_file_that_is_not_toml_is_one_line_and_every_default(tmp_path: Path) -> None:
    settings = config.load(write(tmp_path, "theme = \n"))
    (problem,) = settings.problems
    assert "not TOML" in problem and str(tmp_path) in problem
    assert settings.theme is None


def test_saving_the_theme_keeps_every_other_line(tmp_path: Path) -> None:
    text = '# mine\ntheme = "nord"\nmeter_rate = 1\n\n[spec]\ntheme = "not this one"\n'
    path = write(tmp_path, text)
    config.save_theme("gruvbox", path)
    assert path.read_text() == text.replace('theme = "nord"', 'theme = "gruvbox"')
    fresh = tmp_path / "new" / "config.toml"
    config.save_theme("nord", fresh)
    assert config.load(fresh).theme == "nord"


def test_a_broken_file_is_not_made_worse_by_saving_the_theme(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = \n")
    with pytest.raises(ValueError):
        config.save_theme("nord", path)
    assert path.read_text() == "theme = \n"


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GILBENCH_CONFIG_DIR", str(tmp_path))
    return tmp_path


def test_config_path_and_show(config_dir: Path) -> None:
    tmp_path = config_dir
    done = gilbench("config", "path")
    assert done.returncode == 0 and done.stdout.strip() == str(tmp_path / "config.toml")
    done = gilbench("config", "show")
    assert "not created yet" in done.stdout and 'theme = "textual-dark"' in done.stdout
    write(tmp_path, '[spec]\nsize = "500k"\nworkers = "x"\n')
    done = gilbench("config", "show")
    assert done.returncode == 0
    assert 'size = "500k"' in done.stdout and 'workers = "2"' in done.stdout
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"gilbench: config {tmp_path / 'config.toml'}: spec.workers: ")


def test_run_starts_from_the_config_and_options_win(config_dir: Path, data_dir: Path) -> None:
    tmp_path = config_dir
    write(tmp_path, '[spec]\nworkload = "primes"\nsize = "2k"\nstrategies = ["serial"]\n')
    done = gilbench("run", "--workers", "1", "--repeat", "1", "--json", "-", "-q")
    assert done.returncode == 0, done.stderr
    assert '"workload": "primes"' in done.stdout and '"size": 2000' in done.stdout
    done = gilbench("run", "--workers", "1", "--repeat", "1", "--size", "1k", "--json", "-", "-q")
    assert '"size": 1000' in done.stdout
