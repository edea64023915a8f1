# Two commands on a fresh Debian/Ubuntu machine: `make lab` and `make test`.
# Everything else they need (the venv, Python packages, Graphviz's dot, Chromium) is set up here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Ports: `make lab LAB_PORT=9000`, `make app APP_PORT=9001`; different by default, so both can run.
LAB_PORT ?= 8888
APP_PORT ?= 8866

.PHONY: setup system lab app test test-fast bench check lint clean schemas site mutate release

setup: system $(STAMP)

# Debian packages: installed with apt-get when missing and we are root; otherwise say what to run.
system:
	@missing=""; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing with apt-get"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages; run: sudo apt-get install -y$$missing"; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# As root (containers, CI machines) Jupyter needs --allow-root.
ROOT_FLAG = $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

# Opens the explorer notebook (the URL Lab prints leads to it).
lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --port=$(LAB_PORT) --LabApp.default_url=/lab/tree/notebooks/explore.ipynb

# The explorer alone (notebooks/app.ipynb: no instructions, no self-checks) with Voilà; voila.json
# culls the kernels of closed pages (docs/deploy.md).
app: setup
	$(BIN)/voila notebooks/app.ipynb --Voila.config_file_paths='$(CURDIR)' --Voila.ip=127.0.0.1 --port=$(APP_PORT) --no-browser

# The offline JupyterLite site in _site/ (docs/site.md); downloads are cached in .cache/site/.
site: setup
	$(BIN)/python site/build.py

# Student and instructor versions of the exercise notebooks in _release/ (docs/explorer.md).
release: setup
	$(BIN)/confide release notebooks/predict.ipynb -o _release --force

check: setup
	$(BIN)/confide check

test: setup
	$(BIN)/confide check
	$(BIN)/python -m pytest -q -p no:cacheprovider tests
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax --nbval-current-env --nbval-cell-timeout=180 notebooks

test-fast: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not browser and not site" tests

# Figures measured side by side in one run (nothing asserted): the explorer's interaction, then the
# CLI's latency and how checking grows with the casebook (builds 1,000 and 10,000 case files), then
# the offline site in Chromium (built first if missing or stale; docs/site.md).
bench: setup
	$(BIN)/python benchmarks/bench_explore.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_site.py

lint: setup
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build dist .pytest_cache

schemas: setup
	$(BIN)/python -c "from confide import schema; [print('wrote', p) for p in schema.write_all()]"

# Mutation testing of the engine (load, evaluate, check, explain) against the engine tests; not part
# of `make test` (about 8 minutes on 2 cores). Configured in pyproject.toml [tool.mutmut]; survivors
# and why they are equivalent: docs/mutation.md. `$(BIN)/mutmut results` lists them afterwards.
mutate: setup
	rm -rf mutants
	CONFIDE_CACHE=off $(BIN)/mutmut run --max-children $$(nproc) > mutants.log 2>&1 || { tail -c 3000 mutants.log; exit 1; }
	@rm -f mutants.log
	@$(BIN)/mutmut export-cicd-stats >/dev/null
	@$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
	  print(f\"mutation score: {s['killed']} killed / {s['total']} mutants = {100 * s['killed'] / s['total']:.1f}% \
	({s['survived']} survived, {s['timeout']} timed out, {s['no_tests']} without tests)\")"
