# Two commands do everything on a fresh machine with python3, make and git:
#   make run   -> venv, install, ingest data/raw, print the summary and two example queries
#   make test  -> venv, install with dev deps, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
WAREHOUSE ?= data/warehouse/lkjip.duckdb

.PHONY: run test install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/lkjip ingest data/raw --warehouse $(WAREHOUSE)
	@echo
	@echo '-- Example 1: budget absorption (serapan) per document'
	$(BIN)/lkjip sql --warehouse $(WAREHOUSE) "SELECT region_name, unit_name, doc_type, pagu, realisasi, serapan_pct FROM v_budget_summary ORDER BY region_name"
	@echo
	@echo '-- Example 2: flags by rule'
	$(BIN)/lkjip sql --warehouse $(WAREHOUSE) "SELECT rule, severity, count(*) AS n FROM flags GROUP BY ALL ORDER BY n DESC"

test: install-dev
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(WAREHOUSE) $(WAREHOUSE).wal
