GO ?= go

.PHONY: test build vet fuzz

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

# The whole suite: unit, end-to-end (real binary, real log on temp dirs) and
# every fuzz target's seed corpus.
test: vet
	$(GO) test -count=1 -timeout 10m ./...

# A short run of every fuzz target (make test runs their seed corpora).
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep ^Fuzz); do \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; done
