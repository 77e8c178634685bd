# uke8: environments, model, run and tests.
#
#   make run            create what is missing, migrate, train if the training data changed, start all
#   make test           the whole suite: SQLite, then PostgreSQL when UKE8_TEST_DATABASE_URL is set
#                       (without the pure tests, which need no database, and the browser tests, which
#                       test the pages over the same API), then the in-process tests
#                       again with the clock a year ahead at 23:30 UTC (CLOCK_AHEAD)
#   make venv | web | chromium | lock | domain | validate | train | test-sqlite | test-postgres | test-clock | wheel | clean
#
# Two environments, both installed from PyPI with uv and pinned by lock files:
#   .venv      Python 3.11: the app (uke8, api, actions, action server, tests)   requirements/app.lock
#   .venv-bot  Python 3.10: the Rasa 3.6 server (Rasa 3.6 supports 3.8-3.10)     bot/requirements.lock
# A stamp file in each marks the lock it was synced with; a newer lock re-syncs it.
# web/node_modules: the review pages' npm packages (Aksel CSS, typeface, axe-core), web/package-lock.json.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV      := .venv
BOT_VENV  := .venv-bot
PY        := $(VENV)/bin/python
UV        := $(VENV)/bin/uv
UKE8      := $(VENV)/bin/uke8
RASA      := $(BOT_VENV)/bin/rasa
APP_STAMP := $(VENV)/.synced
BOT_STAMP := $(BOT_VENV)/.synced
# The locks are resolved for this platform (the project's machines are x86_64 Linux).
LOCK_PLATFORM ?= x86_64-manylinux_2_28
LOCK_FLAGS    ?=
PYTEST_ARGS   ?=
# Extra arguments for the PostgreSQL pass only (e.g. -m "not stack" to skip the process tests there).
PG_PYTEST_ARGS ?=
# The clock of the clock-ahead pass (UKE8_TEST_NOW, see tests/conftest.py): empty means 366 days
# from today at 23:30 UTC, computed at each run so that it stays ahead; or e.g. 2045-01-20T23:30:00+00:00.
CLOCK_AHEAD ?=

PYENV_ROOT ?= $(HOME)/.pyenv
export UV_PYTHON_DOWNLOADS := never
export UV_HTTP_TIMEOUT ?= 180
export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Playwright drives Debian's Chromium (make chromium); it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
WEB_STAMP := web/node_modules/.installed
CHROMIUM  ?= /usr/bin/chromium

# $(call find_python,3.10): a shell command printing the first interpreter that really is
# Python 3.10: on PATH (a pyenv shim that errors is skipped), in pyenv's versions, /usr/local/bin, /usr/bin.
find_python = for c in "$$(command -v python$(1) 2>/dev/null || true)" "$$(pyenv root 2>/dev/null || echo $(PYENV_ROOT))"/versions/$(1).*/bin/python$(1) $(PYENV_ROOT)/versions/$(1).*/bin/python$(1) /usr/local/bin/python$(1) /usr/bin/python$(1); do if [ -n "$$c" ] && [ -x "$$c" ] && [ "$$("$$c" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$(1)" ]; then echo "$$c"; break; fi; done

.PHONY: help venv web chromium lock domain validate train run test test-sqlite test-postgres test-clock wheel clean

help:
	@sed -n '/^#/!q; s/^# \{0,1\}//p' Makefile

# ---------------------------------------------------------------- environments

venv: $(APP_STAMP) $(BOT_STAMP)

$(PY):
	@py="$${PYTHON311:-$$($(call find_python,3.11))}"
	if [ -z "$$py" ]; then
	  echo "Python 3.11 not found: the app environment (.venv) needs it. Install it with 'pyenv install 3.11'" >&2
	  echo "or 'apt-get install python3.11 python3.11-venv', or set PYTHON311=/path/to/python3.11." >&2
	  exit 1
	fi
	echo "creating $(VENV) with $$py"
	rm -rf $(VENV)
	"$$py" -m venv $(VENV) || { rm -rf $(VENV); echo "'$$py -m venv' failed: on Debian install python3.11-venv" >&2; exit 1; }

# uv itself, pinned; bootstrapped with the venv's pip, later kept in step by uv pip sync.
$(UV): requirements/uv.txt | $(PY)
	@echo "installing $$(cat requirements/uv.txt) into $(VENV)"
	if [ -x $(UV) ]; then $(UV) pip install -q --python $(PY) -r requirements/uv.txt
	else PIP_CONFIG_FILE=/dev/null $(PY) -m pip install -q -r requirements/uv.txt; fi
	touch $@

$(APP_STAMP): $(UV) requirements/app.lock requirements/uv.txt pyproject.toml
	@echo "syncing $(VENV) with requirements/app.lock"
	$(UV) pip sync -q --python $(PY) requirements/app.lock requirements/uv.txt
	$(UV) pip install -q --python $(PY) --no-deps -e .
	touch $@

