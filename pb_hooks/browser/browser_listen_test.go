package browser

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// phoneVoice stands in for a phone's speech engine, which headless Chromium
// has none of: one voice for the language, and a log of what is spoken, at
// which speed, and of pauses.
const phoneVoice = `(() => {
	window.spoken = [];
	window.speechLog = [];
	const voices = [{ lang: "%s", name: "phone voice", default: true, localService: true, voiceURI: "phone" }];
	window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
	const engine = new EventTarget();
	Object.assign(engine, {
		paused: false, speaking: false,
		getVoices: () => voices,
		queue: [],
		// The first utterance queued starts; the others wait for it.
		speak(u) { this.speaking = true; spoken.push({ text: u.text, rate: u.rate, lang: u.lang }); if (this.queue.push(u) === 1) u.onstart?.(); },
		cancel() { this.speaking = false; this.queue = []; speechLog.push("cancel"); },
		pause() { this.paused = true; speechLog.push("pause"); },
		resume() { this.paused = false; speechLog.push("resume"); },
	});
	Object.defineProperty(window, "speechSynthesis", { value: engine });
})()`

// The guide read aloud: its title, its summary and its text, with pause,
// resume, speed and stop.
func TestBrowserReadAloud(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	run(phoneVoiceFor("fr-FR"))
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="fr"]`), chromedp.Click(`button[data-lang="fr"]`),
		chromedp.WaitVisible(`#profile`), chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
	run(chromedp.Navigate(base + "/#/g/fair-recruitment-no-fees"))
	waitJS(t, ctx, "the guide", `document.body.dataset.screen === "g"`)
	run(chromedp.WaitVisible(`#listen`), chromedp.Click(`#listen`), chromedp.WaitVisible(`#listen-pause`))
	want := js(`[document.querySelector("#guide h1").textContent, document.querySelector("#guide .summary").textContent, document.querySelector("#guide .prose h2, #guide .prose p").textContent].join(" | ")`)
	if got := js(`spoken.slice(0, 3).map(s => s.text).join(" | ")`); got != want {
		t.Errorf("read aloud begins with %q, want the title, the summary and the text: %q", got, want)
	}
	if got := js(`spoken.map(s => s.rate + " " + s.lang).filter((v, i, a) => a.indexOf(v) === i).join()`); got != "1 fr-FR" {
		t.Errorf("read at %q, want 1 fr-FR", got)
	}

	run(chromedp.Click(`#listen-pause`), chromedp.WaitVisible(`#listen-resume`))
	run(chromedp.Click(`#listen-resume`), chromedp.WaitVisible(`#listen-pause`))
	if got := js(`speechLog.join()`); got != "cancel,pause,resume" {
		t.Errorf("pause then resume did %q", got)
	}
	if got := js(`document.activeElement.id`); got != "listen-pause" {
		t.Errorf("after resume the focus is on %q, want the pause button", got)
	}

	// A new speed reads on from the block being read (the title, still),
	// at that speed.
	n := strconv.Itoa(browsertest.Eval[int](t, ctx, `spoken.length`))
	run(chromedp.SetValue(`#listen-rate`, "fast"), chromedp.Evaluate[chromedp.Void](`document.getElementById("listen-rate").dispatchEvent(new Event("change"))`))
	title := strings.Split(want, " | ")[0]
	if got := js(`spoken[` + n + `]?.text + " | " + spoken.slice(` + n + `).map(s => s.rate).filter((v, i, a) => a.indexOf(v) === i).join()`); got != title+" | 1.3" {
		t.Errorf("after choosing fast: %q, want %q", got, title+" | 1.3")
	}
	run(chromedp.Click(`#listen-stop`), chromedp.WaitVisible(`#listen`))
}

// Without a voice for the language the guide says so, in the page, and
// offers a counsellor instead of hiding the button.
func TestBrowserReadAloudWithoutAVoice(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	// The phone has a voice, but for English only.
	run(phoneVoiceFor("en-US"))
	firstRunInArabic(t, ctx, base, "MA", "")
	run(chromedp.Navigate(base + "/#/g/fair-recruitment-no-fees"))
	waitJS(t, ctx, "the guide", `document.body.dataset.screen === "g"`)
	run(chromedp.WaitVisible(`#no-voice`))
	ar := arabicMessages(t)
	wantText := strings.Replace(ar["guide.no_voice"], "{{.Language}}", "العربية", 1) + " " + ar["guide.no_voice_ask"]
	if got := js(`document.getElementById("no-voice").innerText + " | " + document.getElementById("no-voice-ask").getAttribute("href") + " | " + !!document.getElementById("listen")`); got != wantText+" | #/ask | false" {
		t.Errorf("without an Arabic voice the guide shows %q, want %q", got, wantText+" | #/ask | false")
	}
	run(chromedp.Click(`#no-voice-ask`))
	waitJS(t, ctx, "the question form", `document.body.dataset.screen === "ask"`)
}

// phoneVoiceFor replaces the phone's speech engine, in every page the tab
// opens, by phoneVoice with one voice, for lang.
func phoneVoiceFor(lang string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: strings.Replace(phoneVoice, "%s", lang, 1)})
		return err
	})
}
