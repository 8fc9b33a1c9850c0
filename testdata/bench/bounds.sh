#!/usr/bin/env bash
# Measures blackline diff on its worst case: two unrelated texts of about 5 MB each (memo-like
# texts made by testdata/bench/memopair from two seeds: the same vocabulary, no common
# passage), and on a 5 MB document against a revision of it (3% of the words changed).
# Prints the wall time, the CPU time (user + system) and the peak resident set of each run
# (/usr/bin/time -v). The bounds promised: under 10 s and 500 MB.
#
#   testdata/bench/bounds.sh          # from the repository root
#   WORDS=400000 testdata/bench/bounds.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
words=${WORDS:-940000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "bounds.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
go build -o "$work/blackline" ./cmd/blackline
go run ./testdata/bench/memopair -words "$words" -seed 1 -out "$work/a"
go run ./testdata/bench/memopair -words "$words" -seed 2 -out "$work/b"

# measure NAME OLD NEW: one run of blackline diff --format json, output discarded (exit 1,
# differences found, is success).
measure() {
	/usr/bin/time -v -o "$work/time.txt" "$work/blackline" diff --format json "$2" "$3" >"$work/out.json" || [[ $? -eq 1 ]]
	awk -v name="$1" -v old="$(wc -c <"$2")" -v new="$(wc -c <"$3")" -v json="$(wc -c <"$work/out.json")" -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = p[n] + (n > 1 ? 60 * p[n-1] : 0) }
		/User time/ { cpu += $2 }
		/System time/ { cpu += $2 }
		/Maximum resident set size/ { rss = $2 / 1024 }
		END { printf "%-22s %5.1f MB + %5.1f MB  wall %6.2f s  cpu %6.2f s  peak RSS %6.1f MB  JSON %6.1f MB\n", name, old / 1048576, new / 1048576, wall, cpu, rss, json / 1048576 }
	' "$work/time.txt"
}

measure "unrelated texts" "$work/a/old.txt" "$work/b/old.txt"
measure "a revision (3%)" "$work/a/old.txt" "$work/a/new.txt"