$(BOT_VENV)/bin/python: | $(UV)
	@py="$${PYTHON310:-$$($(call find_python,3.10))}"
	if [ -z "$$py" ]; then
	  echo "Python 3.10 not found: Rasa 3.6 needs it (it supports Python 3.8-3.10 only)." >&2
	  echo "Install it with 'pyenv install 3.10' (Debian 12 has no python3.10 package), or set PYTHON310=/path/to/python3.10." >&2
	  exit 1
	fi
	echo "creating $(BOT_VENV) with $$py"
	rm -rf $(BOT_VENV)
	$(UV) venv -q --no-python-downloads -p "$$py" $(BOT_VENV)

$(BOT_STAMP): $(BOT_VENV)/bin/python bot/requirements.lock | $(UV)
	@echo "syncing $(BOT_VENV) with bot/requirements.lock (first time: ~2.5 GB)"
	$(UV) pip sync -q --python $(BOT_VENV)/bin/python bot/requirements.lock
	touch $@

# Re-resolve both locks from their .in files (keeps current pins where allowed;
# `make lock LOCK_FLAGS=--upgrade` to take the newest allowed versions).
lock: $(UV)
	@compile() {  # compile PYVER IN LOCK: rewrite LOCK only when its content changes (no needless re-sync)
	  cp "$$3" "$$3.tmp" 2>/dev/null || true  # the old pins are uv's preferences
	  $(UV) pip compile -q $(LOCK_FLAGS) --custom-compile-command "make lock" \
	    --python-version $$1 --python-platform $(LOCK_PLATFORM) "$$2" -o "$$3.tmp"
	  if cmp -s "$$3.tmp" "$$3"; then rm "$$3.tmp"; echo "$$3: unchanged"; else mv "$$3.tmp" "$$3"; echo "$$3: written"; fi
	}
	compile 3.11 requirements/app.in requirements/app.lock
	compile 3.10 bot/requirements.in bot/requirements.lock

# The review pages' front-end packages from npm, installed again only when the lock changes.
web: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	@if ! command -v npm >/dev/null; then
	  if [ "$$(id -u)" = 0 ]; then echo "npm not found: installing Debian's nodejs and npm"; apt-get update -q; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
	  else echo "npm not found: install Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; fi
	fi
	echo "installing web/node_modules from web/package-lock.json"
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(CURDIR)/$@

# Debian's Chromium for the browser tests (Playwright launches $(CHROMIUM); no browser download).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then
	  if [ "$$(id -u)" = 0 ]; then
	    echo "installing Debian's chromium for the browser tests"
	    apt-get update -q
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
	  else
	    echo "$(CHROMIUM) missing: run 'sudo apt-get install chromium' (the browser tests need it)" >&2; exit 1
	  fi
	fi

# ---------------------------------------------------------------- Rasa model

# domain.yml is generated from the question catalogue; never edit it by hand.
domain: $(APP_STAMP)
	@$(UKE8) gen-domain

validate: $(BOT_STAMP)
	@if [ -f domain.yml ]; then
	  $(RASA) data validate --domain domain.yml --data data --config config.yml
	else
	  echo "validate: no domain.yml yet, nothing to validate"
	fi

# Trains only when domain.yml, config.yml, data/** or bot/requirements.lock changed
# (models are cached by their fingerprint in $$UKE8_MODEL_CACHE, default ~/.cache/uke8/models).
train: venv
	@$(PY) scripts/train_model.py

# ---------------------------------------------------------------- run

run: venv web
	@$(UKE8) migrate
	$(PY) scripts/train_model.py
	exec $(UKE8) run --no-migrate

# ---------------------------------------------------------------- tests

