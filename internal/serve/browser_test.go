package serve

import (
	"context"
	"encoding/base64"
	"fmt"
	"github.com/soa-tool/soa/internal/workbook"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/render"
	"github.com/xuri/excelize/v2"
)

// TestBrowser drives Chromium (Debian's /usr/bin/chromium, headless)
// through the page's journeys, one shared browser, a tab each. Set
// SOA_SCREENSHOTS to a directory to keep screenshots of the page in both
// languages.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if _, err := os.Stat("/usr/bin/chromium"); err != nil {
			t.Skip("chromium is not installed (apt-get install chromium): the browser tests skip")
		}
		bin = "/usr/bin/chromium"
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx); err != nil {
		t.Skipf("chromium does not start: %v", err)
	}
	// tab opens the page of a new server of the example in a new tab.
	tab := func(t *testing.T, file string, lang i18n.Lang) (*site, context.Context) {
		dir := fixture(t, file)
		s := startUnopened(t, dir, file, lang)
		ctx, cancel := chromedp.NewContext(bctx)
		t.Cleanup(cancel)
		ctx, cancel2 := context.WithTimeout(ctx, 20*time.Second)
		t.Cleanup(cancel2)
		// A dialog would mean a hostile text ran as script.
		run(t, ctx, chromedp.Navigate("about:blank"))
		_ = chromedp.Listen(ctx, func(ev any) {
			if d, ok := ev.(*cdppage.EventJavascriptDialogOpening); ok {
				t.Errorf("a dialog opened: %q", d.Message)
			}
		})
		run(t, ctx, chromedp.Navigate(s.srv.URL()), chromedp.WaitVisible(`[data-control="5.1"]`))
		return s, ctx
	}

	t.Run("open and filter", func(t *testing.T) {
		_, ctx := tab(t, "saas-cloud.yaml", "")
		if n := eval[int](t, ctx, `document.querySelectorAll('[data-control]').length`); n != 93 {
			t.Errorf("%d controls, want 93", n)
		}
		run(t, ctx, setSelect(`#filter [name="theme"]`, "people"), poll(`document.querySelectorAll('[data-control]').length === 8`))
		run(t, ctx, click(`#filter [name="findings"]`), poll(`location.search.includes('findings=1') && document.querySelectorAll('[data-control]').length === 1`))
	})

	t.Run("edit and see the finding go", func(t *testing.T) {
		s, ctx := tab(t, "saas-cloud.yaml", "")
		// 5.6 has no reason for inclusion: tick one.
		run(t, ctx, poll(`document.querySelector('#findings a[href="#c-5.6"]')`),
			click(`[data-control="5.6"] [name="reasons"][value="legal"]`),
			poll(`!document.querySelector('#findings a[href="#c-5.6"]')`))
		// 8.11 is not implemented: a gap; set its status.
		run(t, ctx, setSelect(`[data-control="8.11"] [name="status"]`, "implemented"),
			poll(`!document.querySelector('#findings').textContent.includes('not implemented: Data masking') && document.querySelector('[data-control="8.11"]').classList.contains('implemented')`))
		// 5.16's justification cites a 2013 control: rewrite it.
		run(t, ctx, setText(`[data-control="5.16"] [name="justification"]`, "Identity lifecycle for every account, in the IdP."),
			poll(`!document.querySelector('#findings').textContent.includes('cites A.9.2.1')`))
		got := s.read("saas-cloud.yaml")
		for _, want := range []string{"reasons: [legal]", "justification: Identity lifecycle for every account, in the IdP.", "# yaml-language-server"} {
			if !strings.Contains(got, want) {
				t.Errorf("file lacks %q", want)
			}
		}
		// An invalid value is shown at its field and not written.
		// (a text pasted that is longer than a workbook cell holds)
		run(t, ctx, js(`(() => { const e = document.querySelector('[data-control="5.1"] [name="notes"]'); e.value = 'x'.repeat(40000); e.dispatchEvent(new Event('change', {bubbles: true})) })()`),
			poll(`(document.querySelector('[data-control="5.1"] [name="notes"]').closest('.f').querySelector('.err')||{}).textContent.includes('characters')`))
		if s.read("saas-cloud.yaml") != got {
			t.Error("an invalid value was written")
		}
	})

	t.Run("bulk edit", func(t *testing.T) {
		s, ctx := tab(t, "saas-cloud.yaml", "")
		run(t, ctx, click(`[data-control="5.1"] [name="select"]`), click(`[data-control="5.2"] [name="select"]`),
			chromedp.SendKeys(`#bulk [name="owner"]`, "ISMS Manager"), click(`#bulk button`),
			poll(`document.querySelector('[data-control="5.2"] [name="owner"]').value === 'ISMS Manager'`))
		if got := s.read("saas-cloud.yaml"); strings.Count(got, "owner: ISMS Manager") != 2 {
			t.Errorf("%d owners set, want 2", strings.Count(got, "owner: ISMS Manager"))
		}
	})

	t.Run("upload and apply", func(t *testing.T) {
		s, ctx := tab(t, "saas-cloud.yaml", "")
		edited := strings.Replace(s.read("saas-cloud.yaml"), "owner: Data Protection Officer", "owner: DPO Team", 1)
		st, _ := render.Load(testCatalog, "x", []byte(edited), true, s.srv.cfg.Judge())
		book, err := render.Workbook(st, s.srv.cfg.Judge(), workbook.Options{Lang: i18n.EN})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "edited.xlsx")
		os.WriteFile(path, book, 0o644)
		run(t, ctx, chromedp.SetUploadFiles(`input[name="workbook"]`, []string{path}), click(`input[name="workbook"] + button`),
			chromedp.WaitVisible(`#confirm button`))
		changes, err := chromedp.Run(ctx, chromedp.Text(`ul.changes`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(changes, "5.5: owner: Data Protection Officer → DPO Team") {
			t.Errorf("changes shown: %q", changes)
		}
		run(t, ctx, click(`#confirm button`), chromedp.WaitVisible(`[data-control="5.5"]`))
		if s.read("saas-cloud.yaml") != edited {
			t.Error("the upload was not applied as shown")
		}
	})

	t.Run("download the workbook", func(t *testing.T) {
		_, ctx := tab(t, "saas-cloud.yaml", "")
		b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
			const a = [...document.querySelectorAll('a[href$=".xlsx"]')][0];
			const buf = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
			let s = ''; for (const b of buf) s += String.fromCharCode(b);
			return btoa(s);
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		data, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(strings.NewReader(string(data)))
		if err != nil {
			t.Fatalf("the download is no workbook: %v", err)
		}
		if v, _ := x.GetCellValue("Cover", "A1"); v == "" && len(x.GetSheetList()) < 5 {
			t.Errorf("sheets %v", x.GetSheetList())
		}
	})

	t.Run("conflicting edit on disk", func(t *testing.T) {
		s, ctx := tab(t, "saas-cloud.yaml", "")
		other := s.read("saas-cloud.yaml") + "# edited in another editor\n"
		os.WriteFile(filepath.Join(s.dir, "saas-cloud.yaml"), []byte(other), 0o644)
		run(t, ctx, setText(`[data-control="5.1"] [name="owner"]`, "Alice"),
			poll(`!document.getElementById('banner').hidden && document.getElementById('banner').textContent.includes('changed on disk')`))
		v := eval[string](t, ctx, `document.querySelector('[data-control="5.1"] [name="owner"]').value`)
		if v != "Alice" || s.read("saas-cloud.yaml") != other {
			t.Errorf("input %q; file overwritten: %v", v, s.read("saas-cloud.yaml") != other)
		}
	})

	t.Run("hostile text", func(t *testing.T) {
		_, ctx := tab(t, "saas-cloud.yaml", "")
		hostile := `<script>alert(1)</script> "><img src=x onerror=alert(2)>`
		run(t, ctx, setText(`[data-control="5.2"] [name="justification"]`, hostile),
			poll(`document.querySelector('[data-control="5.2"] .f.ok')`),
			chromedp.Reload(), chromedp.WaitVisible(`[data-control="5.2"]`))
		v := eval[string](t, ctx, `document.querySelector('[data-control="5.2"] [name="justification"]').value`)
		imgs := eval[int](t, ctx, `document.querySelectorAll('main img, main script').length`)
		if v != hostile || imgs != 0 {
			t.Errorf("justification %q, %d img/script elements", v, imgs)
		}
	})

	if dir := os.Getenv("SOA_SCREENSHOTS"); dir != "" {
		for _, tc := range []struct {
			file string
			lang i18n.Lang
		}{{"saas-cloud.yaml", i18n.EN}, {"seimitsu-ja.yaml", i18n.JA}} {
			t.Run("screenshot "+string(tc.lang), func(t *testing.T) {
				_, ctx := tab(t, tc.file, tc.lang)
				run(t, ctx, chromedp.EmulateViewport(1280, 860))
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "serve-"+string(tc.lang)+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// poll waits until expr is true, through page loads (a filter reloads the
// page) and in a tab the browser does not paint (where animation frames
// never come).
func poll(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for {
			ok, err := chromedp.Evaluate[bool](`!!(`+expr+`)`)(ctx, t)
			if err == nil && ok {
				return chromedp.Void{}, nil
			}
			select {
			case <-ctx.Done():
				return chromedp.Void{}, fmt.Errorf("waiting for %s: %w (last error: %v)", expr, ctx.Err(), err)
			case <-time.After(30 * time.Millisecond):
			}
		}
	}
}

// setSelect chooses a value of a select, as a person does: the change
// event follows.
func setSelect(sel, value string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; setTimeout(() => e.dispatchEvent(new Event('change', {bubbles: true}))); return true })()`, sel, value))(ctx, t)
		return chromedp.Void{}, err
	}
}

// setText replaces the text of an input or textarea and leaves it, which
// fires its change event.
func setText(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(js(fmt.Sprintf(`document.querySelector(%q).value = ''`, sel)), chromedp.SendKeys(sel, text), chromedp.Blur(sel))
}

// click clicks an element as the keyboard or a pointer would, wherever
// the page has scrolled (the sticky header may cover it).
func click(sel string) chromedp.Action[chromedp.Void] {
	return js(fmt.Sprintf(`setTimeout(() => document.querySelector(%q).click())`, sel))
}

func js(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[any](expr)(ctx, t)
		return chromedp.Void{}, err
	}
}
