# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SEED ?= ../shared/seed
DB ?= demo.db

.PHONY: install demo test bench eval screenshots clean

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
	$(BIN)/dossier prisoners --db $(DB) && \
	$(BIN)/dossier figures --db $(DB)

test: install
	sh scripts/install-browser.sh
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/pages.py

# accuracy figures quoted in the README (needs ../shared/eval)
eval: install
	$(BIN)/dossier eval quotes ../shared/eval/polnear --split dev
	$(BIN)/dossier eval names ../shared/eval/names/everypolitician-belarus.csv
	$(BIN)/dossier eval ner ../shared/eval/worldwide-newswire/ner_dev
	$(BIN)/dossier eval events
	$(BIN)/dossier eval stance

screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) *.db
