#!/usr/bin/env bash
# Compares `blackline diff --format json` with `git diff --no-index --word-diff=porcelain`
# on memo-like pairs of 200,000 and 1,000,000 words (about 3% of the words changed:
# redactions added, OCR-style slips, insertions and deletions; the new side re-wrapped to
# other line lengths), made by testdata/bench/memopair. Prints the median wall time of
# RUNS runs of each, alternating between the tools so that a change in the machine's load
# falls on both alike, and the resident set of one more run (/usr/bin/time -v).
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

# once TIMES CMD...: runs CMD once (output discarded; exit 1 = differences is fine) and
# appends its wall time in microseconds to the array named TIMES.
once() {
	local -n times_=$1
	shift
	local t0 t1
	t0=${EPOCHREALTIME/./}
	"$@" >/dev/null 2>&1 || [[ $? -eq 1 ]]
	t1=${EPOCHREALTIME/./}
	times_+=($((t1 - t0)))
}

# rss CMD...: the resident set of one run of CMD in kB (/usr/bin/time -v).
rss() {
	/usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || [[ $? -eq 1 ]]
	awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt"
}

# report TIMES RSS: the median wall seconds of TIMES and RSS (kB) in MB.
report() {
	local -n times_=$1
	local median
	median=$(printf '%s\n' "${times_[@]}" | sort -n | awk -v n="${#times_[@]}" 'NR == int((n + 1) / 2)')
	printf '%8.3f s %8.1f MB' "$(echo "$median / 1000000" | bc -l)" "$(echo "$2 / 1024" | bc -l)"
}

printf '%-10s %-9s %-24s %-24s\n' words changes "blackline (median, RSS)" "git --word-diff (median, RSS)"
for n in $sizes; do
	dir="$work/pair-$n"
	go run ./testdata/bench/memopair -words "$n" -out "$dir"
	changes=$("$work/blackline" diff --format json "$dir/old.txt" "$dir/new.txt" | grep -c '"kind"' || true)
	bl=(diff --format json "$dir/old.txt" "$dir/new.txt")
	gd=(diff --no-index --word-diff=porcelain "$dir/old.txt" "$dir/new.txt")
	blTimes=() gdTimes=()
	blRSS=$(rss "$work/blackline" "${bl[@]}")
	gdRSS=$(rss git "${gd[@]}")
	# The runs alternate, so that a change in the machine's load falls on both tools alike.
	for ((i = 0; i < runs; i++)); do
		if ((i % 2 == 0)); then
			once blTimes "$work/blackline" "${bl[@]}"
			once gdTimes git "${gd[@]}"
		else
			once gdTimes git "${gd[@]}"
			once blTimes "$work/blackline" "${bl[@]}"
		fi
	done
	printf '%-10s %-9s %-24s %-24s\n' "$n" "$changes" "$(report blTimes "$blRSS")" "$(report gdTimes "$gdRSS")"
done
