# One command surface for people and CI. `make help` lists it.
# Every target installs what it needs on first use and is quick once that is done.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material 9.x prints an end-of-life banner about MkDocs 2.0 on every build; it is not a warning.
export NO_MKDOCS_2_WARNING := 1

SITE_DIR := site
DIST := dist
OFFLINE_NAME := aws-practice-notes-offline
OFFLINE_DIR := $(DIST)/$(OFFLINE_NAME)
OFFLINE_ZIP := $(DIST)/$(OFFLINE_NAME).zip
PDF := $(DIST)/aws-practice-notes.pdf

PY_STAMP := $(VENV)/.installed
JS_STAMP := node_modules/.installed

.PHONY: help install browser serve build offline pdf check test bench lint new-page lock clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY_STAMP): requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(PY_STAMP) $(JS_STAMP) ## Install the Python and JavaScript dependencies (pinned)

# Published builds draw their diagrams in headless Chromium (overrides/hooks/diagrams.py): find
# one, or install Debian's (as root with apt) or Playwright's. Quick when one is there.
browser: $(PY_STAMP)
	@$(BIN)/python scripts/chromium.py --ensure >/dev/null

SERVE_ADDR := 127.0.0.1:8000

serve: install ## Live preview at http://127.0.0.1:8000 (strict: a warning stops the build)
	SITE_URL=http://$(SERVE_ADDR)/ $(BIN)/mkdocs serve --strict --dev-addr $(SERVE_ADDR)

build: install browser ## Build the hosted site into site/ (strict; diagrams drawn as SVG)
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

offline: install browser ## Build the offline copy into dist/ and zip it (open index.html from disk)
	rm -rf $(OFFLINE_DIR) $(OFFLINE_ZIP)
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir $(OFFLINE_DIR)
	cd $(DIST) && $(abspath $(BIN))/python -m zipfile -c $(OFFLINE_NAME).zip $(OFFLINE_NAME)/
	@echo "Offline copy: $(OFFLINE_ZIP) (unzip, then open $(OFFLINE_NAME)/index.html)"

pdf: install browser ## The whole site as one PDF in dist/ (cover, contents, bookmarks, page numbers)
	$(BIN)/python scripts/pdf.py --output $(PDF) $(PDF_ARGS)

check: install browser ## Check the whole site: build, links, anchors, samples, diagrams, glossary, secrets
	$(BIN)/python scripts/check.py $(CHECK_ARGS)

test: check ## make check, then every test: checker, hooks, builds, browser (installs Chromium if missing)
	# The real-site test repeats `make check`, which just ran.
	$(BIN)/python -m pytest -m "not real_site" $(PYTEST_ARGS)

bench: install browser ## Measure build time, page weight, browser speed and Lighthouse against the budgets
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

lint: install ## Fast pre-commit checks on every file (whitespace, YAML, spelling, Markdown, ruff)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

new-page: install ## Scaffold a page: make new-page TYPE=service SECTION=delivery SLUG=codebuild TITLE="AWS CodeBuild"
	$(BIN)/python scripts/new_page.py --type "$(TYPE)" --section "$(SECTION)" --slug "$(SLUG)" --title "$(TITLE)"

lock: ## Re-pin every dependency: requirements.txt from requirements.in, package-lock.json
	test -x $(BIN)/pip-compile || { test -d $(VENV) || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install --quiet pip-tools; }
	$(BIN)/pip-compile --quiet --strip-extras --no-header --output-file requirements.txt requirements.in
	npm install --package-lock-only --no-audit --no-fund

clean: ## Remove build output and caches (keeps the installed dependencies)
	rm -rf $(SITE_DIR) dist .cache .pytest_cache .ruff_cache docs/assets/vendor
	find . -name __pycache__ -not -path './$(VENV)/*' -not -path './node_modules/*' -prune -exec rm -rf {} +
