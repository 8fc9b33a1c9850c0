#!/usr/bin/env bash
# Measures bulk import and log against git itself, on corpora made by
# testdata/bench/importcorpus (memos of ~3 KB, 3 releases each, in 17 collection folders):
#
#   (a) blackline import of 3,000 versions, against git fast-import of the same 3,000
#       commits and tags, and against a loop of git add + git commit + git tag (a sample of
#       LOOP versions, extrapolated to all of them);
#   (b) blackline log ID of one memo, against git log --format='%H %s' main -- ID/ on the
#       same archive (median of RUNS runs each);
#   (c) import and log at 3,000 and 30,000 versions, per version;
#   (d) the largest resident set of each import.
#
#   testdata/bench/import.sh                 # from the repository root
#   SIZES="1000" RUNS=9 testdata/bench/import.sh
#
# It prints the load average before and after: the machine should be otherwise idle.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-"1000 10000"}   # memos; × 3 versions
runs=${RUNS:-7}
loop=${LOOP:-150}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "import.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
# Keep Go's module and build caches where they are while HOME points at the scratch folder.
export GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE) GOPATH=$(go env GOPATH)
export HOME=$work XDG_CONFIG_HOME=$work GIT_CONFIG_NOSYSTEM=1

go build -o "$work/blackline" ./cmd/blackline
bl=$work/blackline
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

# wall CMD...: runs CMD once; writes its wall ms, max RSS in MB and CPU ms (user + system)
# to $work/last.
wall() {
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f '%M %U %S' -o "$work/rss" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	t1=$(date +%s%N)
	read -r rss user sys < <(tail -1 "$work/rss")
	echo "$(( (t1 - t0) / 1000000 )) $(( rss / 1024 )) $(echo "($user + $sys) * 1000 / 1" | bc)" >"$work/last"
}

# median CMD...: runs CMD $runs times; prints the median wall time in ms (3 decimals).
median() {
	local ts=() t0 t1
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null
		t1=$(date +%s%N)
		ts+=($(( t1 - t0 )))
	done
	printf '%s\n' "${ts[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1e6 }'
}

for docs in $sizes; do
	n=$((docs * 3))
	c=$work/c$docs
	go run ./testdata/bench/importcorpus -docs "$docs" -versions 3 -out "$c" >/dev/null
	memo=coll3/memo-00003
	echo
	echo "== $n versions ($docs memos × 3 releases)"

	"$bl" init "$work/bl$docs.git" >/dev/null
	wall "$bl" --archive "$work/bl$docs.git" import "$c/tree"
	read -r bl_ms bl_rss bl_cpu <"$work/last"
	git --git-dir "$work/bl$docs.git" fsck --strict >/dev/null 2>&1 || { echo "git fsck fails after the import" >&2; exit 1; }
	[[ $(git --git-dir "$work/bl$docs.git" rev-list --count main) == "$n" ]] || { echo "import: wrong number of commits" >&2; exit 1; }

	git init -q --bare "$work/fi$docs.git"
	wall git --git-dir "$work/fi$docs.git" fast-import --quiet <"$c/fast-import.stream"
	read -r fi_ms fi_rss fi_cpu <"$work/last"
	printf 'import    blackline %6d ms wall, %6d ms CPU (%4.0f µs/version wall, max RSS %d MB)   git fast-import %5d ms wall, %5d ms CPU (max RSS %d MB)   ratio %.2f\n' \
		"$bl_ms" "$bl_cpu" "$(echo "$bl_ms * 1000 / $n" | bc -l)" "$bl_rss" "$fi_ms" "$fi_cpu" "$fi_rss" "$(echo "$bl_ms / $fi_ms" | bc -l)"

	if [[ $docs == "${sizes%% *}" ]]; then
		# A loop of git add + commit + tag over the first $loop versions, in the stream's
		# order, extrapolated to all of them.
		w=$work/loop$docs
		git init -q -b main "$w"
		t0=$(date +%s%N)
		i=0
		for label in foia-1998 mdr-2008 ocr-2016; do
			for f in "$c"/tree/*/*/"$label.txt"; do
				((i < loop)) || break 2
				id=${f#"$c/tree/"}; id=${id%/*}
				mkdir -p "$w/$id"; cp "$f" "$w/$id/text.txt"
				git -C "$w" add "$id/text.txt"
				git -C "$w" commit -q -m "$id: $label (release)" -m "Document: $id
Version-Label: $label
Version-Kind: release"
				git -C "$w" tag "$id@$label"
				i=$((i + 1))
			done
		done
		t1=$(date +%s%N)
		loop_ms=$(( (t1 - t0) / 1000000 ))
		est=$(echo "$loop_ms * $n / $loop" | bc)
		printf 'loop      git add+commit+tag: %d versions in %d ms, %d ms for %d extrapolated   blackline %.1f× faster\n' \
			"$loop" "$loop_ms" "$est" "$n" "$(echo "$est / $bl_ms" | bc -l)"
	fi

	blog=$(median "$bl" --archive "$work/bl$docs.git" log "$memo")
	glog=$(median git --git-dir "$work/bl$docs.git" log --format='%H %s' main -- "$memo/")
	printf 'log       blackline log %s %s ms   git log -- %s/ %s ms (median of %d)\n' "$memo" "$blog" "$memo" "$glog" "$runs"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
