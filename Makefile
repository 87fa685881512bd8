# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SEED ?= ../shared/seed
DB ?= demo.db

.PHONY: install demo test bench clean

$(BIN)/dossier: pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==24.3.1
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

install: $(BIN)/dossier

demo: install
	@rm -f $(DB)
	@if [ -d "$(SEED)" ]; then SRC="$(SEED)"; else SRC=examples; echo "($(SEED) not found: using examples/)"; fi; \
	$(BIN)/dossier ingest --db $(DB) $$SRC && \
	$(BIN)/dossier articles --db $(DB) && \
	$(BIN)/dossier people --db $(DB) && \
	$(BIN)/dossier quotes --db $(DB) && \
	$(BIN)/dossier events --db $(DB) && \
	$(BIN)/dossier prisoners --db $(DB)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) *.db
