# LAKIP: two commands on a fresh Debian 12 machine with Python 3.11.
#   make run   - install, migrate, load the demo data, print the demo accounts, serve
#                (with the task worker that makes the long PDF exports)
#   make test  - install, lint, run the whole suite on SQLite and on a real PostgreSQL

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# WeasyPrint's libraries and fonts for the PDFs; the tests add pdftotext, Chromium for
# the browser tests and the PostgreSQL server binaries.
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation
APT_TEST := $(APT_RUN) poppler-utils chromium postgresql

.PHONY: run test lint install-run install-test apt fixtures clean

run: install-run
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py siapkan_demo
	@# The worker makes the office report and bundle PDFs; it stops with the server.
	@trap 'kill 0' EXIT INT TERM; \
	$(BIN)/python manage.py db_worker --no-reload & \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-test lint
	@echo "== Rangkaian uji pada SQLite =="
	$(BIN)/pytest
	@echo "== Rangkaian uji pada PostgreSQL (server sementara) =="
	tests/with_postgres.sh $(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Rebuild fixtures/demo.json from the plain data in fixtures/data.
fixtures: $(VENV)/.installed
	$(BIN)/python fixtures/build.py

install-run: $(VENV)/.installed
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_RUN)"

install-test: $(VENV)/.installed
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_TEST)"

# Install only the Debian packages that are missing (apt-get update is slow).
apt:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Memasang paket Debian:$$missing"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "LAKIP memerlukan Python 3.11"'
	@# Debian's own Python creates virtual environments only with python3-venv.
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory apt PACKAGES=python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
