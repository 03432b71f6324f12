# Two commands do all set-up: `make site` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet

.PHONY: site serve test golden bench-quality bench-dev bench-cleaning bench-scale bench-scale-5000 train clean

$(VENV)/.runtime: requirements.txt requirements-vectors.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -r requirements-vectors.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	touch $@

# `make site BUILD_ARGS="--site-url URL"`: options for build.py (the workflow passes the Pages address).
site: $(VENV)/.runtime
	$(PY) build.py $(BUILD_ARGS)

serve: $(VENV)/.runtime
	$(PY) build.py serve

test: $(VENV)/.dev
	$(PY) -m pytest -q

golden: $(VENV)/.dev
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_render.py

# Quality benchmark on real news (see QUALITY.md). EVAL_DATA is never copied into the repository.
EVAL_DATA ?= ../shared/eval-data

bench-quality: $(VENV)/.runtime
	$(PY) -m briefing.bench quality --data $(EVAL_DATA) --split test

bench-dev: $(VENV)/.runtime
	$(PY) -m briefing.bench quality --data $(EVAL_DATA) --split dev --limit 600

# What each cleaning rule removed over every article (RT and NG), and code left in the text.
bench-cleaning: $(VENV)/.runtime
	$(PY) -m briefing.bench cleaning --data $(EVAL_DATA)

# Whole builds timed at scale: cold, no change, one document added, edited, removed (see briefing/bench/scale.py).
bench-scale: $(VENV)/.dev
	$(PY) -m briefing.bench scale --data $(EVAL_DATA) --n 1000

bench-scale-5000: $(VENV)/.dev
	$(PY) -m briefing.bench scale --data $(EVAL_DATA) --n 5000

# Retrain what ships: the lexicon first (both models use it), then keywords (the sentence model uses their scores).
train: $(VENV)/.runtime
	$(PY) -m briefing.bench train-lexicon --data $(EVAL_DATA) --limit 3000
	$(PY) -m briefing.bench train-keywords --data $(EVAL_DATA) --limit 3000
	$(PY) -m briefing.bench train-summary --data $(EVAL_DATA) --limit 6000

clean:
	rm -rf site .briefing .pytest_cache
