# Two entry points for a fresh machine: `make run` (the app) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
CHECKOV_VENV := .venv-checkov
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: bench-brief run test lint js vendor-js unit e2e bench bench-latency bench-load bench-server chromium postgres haproxy \
	checkov cluster cluster-stop bench-cluster image-tools image clean

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	# the project itself, editable, on the pins above: puts `hamkorlik` on the venv's PATH, usable from any directory
	$(PY) -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The server process keeps up to 64 MB of freed heap for the next Monte Carlo pass instead of handing it back
# to the kernel (glibc's M_TOP_PAD, read from the environment at process start): 10,000 draws about 90 -> 50 ms
# CPU, page faults ~7,000 -> 0 a pass on the 2-core VM, about 90x -> 55x one projection (the goal is <= 100x).
# Set where the server starts (here, deploy/Dockerfile) and for the benchmark that times it; never in the model.
SERVER_ENV := MALLOC_TOP_PAD_=67108864

run: $(VENV)/.runtime
	$(SERVER_ENV) $(PY) -m streamlit run app.py --server.port $(PORT)

# Debian's Chromium for the browser tests; Playwright's own download does not work here.
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium) \
	  || { echo "ERROR: could not install Debian's chromium; the browser tests need /usr/bin/chromium" >&2; exit 1; }

# Debian's PostgreSQL for the library tests; tests/conftest.py starts a throwaway server of it on a free port.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	  || (apt-get update -qq && apt-get install -y -qq postgresql && ls /usr/lib/postgresql/*/bin/initdb >/dev/null) \
	  || { echo "ERROR: could not install Debian's postgresql; the library tests need /usr/lib/postgresql/*/bin/initdb" >&2; exit 1; }

# Checkov, the manifests' security scan, in a venv of its own: it cannot share requirements-dev.txt's pins.
$(CHECKOV_VENV)/.installed: requirements-checkov.txt
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet -r requirements-checkov.txt
	touch $@

checkov: $(CHECKOV_VENV)/.installed

# Debian's HAProxy for the local cluster (deploy/local/cluster.py) and its fault tests.
haproxy:
	@test -x /usr/sbin/haproxy || (apt-get update -qq && apt-get install -y -qq haproxy && test -x /usr/sbin/haproxy) \
	  || { echo "ERROR: could not install Debian's haproxy; the cluster tests need /usr/sbin/haproxy" >&2; exit 1; }

# The image of deploy/Dockerfile, built here without a registry: a Debian base, then buildah (deploy/local/image.sh).
image-tools:
	@command -v buildah >/dev/null && command -v podman >/dev/null && command -v debootstrap >/dev/null \
	  || (apt-get update -qq && apt-get install -y -qq podman buildah debootstrap) \
	  || { echo "ERROR: could not install Debian's podman, buildah and debootstrap" >&2; exit 1; }

image: image-tools
	sh deploy/local/image.sh

# Three replicas behind HAProxy with one PostgreSQL library, as deploy/k8s ships it (deploy/local/cluster.py).
cluster: $(VENV)/.dev haproxy postgres
	$(PY) deploy/local/cluster.py start

cluster-stop:
	$(PY) deploy/local/cluster.py stop

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: $(VENV)/.dev chromium postgres haproxy checkov lint js
	$(PY) -m pytest

# The browser code: dev tools from package-lock.json (npm registry), then ESLint and node's own test runner.
FRONTEND := presentation/frontend
js:
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent lint && npm test

# Re-vendor the chart libraries shipped to the browser (vega, vega-lite, vega-embed) from package-lock.json:
# copies their minified builds and licences into presentation/frontend/vendor and records versions and sha256 there.
vendor-js:
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error && node scripts/vendor.js

bench: $(VENV)/.dev
	$(SERVER_ENV) $(PY) benchmarks/bench_model.py

bench-latency: $(VENV)/.dev chromium
	$(PY) benchmarks/live_latency.py

bench-load: $(VENV)/.dev chromium
	$(PY) benchmarks/load.py

bench-server: $(VENV)/.dev
	$(PY) benchmarks/server_load.py

# The same load through the local cluster's HAProxy (three replicas, PostgreSQL): 1, 10, 20 and 50 sessions.
bench-cluster: $(VENV)/.dev haproxy postgres
	$(PY) benchmarks/server_load.py --cluster --levels 1,10,20,50

bench-brief: $(VENV)/.dev chromium
	$(PY) benchmarks/brief.py

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules
