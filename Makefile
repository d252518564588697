# newsclean: everything a newcomer needs is one of these targets.
#   make demo    clean every sample page into out/ and print a summary
#   make test    run the whole test suite
# Both create the virtualenv .venv and install newsclean into it first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: demo test lint bench golden docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@ $(VENV)/.installed

# Each folder of samples/ is cleaned with the rule file of the same name; a folder whose
# rule file is not written yet is skipped (and said so) rather than failing the demo.
demo: $(VENV)/.installed
	rm -rf $(OUT)
	@for dir in samples/*/; do \
		rules=$$(basename $$dir); \
		if [ ! -f rules/$$rules.yaml ]; then \
			echo "== samples/$$rules skipped: there is no rule file rules/$$rules.yaml yet"; \
			continue; \
		fi; \
		echo "== samples/$$rules (rules: $$rules)"; \
		$(BIN)/newsclean batch $$dir -o $(OUT)/$$rules --rules $$rules || exit $$?; \
	done
	@echo "articles written under $(OUT)/"

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check cli tests
	$(BIN)/ruff format --check cli tests

# Regenerate the expected output of every golden sample; review the diff before committing.
golden: $(VENV)/.installed-dev
	$(BIN)/python -m tests.golden --write

# Regenerate docs/passes.md from the passes themselves.
docs: $(VENV)/.installed
	mkdir -p docs
	$(BIN)/newsclean passes --markdown > docs/passes.md

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache .ruff_cache .hypothesis
