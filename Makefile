# newsmill: `make run` annotates the bundled articles, `make test` runs every check.
GO ?= go
OUT ?= out
EVAL ?= ../shared/eval
SEED := testdata/000_be515a28a143e7f9.txt
FUZZTIME ?= 3s

.PHONY: run test check unit fuzz bench eval-extract eval-sentences build

## run: annotate the bundled articles into $(OUT)/ and print their quotes
run:
	$(GO) run ./cmd/newsmill annotate -o $(OUT) $(SEED) testdata/articles
	$(GO) run ./cmd/newsmill quotes -n 12 $(OUT)

## test: formatting, vet, module tidiness, race-enabled tests, short fuzz runs
test: check unit fuzz

check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo 'gofmt: files above need formatting'; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff

unit:
	$(GO) test -race -shuffle=on -count=1 ./...

## fuzz: run every fuzz target for $(FUZZTIME)
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) $$pkg > /tmp/newsmill-fuzz.log 2>&1 || { cat /tmp/newsmill-fuzz.log; exit 1; }; \
	  done; \
	done

## bench: every benchmark with allocation counts
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

build:
	$(GO) build -o bin/newsmill ./cmd/newsmill

## eval-extract: body-text F1, precision, recall and ms per page on $(EVAL)/extraction
eval-extract:
	$(GO) run ./internal/eval/extract $(EVAL)/extraction

## eval-sentences: Golden Rules passed on $(EVAL)/sentences
eval-sentences:
	NEWSMILL_EVAL_SENTENCES=$(abspath $(EVAL))/sentences/golden_rules_48.jsonl $(GO) test -count=1 -run GoldenRules -v ./stages/sentences | grep -v '^=== '
