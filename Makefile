# Quick start: `make demo` and `make test` on a fresh machine. Both create or reuse .venv and
# install everything from this repository's own files.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck contracts pytest pytest-compiled wheel bench bench-full clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: lint typecheck contracts pytest pytest-compiled

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

# The compiled wheel: mypyc compiles the per-record hot path (see pyproject.toml). It is built
# from a copy of the tree, so no extension module ever lands in src/ to shadow later edits.
WHEEL_DIR := build/wheel
SOURCES   := $(shell find src -name '*.py')
$(WHEEL_DIR)/.built: pyproject.toml README.md $(SOURCES) | $(STAMP)
	rm -rf build/wheel-src $(WHEEL_DIR) && mkdir -p build/wheel-src $(WHEEL_DIR)
	cp -r pyproject.toml README.md src build/wheel-src/
	HATCH_BUILD_HOOK_ENABLE_MYPYC=true $(BIN)/python -m pip wheel -q --no-deps -w $(WHEEL_DIR) build/wheel-src
	touch $@

wheel: $(WHEEL_DIR)/.built
	ls $(WHEEL_DIR)/*.whl

# The whole suite again on the compiled wheel, installed in its own venv (tests/, not src/:
# the doctests and docstring checks need the pure build, which `pytest` above runs).
CVENV := .venv-compiled
$(CVENV)/.installed: $(WHEEL_DIR)/.built
	test -x $(CVENV)/bin/python || $(PYTHON) -m venv $(CVENV)
	$(CVENV)/bin/python -m pip install -q --upgrade pip
	$(CVENV)/bin/python -m pip install -q --force-reinstall --no-deps $(WHEEL_DIR)/*.whl
	$(CVENV)/bin/python -m pip install -q "$$(ls $(WHEEL_DIR)/*.whl)[dev]"
	touch $@

pytest-compiled: $(CVENV)/.installed
	cd tests && ../$(CVENV)/bin/python -c "import dupguard.normalize.company as m, sys; sys.exit(m.__file__.endswith('.py'))"
	$(CVENV)/bin/pytest -q -p no:cacheprovider tests

# Side-by-side runs against the peers live in their own venv: their pins must not decide ours.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install -q -e '.[bench]'
	touch $@

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python -m benchmarks.run --quick

bench-full: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python -m benchmarks.run --full

clean:
	rm -rf $(VENV) $(BENCH_VENV) $(CVENV) build .mypy_cache .ruff_cache .pytest_cache .hypothesis
