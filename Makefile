GO ?= go

.PHONY: test build vet fuzz setup

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

# What the suites need beyond Go (Chromium and fonts, GDAL, PostgreSQL,
# MariaDB, pinned tools in .tools/): installs only what is missing, and says
# what it cannot install so that those suites skip.
setup:
	bash scripts/ci-setup.sh

# The whole suite: unit, end-to-end (real binary, real log on temp dirs) and
# every fuzz target's seed corpus.
test: setup vet
	$(GO) test -count=1 -timeout 10m ./...

# A short run of every fuzz target (make test runs their seed corpora).
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep ^Fuzz); do \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; done
