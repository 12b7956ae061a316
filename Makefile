# Tongket: two commands set everything up on a fresh machine (python3 3.11+, make, npm).
#   make demo   runs the app with the demo review at http://127.0.0.1:8000
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint format bench-import bench serve messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# Translations are compiled with Babel (a Python dependency), so no system gettext is needed.
install: $(STAMP) $(NPM_STAMP)
	@if [ -d tongket/locale ]; then $(BIN)/pybabel -q compile -d tongket/locale -D django; fi

# The background worker (report builds, reminder e-mails) runs beside the development server.
demo: install
	DEBUG=true $(BIN)/tongket migrate --noinput -v 0
	DEBUG=true $(BIN)/tongket demo
	DEBUG=true $(BIN)/tongket db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/tongket runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (apt-get install gettext) to extract strings; compiling needs only Babel.
messages: $(STAMP)
	cd tongket && DEBUG=true ../$(BIN)/tongket makemessages -l en -l vi --no-location
	$(BIN)/pybabel -q compile -d tongket/locale -D django

bench-import: install
	$(BIN)/python scripts/bench_import.py

serve: install
	$(BIN)/tongket migrate --noinput
	$(BIN)/tongket collectstatic --noinput -v 0
	$(BIN)/gunicorn tongket.wsgi --bind $(HOST):$(PORT) --workers 3
