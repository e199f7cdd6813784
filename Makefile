# make demo  — set up .venv (if missing) and score the bundled example province
# make test  — set up .venv (if missing) and run the whole test suite (Hypothesis profile
#              "ci": derandomised, the same outcome on every clone)
# make fuzz  — explore the property tests with random seeds for FUZZ_MINUTES (default 10)
# make lint  — ruff and mypy
# make serve — set up .venv (if missing) and open the web page on the example province

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PLUGINS := $(wildcard plugins/*/pyproject.toml)
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz lint bench clean serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml $(PLUGINS) | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]' $(foreach p,$(PLUGINS),-e $(dir $(p)))
	@touch $@

demo: $(STAMP)
	$(BIN)/cchc-score demo

serve: $(STAMP)
	$(BIN)/cchc-score serve examples/demo

test: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -q

FUZZ_MINUTES  ?= 10
FUZZ_EXAMPLES ?= 1000
FUZZ_ARGS     ?=
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz.py --minutes $(FUZZ_MINUTES) --examples $(FUZZ_EXAMPLES) $(FUZZ_ARGS)

lint: $(STAMP)
	$(BIN)/python -m pip install -q ruff mypy
	$(BIN)/python -m ruff check cchc_score tests plugins benchmarks docs/plugin-skeleton
	$(BIN)/python -m mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/bench_hardening.py
	$(BIN)/python benchmarks/bench_import_criteria.py
	$(BIN)/python benchmarks/bench_web.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis .fuzz .mypy_cache .ruff_cache
