# implmatrix: `make matrix` runs the default matrix, `make test` the tests.
# Variables pass through to the CLI, e.g.
#   make matrix IMPLS="pypy3.11 cpython3.13" WORKLOADS=path/to/dir SELECT='n*' TIMEOUT=60
#   make matrix PRESET=fast      (or rigorous)
#   make matrix SET=all          (a set of implementations: default, timeline, future, all)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
IMPLS ?=
SET ?=
WORKLOADS ?=
SELECT ?=
TIMEOUT ?=
VALUES ?=
PRESET ?=
SHARD ?=
OUT ?= reports
PYTEST_ARGS ?=

SELECTION := $(foreach i,$(IMPLS),--impl $(i)) $(if $(SET),--set $(SET))
RUN_ARGS := $(SELECTION) $(foreach w,$(WORKLOADS),--workloads $(w)) \
	$(foreach s,$(SELECT),--select '$(s)') $(if $(TIMEOUT),--timeout $(TIMEOUT)) \
	$(if $(VALUES),--values $(VALUES)) $(if $(PRESET),--$(PRESET)) \
	$(if $(SHARD),--shard $(SHARD)) --out $(OUT)

.PHONY: help matrix images report test bench lint clean clean-images host-deps browser-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

matrix: host-deps $(BIN)/implmatrix ## build missing images, run the matrix, write reports/latest/
	$(BIN)/implmatrix run $(RUN_ARGS)

images: host-deps $(BIN)/implmatrix ## build the interpreter images that are missing or stale
	$(BIN)/implmatrix images $(SELECTION)

report: $(BIN)/implmatrix ## rebuild the report of the latest run from its raw results
	$(BIN)/implmatrix report --out $(OUT)

test: host-deps browser-deps $(BIN)/implmatrix ## unit tests, then integration tests with real containers
	$(BIN)/implmatrix images
	$(BIN)/pytest $(PYTEST_ARGS)

bench: host-deps $(BIN)/implmatrix ## machine drift, timing efficiency, repeatability, accuracy, load, claims by preset; script throughput
	$(BIN)/implmatrix images
	$(BIN)/python -m tests.bench_timing
	$(BIN)/python -m tests.bench_compat

lint: $(BIN)/implmatrix ## ruff over the host-side code and tests, mypy --strict over matrix/
	$(BIN)/ruff check matrix tests
	$(BIN)/mypy

clean: ## remove generated reports and leftover containers (images stay)
	find $(OUT) -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	-docker ps -aq --filter label=org.implmatrix.cell-runner | xargs -r docker rm -f

clean-images: ## remove the interpreter and base images
	# by name, bases last (sort -r): a base cannot go while an image built on it exists
	-docker images --format '{{.Repository}}:{{.Tag}}' 'implmatrix/*' | sort -r | xargs -r docker rmi -f

# The host-side tools in a virtualenv; redone when pyproject.toml changes.
$(BIN)/implmatrix: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# No registry here: base images are made with debootstrap (docker/README.md);
# a C compiler builds workloads/measure.c, the in-container timing wrapper.
HOST_PACKAGES = $(if $(shell command -v debootstrap),,debootstrap) \
	$(if $(shell command -v cc),,gcc libc6-dev)
host-deps:
	@command -v docker >/dev/null || { echo "make: docker is not installed" >&2; exit 1; }
	@if [ -n "$(strip $(HOST_PACKAGES))" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(strip $(HOST_PACKAGES))"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(HOST_PACKAGES) >/dev/null; \
	fi

# tests/integration/test_browser.py opens the report in Debian's headless chromium
# (driven by Playwright from the venv; Playwright's own browser downloads are not used).
browser-deps:
	@if ! command -v chromium >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing chromium"; \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
				|| echo "make: could not install chromium: the browser test will fail" >&2; \
		else \
			echo "make: chromium is not installed (apt-get install chromium, as root): the browser test will fail" >&2; \
		fi; \
	fi
