package diff

import (
	"reflect"
	"sync"
	"testing"
)

// TestDiffConcurrent diffs release pairs from several goroutines with one Differ, as
// import's workers do, and checks each result against the same pair diffed alone by a
// fresh Differ: what a Differ remembers across calls (compiled patterns, the name
// finder's word descriptions) changes no result.
func TestDiffConcurrent(t *testing.T) {
	pairs := smallMemoPairs(t, 6)
	want := make([]*Result, len(pairs))
	defer func() { t.Logf("first pair: %s", want[0].Summary) }()
	for k, p := range pairs {
		d, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want[k], err = d.Diff(p[0], p[1]); err != nil {
			t.Fatal(err)
		}
	}
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2 * len(pairs) {
				k := (i + w) % len(pairs)
				got, err := d.Diff(pairs[k][0], pairs[k][1])
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want[k]) {
					t.Errorf("pair %d from goroutine %d: result differs from a fresh Differ's", k, w)
					return
				}
			}
		}()
	}
	wg.Wait()
}
