package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/browsertest"
	"amem/internal/opus/opustest"
	"amem/pb_hooks/testapp"
)

// recordedGuide is the guide the tests give a recording in Darija.
const recordedGuide = "fair-recruitment-no-fees"

// withRecording starts the app with the shipped guides and an editor's
// recording of recordedGuide in Darija (six seconds of silence: no voice
// has been recorded yet), and a browser that may play sound.
func withRecording(t *testing.T) (*tests.TestApp, string, context.Context) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app) // imports the guides
	testapp.PutRecording(t, app, recordedGuide, "ary", opustest.File(6*time.Second, ""))
	ctx := browsertest.New(t, chromedp.Flag("autoplay-policy", "no-user-gesture-required"))
	return app, base, ctx
}

// openRecordedGuide sets the app up in Arabic and opens the recorded guide.
func openRecordedGuide(t *testing.T, ctx context.Context, base string) {
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`), chromedp.Click(`button[data-lang="ar"]`),
		chromedp.WaitVisible(`#profile`), chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
	run(chromedp.Navigate(base + "/#/g/" + recordedGuide))
	waitJS(t, ctx, "the recording's player", `document.querySelector("#rec-ary-download, #rec-ary-kept")`)
}

// The worker downloads the recording, chooses a slow speed, listens a
// little; offline, the guide reopens with the recording available, at the
// speed and position they left, and it plays from the phone.
func TestBrowserRecordingKeptForOffline(t *testing.T) {
	_, base, ctx := withRecording(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	openRecordedGuide(t, ctx, base)
	if got := js(`document.querySelector("#recordings .recording h3").textContent`); got != "تسجيل صوتي (الدارجة المغربية) · 0:06" {
		t.Errorf("the recording is named %q", got)
	}
	if got := js(`document.getElementById("rec-ary-download").textContent`); !strings.Contains(got, "تنزيل للاستماع دون اتصال (") {
		t.Errorf("the download button says %q, want the size", got)
	}
	run(chromedp.Click(`#rec-ary-download`), chromedp.WaitVisible(`#rec-ary-kept`))

	run(chromedp.SetValue(`#rec-ary-rate`, "slow"), chromedp.Evaluate[chromedp.Void](`document.getElementById("rec-ary-rate").dispatchEvent(new Event("change"))`))
	run(chromedp.Click(`#rec-ary-play`))
	waitJS(t, ctx, "two seconds played", `JSON.parse(localStorage.getItem("amem.positions") || "{}")[Object.keys(JSON.parse(localStorage.getItem("amem.positions") || "{}"))[0]] >= 2`)
	run(chromedp.Click(`#rec-ary-play`))
	waitJS(t, ctx, "the pause", `document.getElementById("rec-ary-play").textContent === "استماع"`)
	left := js(`document.getElementById("rec-ary-pos").value`)

	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	run(browsertest.Offline(true), chromedp.Reload())
	waitJS(t, ctx, "the player offline", `document.querySelector("#rec-ary-kept")`)
	if got := js(`document.getElementById("rec-ary-kept").textContent`); !strings.HasPrefix(got, "متاح دون اتصال (") {
		t.Errorf("offline, the recording says %q", got)
	}
	if got := js(`document.getElementById("rec-ary-rate").value + " " + document.getElementById("rec-ary-pos").value`); got != "slow "+left {
		t.Errorf("offline, speed and position are %q, want %q", got, "slow "+left)
	}
	run(chromedp.Click(`#rec-ary-play`))
	waitJS(t, ctx, "the kept copy to play on", `+document.getElementById("rec-ary-pos").value > `+left)
	run(chromedp.Click(`#rec-ary-play`))
}

// Read aloud has no Arabic voice in headless Chromium: the notice offers
// the recording. When the sync no longer lists the recording, the phone
// drops its copy.
func TestBrowserRecordingDroppedWhenGone(t *testing.T) {
	app, base, ctx := withRecording(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	openRecordedGuide(t, ctx, base)
	run(chromedp.Click(`#no-voice-listen`))
	if got := js(`document.activeElement.id`); got != "rec-ary-play" {
		t.Errorf("the no-voice notice's offer focused %q, want the recording's play button", got)
	}
	run(chromedp.Click(`#rec-ary-download`), chromedp.WaitVisible(`#rec-ary-kept`))
	kept := `new Promise((ok) => { const r = indexedDB.open("amem"); r.onsuccess = () => { const c = r.result.transaction("recordings").objectStore("recordings").count(); c.onsuccess = () => { r.result.close(); ok(c.result); }; }; })`
	if n := browsertest.Eval[int](t, ctx, kept); n != 1 {
		t.Fatalf("%d recordings kept, want 1", n)
	}

	recordings, err := app.FindAllRecords("guide_recordings")
	if err != nil || len(recordings) != 1 {
		t.Fatalf("recordings: %v %v", recordings, err)
	}
	if err := app.Delete(recordings[0]); err != nil {
		t.Fatal(err)
	}
	run(chromedp.Navigate(base+"/#/settings"), chromedp.WaitVisible(`#sync-now`), chromedp.Click(`#sync-now`))
	waitJS(t, ctx, "the kept copy to go", `(`+kept+`).then((n) => n === 0)`)
	run(chromedp.Navigate(base + "/#/g/" + recordedGuide))
	waitJS(t, ctx, "the guide without recording", `document.body.dataset.screen === "g" && document.getElementById("guide") && !document.getElementById("recordings") && document.getElementById("no-voice-ask")`)
}

// The player is not in the precached shell (its budget), but a phone that
// keeps a recording gets it precached with every new shell version: the
// recording plays offline after an update too.
func TestBrowserRecordingPlayerPrecachedWhereRecordingsAreKept(t *testing.T) {
	_, base, ctx := withRecording(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	openRecordedGuide(t, ctx, base)
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	player := js(`performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).find((p) => p.startsWith("/static/ondemand/recordings."))`)
	if player == "" {
		t.Fatal("the player was not loaded")
	}
	inCache := func(name string) string {
		return `caches.open("` + name + `").then((c) => c.match("` + player + `", { ignoreVary: true })).then((r) => !!r)`
	}
	run(chromedp.Evaluate[chromedp.Void](`caches.keys().then((k) => Promise.all(k.map((n) => caches.delete(n))))`))
	run(chromedp.Evaluate[chromedp.Void](`navigator.serviceWorker.register("/sw.js?v=without", { scope: "/" })`))
	waitJS(t, ctx, "a shell installed before any recording is kept", `caches.has("amem-shell-without")`)
	waitJS(t, ctx, "its precache done", `navigator.serviceWorker.getRegistration().then((r) => !r.installing)`)
	if got := browsertest.Eval[bool](t, ctx, inCache("amem-shell-without")); got {
		t.Error("a phone that keeps no recording precached the player")
	}

	run(chromedp.Click(`#rec-ary-download`), chromedp.WaitVisible(`#rec-ary-kept`))
	run(chromedp.Evaluate[chromedp.Void](`caches.keys().then((k) => Promise.all(k.map((n) => caches.delete(n))))`))
	run(chromedp.Evaluate[chromedp.Void](`navigator.serviceWorker.register("/sw.js?v=with", { scope: "/" })`))
	waitJS(t, ctx, "the shell of a phone that keeps a recording", inCache("amem-shell-with"))
}
