# A newcomer's two commands: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean templates mutate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py out

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

# Mutation testing of congvan.nd30 and the ND30 checker against tests/test_nd30_rules.py ([tool.mutmut] in
# pyproject.toml); not part of `make test`. Prints the mutants not killed; `.venv/bin/mutmut show NAME` shows
# one. MUTANTS limits the run: make mutate MUTANTS='congvan.testing.nd30check.checker.*'.
$(VENV)/.mutate-installed: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,mutate]'
	touch $@

mutate: $(VENV)/.mutate-installed
	rm -rf mutants
	$(BIN)/mutmut run $(MUTANTS)
	$(BIN)/mutmut results

templates: $(STAMP)
	$(BIN)/python -c "from congvan.template_build import main; main()"

clean:
	rm -rf $(VENV) out build dist mutants
