# `make run` opens the app, `make test` runs every check; both build .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts pytest screenshots recording benchmarks clean free-threaded-python

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/gilbench $(ARGS)

test: lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check gilbench_tui tests benchmarks screenshots
	$(BIN)/ruff format --check gilbench_tui tests benchmarks screenshots

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q $(PYTEST_ARGS)

# A free-threaded CPython (--disable-gil) in the user cache dir, built once; prints its path.
free-threaded-python:
	scripts/build-free-threaded-python

screenshots: $(STAMP)
	$(BIN)/python -m screenshots.make_screenshots

# A real run, recorded as screenshots/recording.gif; needs rsvg-convert, and Pillow to assemble it.
recording: $(STAMP)
	$(BIN)/python -m pip install --quiet pillow
	$(BIN)/python -m screenshots.make_recording

benchmarks: $(STAMP)
	cd benchmarks && for b in fidelity busy_machine startup ui_lag perturbation soak lab; do \
		echo "== $$b"; ../$(BIN)/python $$b.py || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
