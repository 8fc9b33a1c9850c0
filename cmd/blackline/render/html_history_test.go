package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/blackline/blackline/diff"
)

// historyVersions are three releases of a memo holding markup: a name withheld, shown,
// then withheld again; a sentence withheld, then shown.
func historyVersions() []diff.VersionText {
	texts := []string{
		"The agent <script>alert(1)</script> met (b)(6) in Vienna. (b)(1)\nEnd.\n",
		"The agent <script>alert(1)</script> met Mr. John Doe in Vienna. (b)(1)\nEnd.\n",
		"The agent <script>alert(1)</script> met (b)(6) in Vienna. He spoke of <b>the plan</b>.\nEnd.\n",
	}
	vs := make([]diff.VersionText, len(texts))
	for i, s := range texts {
		vs[i] = diff.VersionText{Label: fmt.Sprintf("r%d", i+1), Kind: diff.KindRelease, Text: []byte(s)}
	}
	return vs
}

func newDiffer(t *testing.T) *diff.Differ {
	t.Helper()
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLedgerHTML(t *testing.T) {
	d := newDiffer(t)
	l, err := d.Ledger("ops/<vienna>", historyVersions())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := LedgerHTML(&buf, LedgerInput{Ledger: l, Redactor: d}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<!DOCTYPE html>", "<style>", "ops/&lt;vienna&gt;",
		`<span class="status st-re-redacted">1 re-redacted</span>`, `<span class="status st-lifted">1 lifted</span>`,
		`<span class="event ev-re-redacted">re-redacted</span>`, `<span class="bar" title="withheld: (b)(6)"><span class="code">(b)(6)</span></span>`,
		"Mr. John Doe", "He spoke of &lt;b&gt;the plan&lt;/b&gt;.",
		`<th class="mono">r1</th><th class="mono">r2</th><th class="mono">r3</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("LedgerHTML lacks %q:\n%s", want, page)
		}
	}
	for _, bad := range []string{"<b>the plan", "<vienna>", "<script>"} {
		if strings.Contains(page, bad) {
			t.Errorf("LedgerHTML holds %q unescaped", bad)
		}
	}
	frag, err := LedgerFragment(LedgerInput{Ledger: l, LineURL: func(label string, line int) string { return fmt.Sprintf("/v/%s#L%d", label, line) }})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(frag), `<a class="where" href="/v/r1#L1">line 1</a>`) || strings.Contains(string(frag), "<style>") {
		t.Errorf("LedgerFragment = %s, want linked lines and no stylesheet", frag)
	}
}

func TestBlameFragment(t *testing.T) {
	d := newDiffer(t)
	b, err := d.Blame("ops/vienna", historyVersions(), "r3")
	if err != nil {
		t.Fatal(err)
	}
	got, err := BlameFragment(BlameInput{Blame: b, Redactor: d, VersionURL: func(l string) string { return "/v/" + l }})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<tr id="L1" class="v2 first"><td class="since"><a href="/v/r3">r3</a></td><td class="ln">1</td><td class="txt">The agent &lt;script&gt;alert(1)&lt;/script&gt; met <span class="bar"`,
		`<tr id="L2" class="v0 first"><td class="since"><a href="/v/r1">r1</a></td>`,
		`<span class="swatch v0"><a href="/v/r1">r1</a> <span class="count">1</span></span>`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("BlameFragment lacks %q:\n%s", want, got)
		}
	}
}

func TestRevealFragment(t *testing.T) {
	d := newDiffer(t)
	r, err := d.Reveal("ops/vienna", historyVersions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := RevealFragment(RevealInput{Reveal: r, Redactor: d})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<span class="from v1" title="shown by r2">`, "John Doe", "He spoke of &lt;b&gt;the plan&lt;/b&gt;.", "r3 (base)",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("RevealFragment lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "<script>") {
		t.Errorf("RevealFragment holds <script> unescaped")
	}
	kept := &diff.Reveal{Document: "x", Versions: []string{"a"}, Base: "a", Withheld: 1,
		Spans: []diff.RevealSpan{{Text: "Met ", Version: "a"}, {Text: "[REDACTED]", Version: "a", Withheld: true}, {Text: ".", Version: "a"}}}
	got, err = RevealFragment(RevealInput{Reveal: kept})
	if err != nil {
		t.Fatal(err)
	}
	if want := `Met <span class="bar" title="withheld: [REDACTED]"><span class="code">withheld</span><span class="orig">[REDACTED]</span></span>.`; !strings.Contains(string(got), want) {
		t.Errorf("RevealFragment of a kept marker lacks %q:\n%s", want, got)
	}
}
