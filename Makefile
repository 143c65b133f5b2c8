# Thin wrapper: kit.py does the work, so a machine with only Python can run it too.
PYTHON ?= python3

.PHONY: setup start test lint
setup:
	$(PYTHON) kit.py setup
start:
	$(PYTHON) kit.py start
test:
	$(PYTHON) kit.py test
lint:
	$(PYTHON) kit.py setup && .venv/bin/ruff check . && .venv/bin/ruff format --check .
