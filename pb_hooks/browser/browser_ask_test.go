package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/browsertest"
	"amem/locales"
	"amem/pb_hooks/testapp"
)

// The helpline in the worker's app, end to end in a real Chromium: a
// question written offline in Arabic, with a photo of a document and a
// voice note, kept in the outbox across a reload, sent once when the
// connection returns (and still once when the same item is sent again, by
// the page twice and by the service worker's Background Sync at the same
// time); routed to Union A; the recovery code shown once; a counsellor's
// answer read in the thread; "solved" and "did this help?"; an offline
// follow-up sent exactly once, even after a simulated crash.
//
// Set AMEM_SCREENSHOTS to a folder to get PNGs of the Arabic screens.
func TestBrowserAskOffline(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.NewWithContent(t)
	network := gateServer(app)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t, browsertest.FakeMedia...)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	// Offline for the page (navigator.onLine, events) and for its service
	// worker, whose Background Sync DevTools' emulation does not reach.
	offline := func(down bool) {
		t.Helper()
		network.down.Store(down) // first: going online fires "online", and the app sends at once
		run(browsertest.Offline(down))
	}
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)

	firstRunInArabic(t, ctx, base, "TN", "QA")
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)

	// Background Sync alone (the app closed, say): the service worker sends
	// what waits in the outbox, and makes the worker's account for it.
	const bySync = "questionbysync01"
	run(chromedp.Evaluate[chromedp.Void](`import("/static/js/db.js").then(db => db.write(["outbox"], tx => tx.objectStore("outbox").put({
		id: "`+bySync+`", kind: "question", lang: "ar", created: Date.now(), state: "waiting", audio: null, photos: [],
		fields: {client_id: "`+bySync+`", text: "سؤال أرسله عامل الخدمة", lang: "ar", country: "TN", destination: "", phase: "at_work", topic: ""}})))
		.then(() => navigator.serviceWorker.ready).then(r => r.sync.register("amem-outbox"))`, chromedp.EvalAwaitPromise))
	deadline := time.Now().Add(10 * time.Second)
	for countQuestions(t, app, bySync) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if n := countQuestions(t, app, bySync); n != 1 {
		t.Fatalf("the service worker sent %d questions, want 1", n)
	}
	waitJS(t, ctx, "the outbox emptied by the service worker", `import("/static/js/db.js").then(db => db.all("outbox")).then(a => a.length === 0)`)

	// Offline, the worker writes a question: the form knows their situation.
	offline(true)
	run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-new`), chromedp.Click(`#ask-new`), chromedp.WaitVisible(`#ask-text`))
	if got := js(`["ask-country", "ask-destination", "ask-phase"].map(id => document.getElementById(id).value).join(" ")`); got != "TN QA at_work" {
		t.Errorf("the form is prefilled with %q, want the first-run answers TN QA at_work", got)
	}
	run(chromedp.Click(`#ask-send`))
	if got := js(`document.getElementById("ask-error").textContent`); got != ar["ask.empty"] {
		t.Errorf("sending an empty question says %q, want %q", got, ar["ask.empty"])
	}
	const text = "لم يدفع لي صاحب العمل أجري منذ شهرين. ماذا أفعل؟"
	run(chromedp.SendKeys(`#ask-text`, text), chromedp.SetValue(`#ask-topic`, "wages"))

	// A photo of a payslip, 2400×1200 with EXIF data: made 1600 px wide and
	// re-encoded on the phone, without the EXIF.
	run(chromedp.SetUploadFiles(`#ask-photo`, []string{writeTestPhoto(t, 2400, 1200)}))
	waitJS(t, ctx, "the photo's thumbnail", `document.querySelectorAll("#ask .thumbs img").length === 1`)

	// A voice note from the fake microphone, listened to before sending.
	run(chromedp.Click(`#record`), chromedp.WaitVisible(`#record-stop`))
	time.Sleep(1500 * time.Millisecond)
	run(chromedp.Click(`#record-stop`), chromedp.WaitVisible(`audio.voice-preview`))
	if got := js(`document.querySelector(".recorder .meta").textContent`); !regexp.MustCompile(`^المدة: 0:0[12]$`).MatchString(got) {
		t.Errorf("the voice note's length reads %q", got)
	}
	fitsThePhone(t, ctx, "the form")
	fullScreenshot(t, ctx, "ask-ar.png")
	run(chromedp.Click(`#ask-send`))

	// It waits in the outbox, with its files; nothing reached the server.
	waitJS(t, ctx, "the question waiting to be sent", `document.querySelector('#thread[data-state="waiting"]')`)
	clientID := js(`document.getElementById("thread").dataset.id`)
	if !regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`).MatchString(clientID) {
		t.Fatalf("client id %q: want 22 characters of base64url", clientID)
	}
	if got := js(`document.querySelector("#thread .state").textContent`); !strings.HasPrefix(got, ar["status.waiting"]) {
		t.Errorf("the thread's state reads %q", got)
	}
	item := `import("/static/js/db.js").then(db => db.get("outbox", ` + jsString(clientID) + `))`
	if got := js(item + `.then(i => [i.state, i.fields.client_id === i.id, i.audio.type.split(";")[0], i.audio.size > 500, i.photos.length].join(" "))`); got != "waiting true audio/webm true 1" {
		t.Errorf("the outbox item (state, client id, voice note, photos) = %q", got)
	}
	if got := js(item + `.then(i => createImageBitmap(i.photos[0])).then(b => b.width + "x" + b.height)`); got != "1600x800" {
		t.Errorf("the photo on the phone is %s, want 1600x800", got)
	}
	if got := js(item + `.then(i => i.photos[0].arrayBuffer().then(b => new TextDecoder("latin1").decode(b).includes("Exif") + " " + i.photos[0].type))`); got != "false image/jpeg" {
		t.Errorf("the photo on the phone (EXIF inside, type) = %s", got)
	}
	if n := countQuestions(t, app, clientID); n != 0 {
		t.Fatalf("%d questions reached the server while offline", n)
	}
	fullScreenshot(t, ctx, "thread-waiting-ar.png")

	// Nothing is lost in a reload, offline.
	run(chromedp.Click(`a[data-tab="ask"]`))
	row := `#questions li[data-id="` + clientID + `"]`
	waitJS(t, ctx, "the question in My questions", `document.querySelector('`+row+`[data-state="waiting"]')`)
	run(chromedp.Reload())
	waitJS(t, ctx, "the question after a reload offline", `document.querySelector('`+row+`[data-state="waiting"]')`)
	if got := js(`document.querySelector('` + row + ` .sum').textContent`); !strings.HasPrefix(got, ar["status.waiting"]) {
		t.Errorf("My questions says %q", got)
	}
	fullScreenshot(t, ctx, "questions-waiting-ar.png")
	run(chromedp.Evaluate[chromedp.Void](item+`.then(i => { window.savedQuestion = i })`, chromedp.EvalAwaitPromise))

	// Back online: it is sent by itself, routed to Union A.
	offline(false)
	waitJS(t, ctx, "the question sent", `document.querySelector('`+row+`')?.dataset.state === "assigned"`)
	q := theQuestion(t, app, clientID)
	if q.GetString("text") != text || q.GetString("organisation") != f.IDs["orgA"] ||
		!slices.Contains([]string{f.IDs["cA"], f.IDs["coordA"]}, q.GetString("counsellor")) {
		t.Errorf("question on the server: text %q, organisation %s, counsellor %s; want Union A (%s) and one of its counsellors",
			q.GetString("text"), q.GetString("organisation"), q.GetString("counsellor"), f.IDs["orgA"])
	}
	for field, want := range map[string]string{"lang": "ar", "country": "TN", "destination": "QA", "phase": "at_work", "topic": "wages", "status": "assigned"} {
		if got := q.GetString(field); got != want {
			t.Errorf("question %s = %q, want %q", field, got, want)
		}
	}
	if q.GetString("audio") == "" || len(q.GetStringSlice("photos")) != 1 {
		t.Errorf("question files: audio %q, photos %v; want the voice note and the photo", q.GetString("audio"), q.GetStringSlice("photos"))
	} else if w, h := storedImageSize(t, app, q, q.GetStringSlice("photos")[0]); w != 1600 || h != 800 {
		t.Errorf("the stored photo is %dx%d, want 1600x800", w, h)
	}
	waitJS(t, ctx, "the outbox to be empty", `import("/static/js/db.js").then(db => db.all("outbox")).then(a => a.length === 0)`)

	// The same item again, sent by the page twice and by the service
	// worker at once (a retry after a lost reply, or a crash before the
	// item was removed): still one question.
	run(chromedp.Evaluate[chromedp.Void](`Promise.all([import("/static/js/db.js"), import("/static/js/outbox.js")]).then(([db, outbox]) =>
		db.write(["outbox"], tx => tx.objectStore("outbox").put(window.savedQuestion)).then(() => Promise.all([
			outbox.send(), outbox.send(), navigator.serviceWorker.ready.then(r => r.sync.register("amem-outbox"))])))`, chromedp.EvalAwaitPromise))
	waitJS(t, ctx, "the outbox to be empty again", `import("/static/js/db.js").then(db => db.all("outbox")).then(a => a.length === 0)`)
	time.Sleep(300 * time.Millisecond) // let the service worker's run finish too
	if n := countQuestions(t, app, clientID); n != 1 {
		t.Fatalf("%d questions with client id %s after the retry, want 1", n, clientID)
	}

	// The thread: sent, the honest wait, and the recovery code, once.
	run(chromedp.Click(row+` a`), chromedp.WaitVisible(`#recovery`))
	waitJS(t, ctx, "the thread of the sent question", `document.querySelector('#thread[data-state="assigned"]')`)
	if got := js(`document.querySelector("#thread .state").textContent`); !strings.Contains(got, "يجيب المستشار عادةً خلال يومين.") {
		t.Errorf("the thread does not say how long an answer takes: %q", got)
	}
	code := js(`document.getElementById("recovery-code").textContent`)
	if !regexp.MustCompile(`^[2-9B-DF-HJ-NP-TV-XZ]{4}(-[2-9B-DF-HJ-NP-TV-XZ]{4}){3}$`).MatchString(code) {
		t.Errorf("recovery code %q", code)
	}
	if got := js(`getComputedStyle(document.getElementById("recovery-code")).direction`); got != "ltr" {
		t.Errorf("the recovery code is written %s", got)
	}
	fullScreenshot(t, ctx, "thread-code-ar.png")
	run(chromedp.Click(`#code-written`), chromedp.WaitNotPresent(`#recovery`))
	run(chromedp.Click(`a[data-tab="settings"]`), chromedp.WaitVisible(`#show-code`), chromedp.Click(`#show-code`))
	if got := js(`document.getElementById("recovery-code").textContent`); got != code {
		t.Errorf("settings show the code %q, want %q", got, code)
	}

	// "Solved" is not offered before any answer.
	if js(`String(!!document.getElementById("solved"))`) != "false" {
		t.Error(`"My problem is solved" is offered before any answer`)
	}

	// A counsellor answers; the worker sees it after a refresh.
	const answer = "يحق لك المطالبة بأجرك كتابيًا. احتفظ بنسخة من الرسالة وكشوف رواتبك."
	postAs(t, base+"/api/collections/messages/records", f.Tokens[testapp.Counsellor], map[string]any{"question": q.Id, "text": answer}, 200)
	run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(row))
	run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, ctx, "the new answer in My questions", `document.querySelector('`+row+`[data-state="answered"] .badge')`)
	if got := js(`document.querySelector('` + row + ` .badge').textContent + "|" + document.querySelector('#tabs [data-tab="ask"] .count').textContent`); got != "إجابة جديدة|1إجابة جديدة" {
		t.Errorf("unread answers (list badge|tab count) = %q", got)
	}
	fitsThePhone(t, ctx, "My questions")
	fullScreenshot(t, ctx, "questions-ar.png")
	run(chromedp.Click(row + ` a`))
	waitJS(t, ctx, "the answer in the thread", `[...document.querySelectorAll("#messages .from-counsellor .text")].some(e => e.textContent === `+jsString(answer)+`)`)
	waitJS(t, ctx, "the answer marked as read", `!document.querySelector('#tabs [data-tab="ask"] .count')`)
	// The question is marked answered; the answer names the counsellor (by
	// first name) and their union.
	if got := js(`document.querySelector("#thread > .from-me .mark").textContent + "|" + document.querySelector("#messages .from-counsellor .who").textContent.split(" · ").slice(0, 2).join(" · ")`); got != " · "+ar["thread.answered"]+"|cA · Union A" {
		t.Errorf("the question's state | who answered = %q", got)
	}
	if got := js(`document.querySelector("#thread .from-me audio").src.slice(0, 5) + " " + document.querySelectorAll("#thread .from-me img").length`); got != "blob: 1" {
		t.Errorf("the worker's own voice note and photo should come from the phone: %q", got)
	}
	fitsThePhone(t, ctx, "the thread")
	fullScreenshot(t, ctx, "thread-ar.png")

	// A voice note and a photo from the counsellor: fetched only when the
	// worker asks for them, with a file token (they are protected).
	postFilesAs(t, base+"/api/collections/messages/records", f.Tokens[testapp.Counsellor], map[string]string{"question": q.Id, "text": "اسمع هذا"},
		map[string][]byte{"audio": storedFile(t, app, q, q.GetString("audio")), "photos": readFile(t, writeTestPhoto(t, 300, 200))})
	run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, ctx, "the counsellor's voice note", `document.querySelectorAll("#messages .from-counsellor button.pill").length === 2`)
	run(chromedp.Click(`#messages .from-counsellor:last-child button.pill:first-of-type`), chromedp.WaitVisible(`#messages .from-counsellor audio`))
	if got := js(`(a => a.src.includes("?token=") && fetch(a.src).then(r => String(r.status)))(document.querySelector("#messages .from-counsellor audio"))`); got != "200" {
		t.Errorf("the counsellor's voice note with a file token = %s", got)
	}
	run(chromedp.Click(`#messages .from-counsellor:last-child button.pill`))
	waitJS(t, ctx, "the counsellor's photo", `document.querySelector("#messages .from-counsellor img")?.naturalWidth === 300`)

	// Solved asks first; Undo within the grace sends nothing; then closed, and helpful.
	run(chromedp.Click(`#solved`), chromedp.WaitVisible(`#solved-no`), chromedp.Click(`#solved-no`), chromedp.WaitVisible(`#solved`))
	run(chromedp.Click(`#solved`), chromedp.WaitVisible(`#solved-yes`), chromedp.Click(`#solved-yes`),
		chromedp.WaitVisible(`#solved-undo`), chromedp.Click(`#solved-undo`), chromedp.WaitVisible(`#solved`))
	if got := theQuestion(t, app, clientID).GetString("status"); got != "answered" {
		t.Errorf("after Undo the question is %q, want answered", got)
	}
	run(chromedp.Click(`#solved`), chromedp.WaitVisible(`#solved-yes`), chromedp.Click(`#solved-yes`))
	waitJS(t, ctx, "the question closed", `document.querySelector('#thread[data-state="closed"]') && !document.getElementById("solved")`)
	run(chromedp.Click(`#helpful-yes`), chromedp.WaitNotPresent(`#helpful-yes`))
	q = theQuestion(t, app, clientID)
	if q.GetString("status") != "closed" || q.GetString("helpful") != "yes" {
		t.Errorf("after solved and helpful: status %q, helpful %q", q.GetString("status"), q.GetString("helpful"))
	}

	// A notification's link (#/questions/{server id}) opens this thread.
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/"`))
	waitJS(t, ctx, "home", `document.body.dataset.screen === "home"`)
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/questions/` + q.Id + `"`))
	waitJS(t, ctx, "the thread from a notification's link", `document.body.dataset.screen === "questions" && !!document.querySelector('#thread[data-state="closed"]')`)

	// A follow-up written offline goes when the connection returns, once.
	const followUp = "شكرًا. وماذا لو رفض؟"
	offline(true)
	// With a voice note, sent while still recording: it goes as recorded so far.
	run(chromedp.SendKeys(`#reply-text`, followUp), chromedp.Click(`#reply #record`), chromedp.WaitVisible(`#reply #record-stop`))
	time.Sleep(1200 * time.Millisecond)
	run(chromedp.Click(`#reply-send`))
	waitJS(t, ctx, "the follow-up waiting", `document.querySelector('#messages .pending[data-state="waiting"]')`)
	run(chromedp.Evaluate[chromedp.Void](`import("/static/js/db.js").then(db => db.all("outbox")).then(a => { window.savedMessage = a[0] })`, chromedp.EvalAwaitPromise))
	offline(false)
	waitJS(t, ctx, "the follow-up sent", `!document.querySelector("#messages .pending") && [...document.querySelectorAll("#messages .from-me .text")].some(e => e.textContent === `+jsString(followUp)+`)`)
	if n := countMessages(t, app, q.Id, followUp); n != 1 {
		t.Fatalf("%d copies of the follow-up on the server, want 1", n)
	}
	if got := js(`document.querySelector("#messages .from-me:last-child .mark").textContent`); got != " · "+ar["thread.sent"] {
		t.Errorf("the follow-up, sent and not answered yet, is marked %q", got)
	}
	if m, err := app.FindFirstRecordByData("messages", "text", followUp); err != nil || m.GetString("audio") == "" || m.GetString("worker") == "" {
		t.Errorf("the follow-up should carry its voice note and its author: %v %v", m, err)
	}
	if got := theQuestion(t, app, clientID).GetString("status"); got != "assigned" {
		t.Errorf("a follow-up on a closed question leaves it %q, want it reopened (assigned)", got)
	}
	// A crash between the send and the removal from the outbox: the item
	// comes back, marked as tried; the thread has it, so it is not resent.
	run(chromedp.Evaluate[chromedp.Void](`Promise.all([import("/static/js/db.js"), import("/static/js/outbox.js")]).then(([db, outbox]) =>
		db.write(["outbox"], tx => tx.objectStore("outbox").put({...window.savedMessage, tried: Date.now() - 5000})).then(() => outbox.send()))`, chromedp.EvalAwaitPromise))
	waitJS(t, ctx, "the outbox to be empty after the resend", `import("/static/js/db.js").then(db => db.all("outbox")).then(a => a.length === 0)`)
	if n := countMessages(t, app, q.Id, followUp); n != 1 {
		t.Errorf("%d copies of the follow-up after a resend, want 1", n)
	}
}

