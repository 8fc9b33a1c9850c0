package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test drives a headless Chromium through the viewer. It looks for the browser
// in $BLACKLINE_CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH, and
// skips without one. Screenshots go to $BLACKLINE_SCREENSHOTS when set (the README's
// picture is made so: BLACKLINE_SCREENSHOTS=$PWD/testdata/screenshots go test
// ./cmd/blackline/web -run TestBrowser), else to the test's temporary directory.

// chromiumPath finds a Chromium to drive, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BLACKLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (install the chromium package, or set BLACKLINE_CHROMIUM): browser test skipped")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile, as root may run it.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// screenshotDir is where the test's screenshots are written.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BLACKLINE_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser follows document → timeline → comparison in a real browser and checks how
// the comparison is drawn: the lifted redaction highlighted, the withheld span a black bar,
// the re-redaction outlined in red, keyboard navigation between changes.
func TestBrowser(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	ctx := newBrowser(t, 1400, 1000)
	dir := screenshotDir(t)

	// styled waits until the page has loaded its stylesheet: a page's table can be visible
	// before the linked CSS applies, and computed styles read then are the defaults.
	styled := chromedp.Poll[chromedp.Void](`document.readyState === "complete" && [...document.styleSheets].some(s => s.href && s.href.endsWith("/static/blackline.css") && s.cssRules.length > 0)`)
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`table.documents`)),
		chromedp.Click(chromedp.CSS(`a[href="/doc/`+sampleID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.timeline`)),
		styled,
	)
	if err != nil {
		t.Fatalf("open the document's timeline: %v", err)
	}
	if title, err := chromedp.Run(ctx, chromedp.Title()); err != nil || !strings.Contains(title, sampleID) {
		t.Errorf("timeline page title = %q (%v), want the document ID", title, err)
	}
	chartBars, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".chart svg rect.spans").length`))
	if err != nil {
		t.Fatal(err)
	}
	if chartBars != 3 {
		t.Errorf("the timeline's chart draws %d bars, want one per release (3)", chartBars)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`table.timeline a[href*="old=foia-1998"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.sbs`)),
		styled,
	); err != nil {
		t.Fatalf("follow the timeline to the comparison: %v", err)
	}

	type style struct {
		Background, Color, Outline, OutlineStyle string
		Width, Height                            float64
		Text                                     string
	}
	computed := func(sel string) style {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[style](`(() => {
			const el = document.querySelector(`+jsString(sel)+`);
			if (!el) return {Text: "missing"};
			const cs = getComputedStyle(el), r = el.getBoundingClientRect();
			return {Background: cs.backgroundColor, Color: cs.color, Outline: cs.outlineColor, OutlineStyle: cs.outlineStyle,
				Width: r.width, Height: r.height, Text: el.textContent};
		})()`))
		if err != nil {
			t.Fatalf("computed style of %s: %v", sel, err)
		}
		return s
	}
	lifted := computed(`.sbs .txt.new .chg.k-redaction.a-lifted`)
	if lifted.Background != "rgb(255, 241, 168)" || !strings.Contains(lifted.Text, "transitional period") {
		t.Errorf("the lifted redaction is drawn on %s with text %q, want highlighted (rgb(255, 241, 168)) and the revealed sentence", lifted.Background, lifted.Text)
	}
	bar := computed(`.sbs .txt.old .bar`)
	if bar.Background != "rgb(0, 0, 0)" || bar.Color != "rgb(255, 255, 255)" || bar.Width < 30 || bar.Height < 10 || !strings.Contains(bar.Text, "(b)(1)") {
		t.Errorf("the withheld span is drawn as %+v, want a black bar at least 30×10 labelled (b)(1) in white", bar)
	}

	if err := chromedp.Do(ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("j"), chromedp.KeyEvent("k"), chromedp.KeyEvent("j"), chromedp.KeyEvent("j")); err != nil {
		t.Fatal(err)
	}
	current, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".chg.current") ? document.querySelector(".chg.current").id + location.hash : "none"`))
	if err != nil {
		t.Fatal(err)
	}
	if current != "c3#c3" {
		t.Errorf("after j j k j j the current change is %q, want c3 (and the URL at #c3)", current)
	}

	// The README's picture: the index folded, the first lifted passage in view.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("details.index").removeAttribute("open");
		document.querySelectorAll(".current").forEach(e => e.classList.remove("current"));
		history.replaceState(null, "", location.pathname + location.search);
		document.getElementById("c4").scrollIntoView({block: "center"}); 0`)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	writeShot(t, dir, "side-by-side.png", png)
	if png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Fatal(err)
	}
	writeShot(t, t.TempDir(), "compare-full.png", png)

	// The re-redaction of the later release, reached through the comparison's own form.
	again := `.sbs .txt.new .chg.k-redaction.a-added`
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`form.pick select[name="old"]`), "mdr-2016"),
		chromedp.SetValue(chromedp.CSS(`form.pick select[name="new"]`), "nara-2025"),
		chromedp.Submit(chromedp.CSS(`form.pick select[name="new"]`)),
		chromedp.WaitVisible(chromedp.CSS(again)),
	); err != nil {
		t.Fatalf("compare mdr-2016 with nara-2025 through the form: %v", err)
	}
	added := computed(again)
	if added.Outline != "rgb(198, 40, 40)" || added.OutlineStyle != "solid" || !strings.Contains(strings.ToLower(added.Text), "withheld again") {
		t.Errorf("the re-redaction is drawn as %+v, want a solid red outline (rgb(198, 40, 40)) and its label", added)
	}

	// The redaction ledger, from the timeline.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`h2 a[href="/doc/`+sampleID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.timeline`)),
		chromedp.Click(chromedp.CSS(`a[href="/doc/`+sampleID+`/-/ledger"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.ledger-table`)),
		styled,
	); err != nil {
		t.Fatalf("open the redaction ledger from the timeline: %v", err)
	}
	status := computed(`table.ledger-table .status.st-re-redacted`)
	withheldBar := computed(`table.ledger-table td.state-withheld .bar`)
	if status.Background != "rgb(198, 40, 40)" || withheldBar.Background != "rgb(0, 0, 0)" {
		t.Errorf("the ledger draws a re-redacted passage on %s and a withheld state on %s, want red and a black bar", status.Background, withheldBar.Background)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

func writeShot(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	if len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Fatalf("screenshot %s is not a PNG (%d bytes)", name, len(png))
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}
