package diff_test

import (
	"fmt"
	"strings"

	"github.com/blackline/blackline/diff"
)

// minister is a memo released three times: a paragraph withheld in 1998 and shown in 2008,
// a paragraph shown in 2008 and withheld again in 2020, and a name lifted in 2008.
var minister = []diff.VersionText{
	{Label: "r1998", Kind: diff.KindRelease, Text: []byte("SECRET\n\n(S) (b)(1)\n\n(S) The naval exercise will take place in June.\n\nPrepared by (b)(6).\n")},
	{Label: "r2008", Kind: diff.KindRelease, Text: []byte("SECRET\n\n(S) The Minister proposed a joint early warning center.\n\n(S) The naval exercise will take place in June.\n\nPrepared by Anna Kowalski.\n")},
	{Label: "r2020", Kind: diff.KindRelease, Text: []byte("SECRET\n\n(S) The Minister proposed a joint early warning center.\n\n(S) [REDACTED]\n\nPrepared by Anna Kowalski.\n")},
}

func ExampleDiffer_Ledger() {
	d, err := diff.New(diff.Options{})
	if err != nil {
		panic(err)
	}
	l, err := d.Ledger("nsc/minister", minister)
	if err != nil {
		panic(err)
	}
	for _, r := range l.Redactions {
		fmt.Println(r.Status)
		for _, h := range r.History {
			fmt.Printf("  %s %-8s %q %q\n", h.Version, h.State, h.Marker, h.Text)
		}
	}
	// Output:
	// lifted
	//   r1998 withheld "(b)(1)" ""
	//   r2008 released "" "The Minister proposed a joint early warning center."
	//   r2020 released "" "The Minister proposed a joint early warning center."
	// re-redacted
	//   r1998 released "" "The naval exercise will take place in June."
	//   r2008 released "" "The naval exercise will take place in June."
	//   r2020 withheld "[REDACTED]" ""
	// lifted
	//   r1998 withheld "(b)(6)" ""
	//   r2008 released "" "Anna Kowalski."
	//   r2020 released "" "Anna Kowalski."
}

func ExampleDiffer_Blame() {
	d, _ := diff.New(diff.Options{})
	b, err := d.Blame("nsc/minister", minister, "r2020")
	if err != nil {
		panic(err)
	}
	for _, l := range b.Lines {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%-5s %d %s", l.Since, l.Line, l.Text)))
	}
	// Output:
	// r1998 1 SECRET
	// 2
	// r2008 3 (S) The Minister proposed a joint early warning center.
	// 4
	// r2020 5 (S) [REDACTED]
	// 6
	// r2008 7 Prepared by Anna Kowalski.
}

func ExampleDiffer_Reveal() {
	d, _ := diff.New(diff.Options{})
	r, err := d.Reveal("nsc/minister", minister, []string{"r1998", "r2020"})
	if err != nil {
		panic(err)
	}
	fmt.Print(r.Text())
	for _, s := range r.Spans {
		if s.Version != r.Base {
			fmt.Printf("from %s: %q\n", s.Version, s.Text)
		}
	}
	// Output:
	// SECRET
	//
	// (S) The Minister proposed a joint early warning center.
	//
	// (S) The naval exercise will take place in June.
	//
	// Prepared by Anna Kowalski.
	// from r1998: "The naval exercise will take place in June."
}