// An urgent question (a confiscated passport) shows at once the help lines
// of the worker's country, and says an answer comes within hours; a
// hand-over to another union waits for the worker's consent. A
// question the server refuses (4xx) is kept as "not sent", with the
// server's reason, to be edited or deleted, and never resent by itself.
func TestBrowserAskUrgent(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)
	run(chromedp.EmulateViewport(360, 740)) // a small, cheap Android phone
	firstRunInArabic(t, ctx, base, "TN", "")

	run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "صاحب العمل أخذ جواز سفري ولا يريد أن يرجعه."), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the help lines", `document.querySelector('#thread[data-state="assigned"] #emergency')`)
	clientID := js(`document.getElementById("thread").dataset.id`)
	if !theQuestion(t, app, clientID).GetBool("urgent") {
		t.Fatal("the server did not mark the question urgent")
	}
	calls := js(`[...document.querySelectorAll("#emergency a[href^='tel:']")].map(a => a.getAttribute("href")).join(" ")`)
	for _, want := range []string{"tel:80104748", "tel:197", "tel:193"} {
		if !strings.Contains(calls, want) {
			t.Errorf("the help lines %q lack %s", calls, want)
		}
	}
	if strings.Contains(calls, "tel:19 ") || strings.HasSuffix(calls, "tel:19") {
		t.Errorf("help lines of another country are shown: %q", calls)
	}
	if got := js(`document.querySelector("#thread .state").textContent`); !strings.Contains(got, "سيجيبك مستشار خلال 4 ساعات.") {
		t.Errorf("an urgent question should say it is answered within 4 hours: %q", got)
	}
	fitsThePhone(t, ctx, "the urgent question")
	fullScreenshot(t, ctx, "urgent-ar.png")

	// The counsellor proposes to hand the case to Union B (Morocco): the
	// worker is asked, with the union's name and country, and agrees.
	q := theQuestion(t, app, clientID)
	postAs(t, base+"/api/amem/questions/"+q.Id+"/transfer", f.Tokens[testapp.Counsellor], map[string]any{"organisation": f.IDs["orgB"]}, 200)
	run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, ctx, "the consent prompt with the union's name", `document.querySelector('#thread[data-state="awaiting_consent"] #consent')?.textContent.includes("Union B")`)
	if got := js(`document.querySelector("#consent p").textContent`); !strings.Contains(got, "المغرب") {
		t.Errorf("the consent prompt does not say the country: %q", got)
	}
	fullScreenshot(t, ctx, "consent-ar.png")
	run(chromedp.Click(`#consent-yes`))
	waitJS(t, ctx, "the consent given", `!document.getElementById("consent") && document.querySelector('#thread[data-state="assigned"]')`)
	if got := theQuestion(t, app, clientID).GetString("organisation"); got != f.IDs["orgB"] {
		t.Errorf("after the worker's yes, the case is with %s, want Union B (%s)", got, f.IDs["orgB"])
	}

	// No union covers Libya yet: the question waits for the superusers, and
	// the thread says so, with who works there (IOM Libya), promising nothing.
	askLibya := func(text string) {
		run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/ask"`), chromedp.WaitVisible(`#ask-text`),
			chromedp.SendKeys(`#ask-text`, text), chromedp.SetValue(`#ask-country`, "LY"), chromedp.Click(`#ask-send`))
		run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
		waitJS(t, ctx, "the uncovered question", `document.querySelector('#thread[data-state="escalated"] #uncovered a[href="https://libya.iom.int"]')`)
		if got := js(`document.querySelector("#thread .state").textContent`); !strings.Contains(got, ar["thread.uncovered"]) {
			t.Errorf("a question no union covers should say so: %q", got)
		}
	}
	askLibya("أعمل في طرابلس. هل لي حق في عطلة؟")
	// With a fallback organisation, the same: it is not a union of Libya.
	fallback, err := app.FindRecordById("organisations", f.IDs["orgB"])
	if err != nil {
		t.Fatal(err)
	}
	fallback.Set("fallback", true)
	if err := app.Save(fallback); err != nil {
		t.Fatal(err)
	}
	askLibya("أعمل في بنغازي. هل لي حق في عقد مكتوب؟")
	if got := theQuestion(t, app, js(`document.getElementById("thread").dataset.id`)).GetString("organisation"); got != f.IDs["orgB"] {
		t.Errorf("the second Libyan question is with %q, want the fallback %s", got, f.IDs["orgB"])
	}

	// A refusal: a topic the server does not know.
	refusedID := "refusedquestion0001"
	run(chromedp.Evaluate[chromedp.Void](`import("/static/js/outbox.js").then(o => o.queue({id: "`+refusedID+`", kind: "question", lang: "ar",
		fields: {client_id: "`+refusedID+`", text: "سؤال", lang: "ar", topic: "no-such-topic", country: "TN", destination: "", phase: "at_work"}}))`, chromedp.EvalAwaitPromise),
		chromedp.Evaluate[chromedp.Void](`location.hash = "#/q/`+refusedID+`"`))
	waitJS(t, ctx, "the refusal", `document.querySelector('#thread[data-state="refused"][data-id="`+refusedID+`"] .state .error')`)
	reason := js(`document.querySelector("#thread .state .error").textContent`)
	if !slices.Contains([]string{ar["error.field.not_allowed"], ar["error.field.invalid"]}, reason) {
		t.Errorf("the refusal shows %q, want the server's localised reason", reason)
	}
	if got := js(`[...document.querySelectorAll("#edit, #delete")].map(e => e.textContent).join("|")`); got != ar["thread.edit"]+"|"+ar["thread.delete"] {
		t.Errorf("a refused question offers %q", got)
	}
	fullScreenshot(t, ctx, "refused-ar.png")
	run(chromedp.Evaluate[chromedp.Void](`import("/static/js/outbox.js").then(o => o.send())`, chromedp.EvalAwaitPromise))
	if got := js(`import("/static/js/db.js").then(db => db.get("outbox", "` + refusedID + `")).then(i => i.state)`); got != "refused" {
		t.Errorf("the refused question is %q in the outbox", got)
	}
	if n := countQuestions(t, app, refusedID); n != 0 {
		t.Errorf("%d refused questions on the server", n)
	}
	// Edited, it goes out under a new client id and the refused one is gone.
	run(chromedp.Click(`#edit`), chromedp.WaitVisible(`#ask-text`), chromedp.SetValue(`#ask-topic`, "other"), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the edited question sent", `document.querySelector('#thread[data-state="assigned"]') && location.hash !== "#/q/`+refusedID+`"`)
	if got := js(`import("/static/js/db.js").then(db => db.all("outbox")).then(a => String(a.length))`); got != "0" {
		t.Errorf("%s items left in the outbox after the edit", got)
	}

	// My questions: the last activity first; a new answer on the oldest
	// question brings it to the top, and it stays there once read.
	edited := js(`document.getElementById("thread").dataset.id`)
	firstRow := `document.querySelector("#questions li")?.dataset.id`
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/questions"`))
	waitJS(t, ctx, "the newest question first", firstRow+` === `+jsString(edited))
	postAs(t, base+"/api/collections/messages/records", f.Tokens[testapp.OtherOrg], map[string]any{"question": q.Id, "text": "نحن نتابع قضيتك."}, 200)
	// The app catches up when the connection comes back; told again every
	// second or so, in case a fetch already under way answered before the
	// message existed.
	waitJS(t, ctx, "the newly answered question first", `(Date.now() % 1000 < 60 && dispatchEvent(new Event("online")), `+firstRow+` === `+jsString(clientID)+` && document.querySelector("#questions li .badge"))`)
	run(chromedp.Click(`#questions li:first-child a`), chromedp.WaitVisible(`#messages .from-counsellor`))
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/questions"`))
	waitJS(t, ctx, "the answered question first once read", firstRow+` === `+jsString(clientID)+` && !document.querySelector("#questions .badge")`)
}

