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
# wasm-opt (never Debian's 108): two modules from the one crate.
# - pkg/actviz.js + actviz_bg.wasm, the explorer's (no `lab` feature): the activation API and
#   charts, for the explorer, authors and embed pages and <activation-plot>; its wasm + glue must
#   stay within 150 KiB gzipped (tests/pkg/size.test.mjs).
# - pkg/actviz_lab.js + actviz_lab_bg.wasm, the full one (default features): all of the above plus
#   the lab, experiments, sweep and claims, for lab.html, claims.html, network.html and their workers.
# Each cdylib is compiled alone: with crate-type ["cdylib", "rlib"] Cargo runs no link-time
# optimisation, and LTO takes ~15 KiB off the gzipped page (see Cargo.toml). The explorer's build
# has a target directory of its own (target/explorer): the two feature sets write the same
# actviz.wasm, so sharing one would recompile both on every `make wasm`; apart, each is cached
# (the dependencies are compiled once per directory, ~1 min the first time). Measured on 2 busy
# cores: nothing changed, ~1 s; a change in src/, ~2 min (explorer ~25 s, full ~60 s, each plus
# wasm-bindgen and wasm-opt), against ~1.5 min for the one module before.
# wasm-bindgen is the CLI .ci/setup pins to Cargo.lock's version; `wasm-pack test` still builds the usual way.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
WASM := $(TARGET_DIR)/wasm32-unknown-unknown/release/actviz.wasm
EXPLORER_TARGET_DIR := $(TARGET_DIR)/explorer
EXPLORER_WASM := $(EXPLORER_TARGET_DIR)/wasm32-unknown-unknown/release/actviz.wasm
CDYLIB := cargo rustc --lib --release --target wasm32-unknown-unknown --crate-type cdylib
# $(call bindgen,<compiled wasm>,<out name>): glue + optimised wasm as www/pkg/<out name>{.js,_bg.wasm},
# redone only when cargo wrote a newer wasm (a fresh build leaves it untouched): wasm-opt takes
# ~30 s a module here, and `make build`, `lint` and `lint-js` all start with this target. A failed
# step removes the wasm, so the next run does it again rather than keep a half-made one.
define bindgen
	@if [ $(1) -nt www/pkg/$(2)_bg.wasm ] || [ ! -f www/pkg/$(2).js ]; then \
		set -x; \
		wasm-bindgen --target web --out-dir www/pkg --out-name $(2) $(1) && \
		$(NODE_BIN)/wasm-opt www/pkg/$(2)_bg.wasm $(WASM_OPT_FLAGS) -o www/pkg/$(2)_bg.wasm || \
		{ rm -f www/pkg/$(2)_bg.wasm; exit 1; }; \
	else echo "www/pkg/$(2)_bg.wasm is up to date"; fi
endef
# $(call size,<out name>): the wasm's and the glue's bytes, raw and gzipped.
define size
	@printf '%s: wasm %s bytes, %s gzipped; glue %s bytes, %s gzipped\n' $(1) \
		"$$(wc -c < www/pkg/$(1)_bg.wasm)" "$$(gzip -9c www/pkg/$(1)_bg.wasm | wc -c)" \
		"$$(wc -c < www/pkg/$(1).js)" "$$(gzip -9c www/pkg/$(1).js | wc -c)"
endef
wasm: setup
	$(CDYLIB) --no-default-features --features console_error_panic_hook --target-dir $(EXPLORER_TARGET_DIR)
	$(call bindgen,$(EXPLORER_WASM),actviz)
	$(CDYLIB)
	$(call bindgen,$(WASM),actviz_lab)
	$(call size,actviz)
	$(call size,actviz_lab)

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
# the generated www/pkg/actviz.d.ts and actviz_lab.d.ts: hence the wasm build first.
lint: wasm
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	$(NODE_BIN)/tsc --noEmit -p tsconfig.json

# Type-checks every JS module of www/ and tools/ from its JSDoc (tsconfig.json), against the
# generated www/pkg/actviz.d.ts and actviz_lab.d.ts, so it needs the wasm build.
lint-js: wasm
	$(NODE_BIN)/tsc --noEmit -p tsconfig.json

test-native: setup
	cargo test

# The long-training test needs more than wasm-bindgen-test's default 20 s on a busy machine.
test-wasm: export WASM_BINDGEN_TEST_TIMEOUT = 180
test-wasm: setup
	wasm-pack --log-level warn test --headless --chrome --mode no-install
	wasm-pack --log-level warn test --headless --firefox --mode no-install

# npm-ready package in target/npm-pkg/: both release wasm modules and their glue (wasm-bindgen
# --target web; "actviz" is the explorer's, "actviz/lab" the full one) + the web component bundled
# into one file.
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
