# speclens: `make demo` and `make test` install what is missing, build, and run.
# Precondition: a Swift 6 toolchain on PATH. Native libraries come from Debian's packages.

SWIFT ?= swift
BUILD_PACKAGES := pkg-config libopenblas-dev liblapacke-dev libcmark-dev libssl-dev
TEST_PACKAGES := libxml2-utils tidy chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUTPUT ?= Site

.PHONY: all deps test-deps build demo test check-code check-site clean bench bench-large

all: build

# Installs the Debian packages that are missing (apt-get update first, sudo when not root).
define apt_install
	@command -v $(SWIFT) >/dev/null || { echo "error: a Swift 6 toolchain must be on PATH (https://swift.org/install)"; exit 1; }
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

test-deps:
	$(call apt_install,$(BUILD_PACKAGES) $(TEST_PACKAGES))

build: deps
	$(SWIFT) build -c release --product speclens

# The embedded synthetic model pair, analysed and rendered to Site/.
demo: build
	.build/release/speclens demo -o $(OUTPUT)

# The whole test suite, OpenBLAS single-threaded (results are then reproducible bit for bit),
# then the generated site checked as a reader would see it.
test: test-deps
	$(MAKE) check-code
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test
	$(MAKE) check-site

# The code as written: formatted by the toolchain's swift-format with the checked-in .swift-format
# (`swift format -i -r Sources Tests Fuzz Plugins` fixes it), and no function over 80 lines.
check-code:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Fuzz Plugins Package.swift
	/usr/bin/python3 scripts/checks/long_functions.py Sources

# docs/cli.md against the built binary's help (docs/make-cli-doc.sh); the demo site and a
# single-file report, and a 12-run experiment made from the demo's dataset
# (labels, tags, metrics, a stack) read at ε = 0.70, 0.50 and 0.90, checked: no file over 2 MiB,
# every SVG with xmllint, every page with tidy, and the overview, a matrix page, a side-by-side
# page, the gallery and the single files opened in headless Chromium; then both as one site of two
# experiments (`speclens site`), checked the same way (its index and each experiment's overview too).
CHECK_SITE := .build/check-site
check-site: test-deps
	$(SWIFT) build --product speclens
	docs/make-cli-doc.sh .build/debug/speclens $(CHECK_SITE)-cli.md
	cmp -s docs/cli.md $(CHECK_SITE)-cli.md || { echo "docs/cli.md differs from the built help: run docs/make-cli-doc.sh"; exit 1; }
	rm -rf $(CHECK_SITE) $(CHECK_SITE)-single.html $(CHECK_SITE)-12 $(CHECK_SITE)-12.json $(CHECK_SITE)-12-single.html \
		$(CHECK_SITE)-experiments
	OPENBLAS_NUM_THREADS=1 .build/debug/speclens demo -o $(CHECK_SITE) --probe 2 --single-file $(CHECK_SITE)-single.html
	Tests/browser/check_site.sh $(CHECK_SITE) $(CHECK_SITE)-single.html
	/usr/bin/python3 Tests/browser/twelve_runs.py $(CHECK_SITE)/dataset.json $(CHECK_SITE)-12.json
	.build/debug/speclens render $(CHECK_SITE)-12.json -o $(CHECK_SITE)-12 --epsilon 0.7,0.5,0.9 \
		--single-file $(CHECK_SITE)-12-single.html
	Tests/browser/check_site.sh $(CHECK_SITE)-12 $(CHECK_SITE)-12-single.html
	.build/debug/speclens site $(CHECK_SITE)/dataset.json $(CHECK_SITE)-12.json -o $(CHECK_SITE)-experiments --epsilon 0.7,0.5
	Tests/browser/check_site.sh $(CHECK_SITE)-experiments

clean:
	rm -rf .build $(FUZZ_BUILD)

# Benchmarks (Benchmarks/README.md); not part of `make test`. speclens against the reference-style
# implementation on RoBERTa-base-shaped inputs (12 layers, a full fine-tune and LoRA r 1/4/16/64)
# made into .build/bench; BENCH_FLAGS passes options to Benchmarks/bench.py (e.g. --reps 5).
# `make bench-large`: one LLaMA-7B-shaped layer instead (takes many minutes).
BENCH_FLAGS ?=
bench: deps
	Benchmarks/bench.sh $(BENCH_FLAGS)

bench-large: deps
	Benchmarks/bench.sh --large $(BENCH_FLAGS)

