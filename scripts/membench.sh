#!/usr/bin/env bash
# membench: peak memory and throughput of `newsmill annotate` on a generated
# corpus. It generates N articles (default 200,000) of about WORDS words as
# zstd-compressed JSON Lines, then annotates them with 1 and 2 workers, and
# a tenth of them with 2 workers to show that peak RSS does not grow with the
# number of documents. It prints one line per run: documents, workers, wall
# time, documents per second and peak RSS (from /usr/bin/time -v).
#
#   scripts/membench.sh                       # 200,000 documents, every stage
#   N=20000 STAGES=extract,sentences,quotes scripts/membench.sh
#
# Needs Go, GNU time (/usr/bin/time) and about 1 GB of free disk in $TMPDIR.
set -euo pipefail

N=${N:-200000}
WORDS=${WORDS:-300}
STAGES=${STAGES:-extract,sentences,entities,quotes}
DIR=${TMPDIR:-/tmp}/newsmill-membench
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
	echo "membench: /usr/bin/time (GNU time) is needed: apt-get install time" >&2
	exit 1
fi
mkdir -p "$DIR"
go build -o "$DIR/newsmill" ./cmd/newsmill
go run ./internal/gen/gencorpus -n "$N" -words "$WORDS" -o "$DIR/corpus.jsonl.zst"
SMALL=$((N / 10))
go run ./internal/gen/gencorpus -n "$SMALL" -words "$WORDS" -o "$DIR/small.jsonl.zst"

# run DOCS WORKERS INPUT: annotate INPUT and print one result line.
run() {
	local docs=$1 workers=$2 input=$3
	rm -rf "$DIR/out"
	/usr/bin/time -v -o "$DIR/time.txt" "$DIR/newsmill" annotate -o "$DIR/out" --workers "$workers" \
		--stages "$STAGES" --progress-every 60s "$input" 2>"$DIR/log.txt" || { cat "$DIR/log.txt" >&2; exit 1; }
	local rss wall secs
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/time.txt")
	secs=$(echo "$wall" | awk -F: '{s=0; for (i=1; i<=NF; i++) s = s*60 + $i; print s}')
	printf '%8d documents  %d worker(s)  %8.1f s  %8.0f docs/s  peak RSS %6.0f MiB\n' \
		"$docs" "$workers" "$secs" "$(echo "$docs $secs" | awk '{print $1/$2}')" "$(echo "$rss" | awk '{print $1/1024}')"
	grep -E '^newsmill: [0-9]+ inputs' "$DIR/log.txt" | sed 's/^/    /'
}

echo "stages: $STAGES; about $WORDS words per document; $(nproc) CPUs"
run "$SMALL" 2 "$DIR/small.jsonl.zst"
run "$N" 2 "$DIR/corpus.jsonl.zst"
run "$N" 1 "$DIR/corpus.jsonl.zst"
