#!/usr/bin/env bash
# Compares `blackline diff --format json` with `git diff --no-index --word-diff=porcelain`
# on memo-like pairs of 200,000 and 1,000,000 words (about 3% of the words changed:
# redactions added, OCR-style slips, insertions and deletions; the new side re-wrapped to
# other line lengths), made by testdata/bench/memopair. Prints the median wall time of
# RUNS runs and the largest resident set of any run (/usr/bin/time -v), for both tools.
#
#   testdata/bench/diff.sh            # from the repository root
#   RUNS=9 SIZES="200000" testdata/bench/diff.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
sizes=${SIZES:-"200000 1000000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/blackline" ./cmd/blackline
command -v /usr/bin/time >/dev/null || { echo "diff.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }

# measure NAME CMD...: runs CMD $runs times (output discarded; exit 1 = differences is
# fine); prints the median wall seconds and the maximum RSS in MB.
measure() {
	local times=() rss=0 t0 t1 r
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		/usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || [[ $? -eq 1 ]]
		t1=$(date +%s%N)
		times+=($(( (t1 - t0) / 1000 )))
		r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
		(( r > rss )) && rss=$r
	done
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2)')
	printf '%8.3f s %8.1f MB' "$(echo "$median / 1000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

printf '%-10s %-9s %-24s %-24s\n' words changes "blackline (median, RSS)" "git --word-diff (median, RSS)"
for n in $sizes; do
	dir="$work/pair-$n"
	go run ./testdata/bench/memopair -words "$n" -out "$dir"
	changes=$("$work/blackline" diff --format json "$dir/old.txt" "$dir/new.txt" | grep -c '"kind"' || true)
	bl=$(measure "$work/blackline" diff --format json "$dir/old.txt" "$dir/new.txt")
	gd=$(measure git diff --no-index --word-diff=porcelain "$dir/old.txt" "$dir/new.txt")
	printf '%-10s %-9s %-24s %-24s\n' "$n" "$changes" "$bl" "$gd"
done
