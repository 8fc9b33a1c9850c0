package repo

import (
	"strings"
)

// CompareLabels orders labels naturally: runs of digits compare as numbers, so v2 comes
// before v10 and foia-998 before foia-1998; other runs compare byte by byte, and labels
// equal that way (v01, v1) by plain byte order. It returns -1, 0 or +1. O(len(a)+len(b)).
func CompareLabels(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			x, y := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na := strings.TrimLeft(a[x:i], "0")
			nb := strings.TrimLeft(b[y:j], "0")
			if len(na) != len(nb) {
				return compareInts(len(na), len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if a[i] != b[j] {
			return compareInts(int(a[i]), int(b[j]))
		}
		i++
		j++
	}
	if c := compareInts(len(a)-i, len(b)-j); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func compareInts(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareVersionOrder orders a document's versions for import: those with a release date
// first, by date, then those without; within the same date, by label (CompareLabels).
func compareVersionOrder(a, b Meta) int {
	switch {
	case a.Date != "" && b.Date == "":
		return -1
	case a.Date == "" && b.Date != "":
		return 1
	}
	if c := strings.Compare(a.Date, b.Date); c != 0 {
		return c
	}
	return CompareLabels(a.Label, b.Label)
}