# ---------------------------------------------------------------------------------------------
# Fuzzing (docs/fuzzing.md); not part of `make test`. `make fuzz` builds the six libFuzzer
# targets with AddressSanitizer and coverage into $(FUZZ_BUILD) and runs each for FUZZ_SECONDS
# from its committed corpus (Fuzz/Corpus/<target>, read only) plus its scratch corpus, where new
# inputs go. Findings land in $(FUZZ_WORK)/<target>/artifacts; the recipe fails if there are any.
# `make fuzz-merge` minimises the committed corpus together with the scratch corpus.
FUZZ_TARGETS := FuzzSafetensorsHeader FuzzShardedIndex FuzzAdapterConfig FuzzDatasetRender FuzzTorchPickle FuzzTorchZip
FUZZ_SECONDS ?= 150
FUZZ_BUILD := .build-fuzz
FUZZ_WORK := $(FUZZ_BUILD)/work
FUZZ_BIN := $(FUZZ_BUILD)/release
# libFuzzer without its main (the targets keep theirs, see Fuzz/CLibFuzzer), from the toolchain.
LIBFUZZER = $(firstword $(wildcard $(dir $(realpath $(shell command -v $(SWIFT))))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-$(shell uname -m).a))
FUZZ_SWIFT_FLAGS = -c release --scratch-path $(FUZZ_BUILD) \
	-Xswiftc -DFUZZING -Xswiftc -sanitize=address \
	-Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
	-Xlinker $(LIBFUZZER) -Xlinker -lstdc++
# One process each; a finding is a crash, a sanitizer report, an input slower than 10 s, more
# than 2 GiB resident or one allocation over 1 GiB. Leaks are not findings (Swift runtime caches).
FUZZ_RUN_FLAGS = -jobs=1 -workers=1 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1
FUZZ_ASAN := ASAN_OPTIONS=detect_leaks=0
# Largest input per target (bytes): a few tensors' worth of safetensors or torch.save output, a
# state dict's pickle, a dataset of a few matrices.
fuzz_max_len = case $$t in FuzzSafetensorsHeader|FuzzTorchPickle|FuzzTorchZip) echo 8192;; FuzzDatasetRender) echo 24576;; *) echo 4096;; esac

.PHONY: fuzz-build fuzz fuzz-merge

fuzz-build: deps
	@test -n "$(LIBFUZZER)" || { echo "error: libclang_rt.fuzzer_no_main not found in the Swift toolchain"; exit 1; }
	@for t in $(FUZZ_TARGETS); do \
		echo "building $$t"; \
		$(FUZZ_ASAN) $(SWIFT) build $(FUZZ_SWIFT_FLAGS) --product $$t || exit 1; \
	done

# Runs every target for FUZZ_SECONDS (one at a time), then lists the findings.
fuzz: fuzz-build
	@failed=""; for t in $(FUZZ_TARGETS); do \
		work=$(CURDIR)/$(FUZZ_WORK)/$$t; mkdir -p $$work/corpus $$work/artifacts; rm -f $$work/fuzz-0.log; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s (log: $(FUZZ_WORK)/$$t/fuzz-0.log)"; \
		( cd $$work && $(FUZZ_ASAN) $(CURDIR)/$(FUZZ_BIN)/$$t $$work/corpus $(CURDIR)/Fuzz/Corpus/$$t \
			-dict=$(CURDIR)/Fuzz/Dictionaries/$$t.dict \
			-max_len=$$($(fuzz_max_len)) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN_FLAGS) \
			-artifact_prefix=$$work/artifacts/ ) >/dev/null 2>&1; \
		grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*deadly signal|.*Test unit written)' \
			$$work/fuzz-0.log | sed "s|^|  $$t: |"; \
		if [ -n "$$(ls -A $$work/artifacts)" ] || ! grep -q DONE $$work/fuzz-0.log; then failed="$$failed $$t"; fi; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "findings (or a fuzzer that did not finish) in:$$failed"; \
		for t in $$failed; do ls $(FUZZ_WORK)/$$t/artifacts/*; tail -3 $(FUZZ_WORK)/$$t/fuzz-0.log; done; exit 1; \
	fi; echo "no findings"

# Minimises each committed corpus together with its scratch corpus back into Fuzz/Corpus/<target>.
fuzz-merge: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		work=$(CURDIR)/$(FUZZ_WORK)/$$t; mkdir -p $$work/corpus; rm -rf $$work/merged; mkdir -p $$work/merged; \
		$(FUZZ_ASAN) $(FUZZ_BIN)/$$t -merge=1 -max_len=$$($(fuzz_max_len)) $$work/merged Fuzz/Corpus/$$t $$work/corpus \
			>$$work/merge.log 2>&1 || { tail -5 $$work/merge.log; exit 1; }; \
		rm -rf Fuzz/Corpus/$$t && mv $$work/merged Fuzz/Corpus/$$t; \
		echo "$$t: $$(ls Fuzz/Corpus/$$t | wc -l) files, $$(du -sk Fuzz/Corpus/$$t | cut -f1) KiB"; \
	done
