# speclens: `make demo` and `make test` install what is missing, build, and run.
# Precondition: a Swift 6 toolchain on PATH. Native libraries come from Debian's packages.

SWIFT ?= swift
BUILD_PACKAGES := pkg-config libopenblas-dev liblapacke-dev libcmark-dev
TEST_PACKAGES := libxml2-utils tidy chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUTPUT ?= Site

.PHONY: all deps test-deps build demo test check-site clean

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
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test
	$(MAKE) check-site

# The demo site and a single-file report, and a 12-run experiment made from the demo's dataset
# (labels, tags, metrics, a stack) read at ε = 0.70, 0.50 and 0.90, checked: no file over 2 MiB,
# every SVG with xmllint, every page with tidy, and the overview, a matrix page, a side-by-side
# page, the gallery and the single files opened in headless Chromium.
CHECK_SITE := .build/check-site
check-site: test-deps
	$(SWIFT) build --product speclens
	rm -rf $(CHECK_SITE) $(CHECK_SITE)-single.html $(CHECK_SITE)-12 $(CHECK_SITE)-12.json $(CHECK_SITE)-12-single.html
	OPENBLAS_NUM_THREADS=1 .build/debug/speclens demo -o $(CHECK_SITE) --single-file $(CHECK_SITE)-single.html
	Tests/browser/check_site.sh $(CHECK_SITE) $(CHECK_SITE)-single.html
	/usr/bin/python3 Tests/browser/twelve_runs.py $(CHECK_SITE)/dataset.json $(CHECK_SITE)-12.json
	.build/debug/speclens render $(CHECK_SITE)-12.json -o $(CHECK_SITE)-12 --epsilon 0.7,0.5,0.9 \
		--single-file $(CHECK_SITE)-12-single.html
	Tests/browser/check_site.sh $(CHECK_SITE)-12 $(CHECK_SITE)-12-single.html

clean:
	rm -rf .build
