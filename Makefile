# actviz: `make serve` to build and serve the page, `make test` for everything CI runs.
# Both install what is missing first (.ci/setup, idempotent).

PORT ?= 8080
export PATH := $(HOME)/.cargo/bin:$(PATH)
NODE_BIN := tests/node_modules/.bin
WASM_OPT_FLAGS := -O3 --enable-simd --enable-reference-types --enable-bulk-memory --enable-mutable-globals \
	--enable-sign-ext --enable-nontrapping-float-to-int --enable-multivalue

.PHONY: all setup build serve test lint test-native test-wasm test-page pkg clean bench

all: build

setup:
	@./.ci/setup

# Release wasm + JS glue into www/pkg, optimised with npm's wasm-opt (never Debian's 108). The cdylib
# is compiled alone: with crate-type ["cdylib", "rlib"] Cargo runs no link-time optimisation, and
# LTO takes ~15 KiB off the gzipped page (see Cargo.toml). wasm-bindgen is the CLI .ci/setup pins
# to Cargo.lock's version; `wasm-pack test` still builds the usual way.
WASM := $(or $(CARGO_TARGET_DIR),target)/wasm32-unknown-unknown/release/actviz.wasm
build: setup
	cargo rustc --lib --release --target wasm32-unknown-unknown --crate-type cdylib
	wasm-bindgen --target web --out-dir www/pkg --out-name actviz $(WASM)
	$(NODE_BIN)/wasm-opt www/pkg/actviz_bg.wasm $(WASM_OPT_FLAGS) -o www/pkg/actviz_bg.wasm
	@printf 'wasm: %s bytes, %s gzipped\n' "$$(wc -c < www/pkg/actviz_bg.wasm)" "$$(gzip -9c www/pkg/actviz_bg.wasm | wc -c)"

serve: build
	@echo "actviz at http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native: setup
	cargo test

# The long-training test needs more than wasm-bindgen-test's default 20 s on a busy machine.
test-wasm: export WASM_BINDGEN_TEST_TIMEOUT = 180
test-wasm: setup
	wasm-pack --log-level warn test --headless --chrome --mode no-install
	wasm-pack --log-level warn test --headless --firefox --mode no-install

# npm-ready package in target/npm-pkg/: the release wasm and its glue (wasm-bindgen --target web)
# + the web component.
pkg: build
	node tests/pkg/assemble.mjs

# Page tests run against the release build: optimiser bugs only show there.
test-page: build
	node --test tests/page/ tests/pkg/

test: lint test-native test-wasm test-page

clean:
	cargo clean
	rm -rf www/pkg

# Benchmarks, not part of `test` (see bench/run.mjs): native training steps, then the release page
# against a hand-written Canvas2D chart, uPlot, Chart.js and TensorFlow.js in headless Chromium.
# Writes bench/results.json and bench/results.md (the README's Performance table).
bench: build
	@[ bench/node_modules/.package-lock.json -nt bench/package-lock.json ] || npm ci --prefix bench --no-audit --no-fund
	cargo bench --bench mlp -- --json bench/native.json
	node bench/run.mjs
