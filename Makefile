# Each target does its own set-up: a fresh machine needs only Rust and Python 3.11 with pip.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.deps-installed
export VIRTUAL_ENV := $(abspath $(VENV))

.PHONY: run test build bench fmt test-rust test-python test-wheel clean fuzz

run: build
	$(PY) -m arrpy.bench

test: build test-rust test-python test-wheel

$(PY):
	python3 -m venv $(VENV)

$(STAMP): requirements-dev.txt requirements-test.txt | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

# Release build of the extension, installed into .venv (editable: python/ is used in place).
build: $(STAMP)
	$(VENV)/bin/maturin develop --release -q

test-rust:
	cargo test -p arrpy-core -q

# The suite runs on this venv's Python and, side by side, on every other CPython 3.11+ that
# pyenv offers here (tools/test_pythons.sh).
test-python:
	tools/test_pythons.sh

# The abi3 wheel installed into a fresh venv on each of those CPythons, with and without NumPy.
test-wheel:
	tools/test_wheel.sh

bench: build
	$(PY) -m arrpy.bench --json bench.json

fmt:
	cargo fmt --all

# Fuzz the public API for FUZZ_SECONDS (crashes, hangs, panics); reproducers go to fuzz-crashes/.
FUZZ_SECONDS ?= 600
FUZZ_SEED    ?= $(shell date +%s)
FUZZ_ARGS    ?=
fuzz: build
	$(PY) -m tools.fuzz --time $(FUZZ_SECONDS) --seed $(FUZZ_SEED) $(FUZZ_ARGS)

clean:
	rm -rf target $(VENV)
