# The README's two commands: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
UV := .tools/bin/uv
UV_VERSION := 0.13.8
STAMP := $(VENV)/.installed-stamp

# Prefect starts 2x faster with compiled bytecode; uv skips compiling by default.
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON := $(PYTHON)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export PREFECT_HOME := $(CURDIR)/.prefect
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120

.PHONY: run test bench evaluate lint clean

run: $(STAMP)
	$(VENV)/bin/newsevents run --raw raw --output output

test: $(STAMP)
	$(VENV)/bin/python -m pytest

bench: $(STAMP)
	$(VENV)/bin/python -m bench.run

evaluate: $(STAMP)
	$(VENV)/bin/newsevents evaluate

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# uv is bootstrapped with pip into .tools/, so the machine needs only python3 and pip.
$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# Installs exactly what uv.lock pins (dev tools included), again when either file changes.
$(STAMP): pyproject.toml uv.lock $(UV)
	$(UV) sync --frozen --extra dev
	touch $@

clean:
	rm -rf $(VENV) .tools .prefect .pytest_cache
