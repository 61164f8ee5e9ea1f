# paradiplo: two commands do everything on a fresh machine with Python 3.11 and make.
#   make run   create .venv, install, run the main job (paradiplo build) on the bundled data
#   make test  the same set-up, then the test suite
#   make install  only the set-up: .venv with paradiplo and its development tools
#   make check-growth  the case-dependent tests on a copy with two synthetic cases added
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test check-growth lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project metadata changes (idempotent set-up).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/paradiplo build

# two workers (this machine has two cores), each test file on one of them, so a file's
# fixtures are made once
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# A correct new case must keep every test green: the tests whose results depend on
# data/cases/ run on a copy of the checkout with the two synthetic cases of
# tests/contribution/ added (scripts/check-growth.py).
check-growth: $(STAMP)
	$(BIN)/python scripts/check-growth.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/store_benchmark.py
	$(BIN)/python benchmarks/validate_benchmark.py
	$(BIN)/python benchmarks/network_benchmark.py
	$(BIN)/python benchmarks/world_benchmark.py
	$(BIN)/python benchmarks/serve_benchmark.py
	$(BIN)/python benchmarks/qca_benchmark.py

clean:
	rm -rf $(VENV) out .pytest_cache