// The recovery code brings the questions to a new phone; erasing there
// removes the worker and everything they sent from the server. The old
// phone, signed out, starts afresh with its next question.
func TestBrowserAskRecoverAndErase(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ar := arabicMessages(t)

	oldPhone := browsertest.New(t)
	firstRunInArabic(t, oldPhone, base, "TN", "")
	browsertest.Run(t, oldPhone, 20*time.Second, chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "هل يحق لي عطلة سنوية؟"), chromedp.Click(`#ask-send`), chromedp.WaitVisible(`#recovery-code`))
	clientID := browsertest.Eval[string](t, oldPhone, `document.getElementById("thread").dataset.id`)
	code := browsertest.Eval[string](t, oldPhone, `document.getElementById("recovery-code").textContent`)
	worker := theQuestion(t, app, clientID).GetString("worker")

	// A new phone: the code, typed in lower case with spaces, brings the question back.
	newPhone := browsertest.New(t)
	firstRunInArabic(t, newPhone, base, "TN", "")
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	browsertest.Run(t, newPhone, 20*time.Second, chromedp.Click(`a[data-tab="settings"]`), chromedp.WaitVisible(`#recover-code`),
		chromedp.SendKeys(`#recover-code`, "K7MQ2RTX9BCDHW3P"), chromedp.Click(`#recover-submit`))
	waitJS(t, newPhone, "an unknown code refused", `document.querySelector("#account .error").textContent === `+jsString(ar["account.unknown_code"]))
	browsertest.Run(t, newPhone, 20*time.Second, chromedp.SetValue(`#recover-code`, typed), chromedp.Click(`#recover-submit`))
	waitJS(t, newPhone, "the question on the new phone", `document.querySelector('#questions li[data-id="`+clientID+`"]')`)
	fullScreenshot(t, newPhone, "recovered-ar.png")

	// Erase everything, after a confirmation.
	browsertest.Run(t, newPhone, 20*time.Second, chromedp.Click(`a[data-tab="settings"]`), chromedp.WaitVisible(`#erase`), chromedp.Click(`#erase`),
		chromedp.WaitVisible(`#erase-confirm`))
	fitsThePhone(t, newPhone, "settings")
	fullScreenshot(t, newPhone, "erase-ar.png")
	browsertest.Run(t, newPhone, 20*time.Second, chromedp.Click(`#erase-confirm`))
	waitJS(t, newPhone, "the erasure", `document.getElementById("status").textContent === `+jsString(ar["account.erased"]))
	if !testapp.Eventually(func() bool { _, err := app.FindRecordById("workers", worker); return err != nil }) {
		t.Error("the worker is still on the server after erasing")
	}
	if n := countQuestions(t, app, clientID); n != 0 {
		t.Errorf("%d questions left on the server after erasing", n)
	}
	waitJS(t, newPhone, "nothing left on the new phone (the erase sent, its queue gone)",
		`indexedDB.databases().then(d => d.length === 0 && !document.getElementById("show-code"))`)

	// The old phone's account is gone: its next question makes a new one,
	// and what it kept of the old one is forgotten.
	browsertest.Run(t, oldPhone, 20*time.Second, chromedp.Evaluate[chromedp.Void](`location.hash = "#/ask"`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "سؤال من جديد"), chromedp.Click(`#ask-send`))
	waitJS(t, oldPhone, "the new question sent", `document.querySelector('#thread[data-state="assigned"]')`)
	again := theQuestion(t, app, browsertest.Eval[string](t, oldPhone, `document.getElementById("thread").dataset.id`))
	if again.GetString("worker") == worker || again.GetString("worker") == "" {
		t.Errorf("the old phone's new question belongs to worker %q (the erased one was %s)", again.GetString("worker"), worker)
	}
	if got := browsertest.Eval[string](t, oldPhone, `import("/static/js/db.js").then(db => db.get("mine", `+jsString(clientID)+`)).then(q => String(!!q))`); got != "false" {
		t.Error("the old phone still keeps the erased account's question")
	}
}

