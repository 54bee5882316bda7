# Two commands do everything on a fresh Debian machine with Swift:
#   make run   installs libedit-dev if missing, builds release, starts the REPL
#   make test  installs libedit-dev if missing, runs every test
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps bench bench-compare

deps:
	@pkg-config --exists libedit || { \
	  echo "installing libedit-dev (line editing for the REPL)"; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libedit-dev pkg-config; }

build: deps
	swift build -c release

run: build
	./.build/release/nnlab

test: deps
	swift test

# Timings (README, "Performance"): the post's examples in-process, median and range
bench: deps
	swift run -c release nnlab-bench

# Whole processes against NumPy (and Keras when installed), the floor's rate, and the scaling
# table against NumPy and PyTorch (TORCH_PYTHON=... for a Python with torch); needs hyperfine
bench-compare: deps
	@command -v hyperfine >/dev/null || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq hyperfine
	Benchmarks/compare.sh
