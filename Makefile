# actviz: `make serve` to build and serve the release site (dist/), `make serve-dev` for the
# unbundled sources (www/), `make test` for everything CI runs.
# Both install what is missing first (.ci/setup, idempotent).

PORT ?= 8080
export PATH := $(HOME)/.cargo/bin:$(PATH)
NODE_BIN := node_modules/.bin
WASM_OPT_FLAGS := -O3 --enable-simd --enable-reference-types --enable-bulk-memory --enable-mutable-globals \
	--enable-sign-ext --enable-nontrapping-float-to-int --enable-multivalue

.PHONY: all setup wasm build serve serve-dev test lint lint-js test-native test-wasm test-page pkg clean bench

all: build

setup:
	@./.ci/setup

# Release wasm + JS glue into www/pkg (what the unbundled dev site loads), optimised with npm's
# wasm-opt (never Debian's 108). The cdylib is compiled alone: with crate-type ["cdylib", "rlib"]
# Cargo runs no link-time optimisation, and LTO takes ~15 KiB off the gzipped page (see Cargo.toml).
# wasm-bindgen is the CLI .ci/setup pins to Cargo.lock's version; `wasm-pack test` still builds the usual way.
WASM := $(or $(CARGO_TARGET_DIR),target)/wasm32-unknown-unknown/release/actviz.wasm
wasm: setup
	cargo rustc --lib --release --target wasm32-unknown-unknown --crate-type cdylib
	wasm-bindgen --target web --out-dir www/pkg --out-name actviz $(WASM)
	$(NODE_BIN)/wasm-opt www/pkg/actviz_bg.wasm $(WASM_OPT_FLAGS) -o www/pkg/actviz_bg.wasm
	@printf 'wasm: %s bytes, %s gzipped\n' "$$(wc -c < www/pkg/actviz_bg.wasm)" "$$(gzip -9c www/pkg/actviz_bg.wasm | wc -c)"

# The release site in dist/: the wasm above, each page's JS and CSS bundled and minified by esbuild
# (the entry points are the one table in tools/build.mjs), the HTML checked and copied.
build: wasm
	node tools/build.mjs

serve: build
	@echo "actviz at http://127.0.0.1:$(PORT)/ (the release build in dist/)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

# The sources as they are, one request per module: edit www/ and reload (wasm changes need `make wasm`).
serve-dev: wasm
	@echo "actviz (unbundled) at http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

# Rust formatting and clippy (native and wasm32), then the JS type check of lint-js, which reads
# the generated www/pkg/actviz.d.ts: hence the wasm build first.
lint: wasm
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	$(NODE_BIN)/tsc --noEmit -p tsconfig.json

# Type-checks every JS module of www/ and tools/ from its JSDoc (tsconfig.json), against the
# generated www/pkg/actviz.d.ts, so it needs the wasm build.
lint-js: wasm
	$(NODE_BIN)/tsc --noEmit -p tsconfig.json

test-native: setup
	cargo test

# The long-training test needs more than wasm-bindgen-test's default 20 s on a busy machine.
test-wasm: export WASM_BINDGEN_TEST_TIMEOUT = 180
test-wasm: setup
	wasm-pack --log-level warn test --headless --chrome --mode no-install
	wasm-pack --log-level warn test --headless --firefox --mode no-install

# npm-ready package in target/npm-pkg/: the release wasm and its glue (wasm-bindgen --target web)
# + the web component bundled into one file.
pkg: build
	node tools/assemble-pkg.mjs

# Page tests run against the release site in dist/: optimiser and bundling bugs only show there.
test-page: build
	node --test tests/page/ tests/pkg/ tests/api/

test: lint test-native test-wasm test-page

clean:
	cargo clean
	rm -rf www/pkg dist

# Benchmarks, not part of `test` (see bench/run.mjs): native training steps, then the release site (dist/)
# against a hand-written Canvas2D chart, uPlot, Chart.js and TensorFlow.js in headless Chromium.
# Writes bench/results.json and bench/results.md (history and the README's Performance table). The
# contenders (TF.js alone is ~100 MB) have their own bench/package.json, so `make test` never installs them.
bench: build
	@[ bench/node_modules/.package-lock.json -nt bench/package-lock.json ] || npm ci --prefix bench --no-audit --no-fund
	cargo bench --bench mlp -- --json bench/native.json
	node bench/run.mjs