// networkGate cuts every client off the server while down: the page and
// its service worker alike (a closed connection, as with no signal).
type networkGate struct{ down atomic.Bool }

func gateServer(app core.App) *networkGate {
	g := &networkGate{}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if !g.down.Load() {
				return e.Next()
			}
			if conn, _, err := http.NewResponseController(e.Response).Hijack(); err == nil {
				return conn.Close()
			}
			return e.Error(http.StatusServiceUnavailable, "offline", nil)
		})
		return se.Next()
	})
	return g
}

// firstRunInArabic opens the app, chooses Arabic and the worker's
// countries and situation (at work), and waits for the library.
func firstRunInArabic(t *testing.T, ctx context.Context, base, from, to string) {
	t.Helper()
	browsertest.Run(t, ctx, 20*time.Second,
		chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`),
		chromedp.Click(`button[data-lang="ar"]`), chromedp.WaitVisible(`#profile`),
		chromedp.SetValue(`#from`, from), chromedp.SetValue(`#to`, to),
		chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.screen === "home" && document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
}

// arabicMessages returns the Arabic messages that are plain strings.
func arabicMessages(t *testing.T) map[string]string {
	t.Helper()
	return messagesIn(t, "ar")
}

// messagesIn returns a language's messages that are plain strings.
func messagesIn(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(locales.FS, lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]any
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range all {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// writeTestPhoto writes a JPEG of a payslip-like pattern with an EXIF
// segment (a phone's photo carries one) and returns its path.
func writeTestPhoto(t *testing.T, width, height int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			v := uint8(255)
			if y%40 < 3 || x%300 < 3 {
				v = 40
			}
			img.Set(x, y, color.RGBA{v, v, v, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	// APP1 "Exif" with an empty big-endian TIFF directory, right after SOI.
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00")
	segment := append([]byte{0xFF, 0xE1, 0, byte(len(exif) + 2)}, exif...)
	jpg := append(append([]byte{0xFF, 0xD8}, segment...), buf.Bytes()[2:]...)
	path := filepath.Join(t.TempDir(), "payslip.jpg")
	if err := os.WriteFile(path, jpg, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func theQuestion(t *testing.T, app *tests.TestApp, clientID string) *core.Record {
	t.Helper()
	q, err := app.FindFirstRecordByData("questions", "client_id", clientID)
	if err != nil {
		t.Fatalf("question %s: %v", clientID, err)
	}
	return q
}

func countQuestions(t *testing.T, app *tests.TestApp, clientID string) int {
	t.Helper()
	records, err := app.FindAllRecords("questions", dbx.HashExp{"client_id": clientID})
	if err != nil {
		t.Fatal(err)
	}
	return len(records)
}

func countMessages(t *testing.T, app *tests.TestApp, question, text string) int {
	t.Helper()
	records, err := app.FindAllRecords("messages", dbx.HashExp{"question": question, "text": text})
	if err != nil {
		t.Fatal(err)
	}
	return len(records)
}

// storedImageSize returns the width and height of a stored photo.
func storedImageSize(t *testing.T, app *tests.TestApp, record *core.Record, name string) (int, int) {
	t.Helper()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(storedFile(t, app, record, name)))
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width, cfg.Height
}

// postFilesAs sends a multipart form with files, as a counsellor's browser does.
func postFilesAs(t *testing.T, url, token string, fields map[string]string, files map[string][]byte) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for k, data := range files {
		part, err := w.CreateFormFile(k, k)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", url, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("POST %s = %d", url, res.StatusCode)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// storedFile returns the bytes of a record's stored file.
func storedFile(t *testing.T, app *tests.TestApp, record *core.Record, name string) []byte {
	t.Helper()
	fsys, err := app.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	r, err := fsys.GetReader(record.BaseFilesPath() + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// postAs sends JSON with a token and checks the status.
func postAs(t *testing.T, url, token string, body any, want int) {
	t.Helper()
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(data))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("POST %s = %d, want %d", url, res.StatusCode, want)
	}
}

// fitsThePhone fails when something on the screen is wider than the phone
// (the page would scroll sideways).
func fitsThePhone(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	wide := browsertest.Eval[string](t, ctx, `document.documentElement.scrollWidth <= innerWidth ? "" :
		[...document.querySelectorAll("main *")].filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < -1 })
			.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id && "#" + e.id) + (e.className && "." + e.className)).join(", ") || "something"`)
	if wide != "" {
		t.Errorf("%s: wider than the phone: %s", what, wide)
	}
}

// fullScreenshot saves the whole page, not only what the phone's screen shows.
func fullScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("AMEM_SCREENSHOTS")
	if dir == "" {
		return
	}
	// The fixed tab bar and status would be drawn over the middle of the page.
	const fixed = `document.querySelectorAll("#tabs, #status").forEach(e => e.style.visibility = `
	time.Sleep(100 * time.Millisecond) // let the last change paint
	capture := chromedp.CaptureScreenshot()
	if browsertest.Eval[bool](t, ctx, `document.documentElement.scrollHeight > innerHeight`) {
		// Only a page longer than the screen: Chromium draws a short one shifted.
		browsertest.Run(t, ctx, 5*time.Second, chromedp.Evaluate[chromedp.Void](fixed+`"hidden")`))
		capture = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Run(t, ctx, 5*time.Second, chromedp.Evaluate[chromedp.Void](fixed+`"")`))
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