# run_pytest LABEL [pytest args...]: runs the suite, logs to var/test/pytest-LABEL.log and
# adds its counts to the totals. Exit code 5 (no tests collected) counts as a pass with a note.
# Labels: sqlite, postgres, clock-ahead (SQLite, the clock moved to $$clock_ahead, in-process only).
# Each pass lists its collected tests in var/test/tests-LABEL.txt (tests/conftest.py), one line
# per case with the parametrization cut off: the summary counts distinct tests and cases.
define PYTEST_FUNCS
mkdir -p var/test
passed=0; failed=0; skipped=0; bad=0; notes=(); listed=()
count() { { grep -oE "[0-9]+ $$1" <<<"$$2" || true; } | head -n 1 | grep -oE '^[0-9]+' || echo 0; }
distinct() { cat "$$@" 2>/dev/null | sort -u | wc -l | tr -d ' '; }
cases() { cat "$$@" 2>/dev/null | wc -l | tr -d ' '; }
run_pytest() {
  local label=$$1; shift
  local log=var/test/pytest-$$label.log list=var/test/tests-$$label.txt rc line tally
  local envcmd=(env)
  # the SQLite passes must not see the PostgreSQL URL
  [ "$$label" = postgres ] || envcmd+=(-u UKE8_TEST_DATABASE_URL)
  envcmd+=(UKE8_TEST_COUNT_FILE="$$list")
  [ "$$label" = clock-ahead ] && envcmd+=(UKE8_TEST_NOW="$$clock_ahead")
  echo "=== pytest on $$label$$([ "$$label" = clock-ahead ] && echo ", clock at $$clock_ahead") ==="
  rm -f "$$list"
  set +e
  "$${envcmd[@]}" $(PY) -m pytest $(PYTEST_ARGS) "$$@" 2>&1 | tee "$$log"
  rc=$${PIPESTATUS[0]}
  set -e
  line=$$(grep -E '^=+ .* in [0-9.]+s' "$$log" | tail -n 1 || true)
  passed=$$((passed + $$(count passed "$$line")))
  failed=$$((failed + $$(count failed "$$line") + $$(count 'errors?' "$$line")))
  skipped=$$((skipped + $$(count skipped "$$line")))
  tally=""
  if [ -f "$$list" ]; then listed+=("$$list"); tally=" ($$(distinct "$$list") distinct tests, $$(cases "$$list") cases)"; fi
  case $$rc in
    0) notes+=("$$label: ok$$tally") ;;
    5) notes+=("$$label: no tests collected") ;;
    *) notes+=("$$label: FAILED (pytest exit $$rc)$$tally"); bad=1 ;;
  esac
}
# run_clock_ahead: the in-process tests again on SQLite with the clock a year ahead at 23:30 UTC,
# so that no test lets a fixed date meet the wall clock unnoticed (the stack and processes tests
# are left out by tests/conftest.py: other processes keep the real clock); pure tests ran already.
run_clock_ahead() {
  clock_ahead="$(CLOCK_AHEAD)"
  [ -n "$$clock_ahead" ] || clock_ahead=$$($(PY) -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) + d.timedelta(days=366)).date().isoformat() + "T23:30:00+00:00")')
  run_pytest clock-ahead --no-pure "$$@"
}
summary() {
  echo "=== make test ==="
  for n in "$${notes[@]}"; do echo "  $$n"; done
  if [ $${#listed[@]} -gt 0 ]; then
    echo "  in all: $$(distinct "$${listed[@]}") distinct tests, $$(cases "$${listed[@]}") cases (a case: one parametrization of a test in one pass)"
  fi
  echo "summary: $$passed passed, $$failed failed, $$skipped skipped"
  return $$bad
}
endef

# A failed training is reported, but the suite still runs (the end-to-end Rasa test then fails).
define TRAIN_FOR_TESTS
if ! $(PY) scripts/train_model.py; then notes+=("train: FAILED (see above)"); bad=1; fi
endef

test: venv web chromium
	@$(PYTEST_FUNCS)
	$(TRAIN_FOR_TESTS)
	run_pytest sqlite
	if [ -n "$${UKE8_TEST_DATABASE_URL:-}" ]; then
	  run_pytest postgres --no-pure --no-browser $(PG_PYTEST_ARGS)
	else
	  notes+=("postgres: not run (set UKE8_TEST_DATABASE_URL=postgresql+psycopg://USER@HOST:PORT/DB)")
	fi
	run_clock_ahead
	summary

test-sqlite: venv web chromium
	@$(PYTEST_FUNCS)
	$(TRAIN_FOR_TESTS)
	run_pytest sqlite
	summary

test-postgres: venv web chromium
	@if [ -z "$${UKE8_TEST_DATABASE_URL:-}" ]; then
	  echo "test-postgres: set UKE8_TEST_DATABASE_URL, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test" >&2
	  exit 2
	fi
	$(PYTEST_FUNCS)
	$(TRAIN_FOR_TESTS)
	run_pytest postgres $(PG_PYTEST_ARGS)
	summary

# Only the clock-ahead pass (CLOCK_AHEAD=2045-01-20T23:30:00+00:00 for another moment).
test-clock: venv
	@$(PYTEST_FUNCS)
	run_clock_ahead
	summary

# ---------------------------------------------------------------- clean

# Removes the environments, trained models and test output; keeps var/ (database, secrets)
# and the model cache outside the tree.
# The product as a wheel in dist/ (uke8, api, actions; the npm assets of `make web` copied in by
# setup.py), built offline with .venv's setuptools. tests/packaging/test_wheel.py installs one
# and serves the pages from it.
wheel: $(APP_STAMP) $(WEB_STAMP)
	@# setuptools never empties build/lib: a module moved since the last build would slip into the wheel
	rm -rf build dist/uke8-*.whl
	$(PY) -m pip wheel -q --no-deps --no-build-isolation --no-index -w dist .
	rm -rf build
	ls dist/uke8-*.whl

clean:
	@rm -rf $(VENV) $(BOT_VENV) web/node_modules models .rasa .pytest_cache var/test var/logs build dist
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
