package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	keys "github.com/chromedp/chromedp/kb"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// The counsellors' inbox, end to end in a real Chromium: signing in with a
// password and the e-mailed code, a worker's question (with a voice note)
// arriving live in the queue, a canned answer adapted by hand and sent with
// Ctrl+Enter, an internal note the worker never sees, another union that
// never sees the case, and a hand-over to a colleague recorded in the
// case's history.
//
// Set AMEM_SCREENSHOTS to a folder to get PNGs of the inbox in French and Arabic.
func TestBrowserInbox(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	// Routing sends an Arabic question from Tunisia to the least loaded of
	// Union A's counsellors; with coordA handling only health, a question
	// about wages goes to cA whatever the loads.
	coordA, err := app.FindRecordById("counsellors", f.IDs["coordA"])
	if err != nil {
		t.Fatal(err)
	}
	coordA.Set("topics", []string{"health"})
	if err := app.Save(coordA); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)

	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, "cA@example.org")
	if got := js(`document.querySelector('.tab[aria-current="page"]').dataset.tab`); got != "mine" {
		t.Fatalf("the inbox opens on %q, want the counsellor's own questions", got)
	}
	mineBefore := js(`document.querySelector('.tab-mine .count').textContent`)

	// A worker asks, with a voice note, while the inbox is open.
	const text = "لم يدفع لي صاحب العمل أجري منذ شهرين. ماذا أفعل؟"
	question := askWithVoiceNote(t, base, f.Tokens[testapp.Worker], map[string]string{
		"client_id": "inbox-e2e-0001", "text": text, "lang": "ar", "country": "TN", "destination": "QA",
		"phase": "at_work", "topic": "wages",
	})
	if question.Counsellor != f.IDs["cA"] {
		t.Fatalf("the question went to %q, want cA (%s)", question.Counsellor, f.IDs["cA"])
	}
	item := `#queue li[data-id="` + question.ID + `"]`
	waitJS(t, ctx, "the new question in the queue without a reload", `document.querySelector('`+item+`')`)
	if js(`String(performance.getEntriesByType("navigation").length)`) != "1" {
		t.Fatal("the page was reloaded")
	}
	if got := js(`document.querySelector('` + item + ` .item-text').textContent`); got != text {
		t.Errorf("queue item text = %q", got)
	}
	if got := js(`document.querySelector('.tab-mine .count').textContent`); got == mineBefore {
		t.Errorf("the count of my questions stayed %s", got)
	}
	waitJS(t, ctx, "the arrival announced to screen readers", `document.getElementById("announce").textContent.includes("لم يدفع")`)

	// Open it: the worker's words, voice note, situation and history.
	run(chromedp.Click(item + ` a`))
	waitJS(t, ctx, "the case", `document.querySelector('#thread[data-id="`+question.ID+`"]')?.dataset.state === "ready"`)
	thread := js(`document.getElementById("thread").innerText.replace(/[\u2066-\u2069]/g, "")`)
	for _, want := range []string{text, "Tunisia", "Qatar", "At work", "Routed to cA", "Given to cA (", "open cases), the only counsellor who fits: Tunisia, العربية, Wages"} {
		if !strings.Contains(thread, want) {
			t.Errorf("the case does not show %q:\n%s", want, thread)
		}
	}
	// Why it came here is said in words, with names: no record id, no code.
	if got := js(`document.getElementById("history").innerText.match(/\b[a-z0-9]{15}\b|assigned_|inbox\.reason/)?.[0] || ""`); got != "" {
		t.Errorf("the history shows %q:\n%s", got, thread)
	}
	waitJS(t, ctx, "the voice note's URL with a file token", `document.querySelector("#messages .voice-note")?.src.includes("?token=")`)
	if got := js(`fetch(document.querySelector("#messages .voice-note").src).then(r => String(r.status))`); got != "200" {
		t.Errorf("the voice note with its file token = %s", got)
	}
	if got := js(`fetch(document.querySelector("#messages .voice-note").src.split("?")[0]).then(r => String(r.status))`); got == "200" {
		t.Error("the voice note must not be served without a file token")
	}
	screenshot(t, ctx, "inbox-thread-en.png")

	// A canned answer of the question's language and topic, adapted by hand,
	// sent with Ctrl+Enter.
	run(chromedp.Click(`#canned-button`))
	waitJS(t, ctx, "the canned answers", `document.querySelector(".canned-item")`)
	if got := js(`[...document.querySelectorAll(".canned-item .canned-title")].map(e => e.textContent).join("|")`); got != "Unpaid wages" {
		t.Fatalf("canned answers offered = %q", got)
	}
	run(chromedp.Click(`.canned-item`))
	const canned = "You can ask for your wages in writing."
	if got := js(`document.getElementById("reply").value`); got != canned {
		t.Fatalf("the reply box holds %q after picking the canned answer", got)
	}
	const edited = canned + " Keep a copy of the letter and your payslips."
	run(chromedp.SendKeys(`#reply`, " Keep a copy of the letter and your payslips."))
	if got := js(`document.getElementById("reply").value`); got != edited {
		t.Fatalf("the reply box holds %q, want the canned answer adapted", got)
	}
	run(chromedp.Focus(`#reply`), chromedp.KeyEvent(keys.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitJS(t, ctx, "the answer in the thread", `[...document.querySelectorAll("#messages .msg.from-counsellor .msg-text")].some(e => e.textContent === `+jsString(edited)+`)`)
	if got := js(`document.getElementById("reply").value`); got != "" {
		t.Errorf("the reply box was not emptied: %q", got)
	}
	waitJS(t, ctx, "the status shown as answered", `document.getElementById("thread").dataset.status === "answered"`)

	// An internal note: set apart in the thread, never shown to the worker.
	const note = "Checked with the labour inspectorate in Sfax."
	run(chromedp.Click(`label[for="internal"]`), chromedp.SendKeys(`#reply`, note), chromedp.Click(`#send`))
	waitJS(t, ctx, "the internal note", `[...document.querySelectorAll('#messages .msg.internal[data-internal="true"] .msg-text')].some(e => e.textContent === `+jsString(note)+`)`)
	if got := js(`getComputedStyle(document.querySelector("#messages .msg.internal")).borderStyle + " " + getComputedStyle(document.querySelector("#messages .msg.from-counsellor")).borderStyle`); got != "dashed solid" {
		t.Errorf("an internal note should look different from an answer: border styles %q", got)
	}

	// The worker sees the adapted answer, not the note, and the question answered.
	var messages struct {
		Items []struct {
			Text       string `json:"text"`
			Internal   bool   `json:"internal"`
			Counsellor string `json:"counsellor"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/collections/messages/records?filter="+url.QueryEscape("question='"+question.ID+"'"), f.Tokens[testapp.Worker], &messages)
	if len(messages.Items) != 1 || messages.Items[0].Text != edited || messages.Items[0].Internal || messages.Items[0].Counsellor != f.IDs["cA"] {
		t.Errorf("the worker's thread = %+v, want only the adapted answer", messages.Items)
	}
	var asWorker struct{ Status string }
	getJSON(t, base+"/api/collections/questions/records/"+question.ID, f.Tokens[testapp.Worker], &asWorker)
	if asWorker.Status != "answered" {
		t.Errorf("question status = %q, want answered", asWorker.Status)
	}

	// A counsellor of Union B, signed in meanwhile, never sees Union A's case.
	other := browsertest.New(t)
	browsertest.Run(t, other, 20*time.Second, chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, other, app, base, "cB@example.org")
	otherJS := func(expr string) string { t.Helper(); return browsertest.Eval[string](t, other, expr) }
	browsertest.Run(t, other, 20*time.Second, chromedp.Evaluate[chromedp.Void](`location.hash = "#/org?status=all"`))
	waitJS(t, other, "Union B's whole list", `location.hash === "#/org?status=all" && document.getElementById("queue").dataset.state === "loaded" && document.querySelector('.tab[aria-current="page"]').dataset.tab === "org"`)
	if got := otherJS(`[...document.querySelectorAll("#queue li")].map(li => li.dataset.id).join(",")`); got != f.IDs["q2"] {
		t.Errorf("Union B's queue = %q, want only its own q2 (%s)", got, f.IDs["q2"])
	}
	browsertest.Run(t, other, 20*time.Second, chromedp.Evaluate[chromedp.Void](`location.hash = "#/org/`+question.ID+`"`))
	waitJS(t, other, "the refusal to show another union's case", `document.querySelector("#thread.gone")`)

	// cA hands the case over to coordA, with a note: the history shows it.
	const handOver = "coordA follows the wage claims in Sfax."
	run(chromedp.Click(`#transfer`), chromedp.WaitVisible(`#transfer-dialog`))
	run(chromedp.SetValue(`#transfer-counsellor`, f.IDs["coordA"]), chromedp.SendKeys(`#transfer-note`, handOver))
	screenshot(t, ctx, "inbox-transfer-en.png")
	run(chromedp.Click(`#transfer-submit`))
	waitJS(t, ctx, "the hand-over in the history", `[...document.querySelectorAll('#history li[data-kind="transferred"]')].some(li => li.textContent.includes(`+jsString(handOver)+`) && li.textContent.includes("coordA"))`)
	waitJS(t, ctx, "the new holder in the case's header", `document.querySelector("#thread .holder").textContent.includes("coordA")`)
	if q, err := app.FindRecordById("questions", question.ID); err != nil || q.GetString("counsellor") != f.IDs["coordA"] {
		t.Fatalf("after the hand-over the question's counsellor is %v (%v), want coordA", q.GetString("counsellor"), err)
	}
	waitJS(t, ctx, "the case gone from cA's own list", `!document.querySelector('`+item+`')`)

	// Union B still sees nothing of it after all these changes.
	browsertest.Run(t, other, 20*time.Second, chromedp.Evaluate[chromedp.Void](`location.hash = "#/org?status=all"`))
	waitJS(t, other, "Union B's list again", `document.getElementById("queue").dataset.state === "loaded" && !document.querySelector("#thread")`)
	if got := otherJS(`document.body.innerText.includes(` + jsString(text) + `) + " " + document.querySelectorAll('#queue li[data-id="` + question.ID + `"]').length`); got != "false 0" {
		t.Errorf("Union B sees Union A's case: %s", got)
	}

	// A hand-over to the partner union in Morocco waits for the worker's consent.
	run(chromedp.Click(`#transfer`), chromedp.WaitVisible(`#transfer-dialog`), chromedp.Click(`#transfer-dialog input[value="country"]`),
		chromedp.SetValue(`#transfer-country`, "MA"), chromedp.SendKeys(`#transfer-note`, "She is moving to Casablanca."), chromedp.Click(`#transfer-submit`))
	waitJS(t, ctx, "the wait for the worker's consent", `document.getElementById("thread").dataset.status === "awaiting_consent" && document.getElementById("consent-banner")?.textContent.includes("Union B") && document.getElementById("transfer").disabled && document.querySelector('#history li[data-kind="consent_asked"]')`)
	if q, _ := app.FindRecordById("questions", question.ID); q.GetString("organisation") != f.IDs["orgA"] || q.GetString("pending_organisation") != f.IDs["orgB"] {
		t.Errorf("the case must wait in Union A for the worker's consent: %v", q.FieldsData())
	}

	// The same inbox in French, then in Arabic (right to left).
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/org/` + question.ID + `?status=all"`))
	waitJS(t, ctx, "the case in the organisation's list", `document.querySelector('#thread[data-id="`+question.ID+`"]')?.dataset.state === "ready" && document.querySelector('`+item+`')`)
	setInboxLang(t, ctx, "fr")
	waitJS(t, ctx, "the inbox in French", `document.documentElement.lang === "fr" && document.querySelector(".tab-mine .tab-name").textContent === "Les miennes" && document.getElementById("history").textContent.includes("Transférée") && document.getElementById("history").textContent.includes("la seule personne qui correspond") && document.getElementById("consent-banner").textContent.includes("consentement") && document.getElementById("queue").dataset.state === "loaded"`)
	screenshot(t, ctx, "inbox-fr.png")
	setInboxLang(t, ctx, "ar")
	waitJS(t, ctx, "the inbox in Arabic", `document.documentElement.dir === "rtl" && document.querySelector(".tab-mine .tab-name").textContent === "أسئلتي" && document.querySelector('#thread[data-id="`+question.ID+`"]')?.dataset.state === "ready" && document.getElementById("queue").dataset.state === "loaded"`)
	screenshot(t, ctx, "inbox-ar.png")
	if got := js(`getComputedStyle(document.getElementById("queue-pane")).direction + " " + (document.getElementById("queue-pane").getBoundingClientRect().left > document.getElementById("main").getBoundingClientRect().left)`); got != "rtl true" {
		t.Errorf("in Arabic the queue should sit on the right of the case: %s", got)
	}
}

// A 360 px phone, in Arabic: the queue and the case one at a time, nothing
// wider than the screen, targets big enough for a finger, keyboard help.
func TestBrowserInboxOnAPhone(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	run(chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))

	run(chromedp.Navigate(base+"/inbox/"), chromedp.WaitVisible(`button[data-lang="ar"]`), chromedp.Click(`button[data-lang="ar"]`))
	waitJS(t, ctx, "the sign-in screen in Arabic", `document.documentElement.dir === "rtl" && document.querySelector("#signin h1").textContent === "صندوق المستشارين"`)
	noWiderThanThePhone(t, ctx, "the sign-in screen")
	screenshot(t, ctx, "inbox-phone-signin-ar.png")
	signInToInbox(t, ctx, app, base, "cA@example.org")
	screenshot(t, ctx, "inbox-phone-queue-ar.png")

	item := `#queue li[data-id="` + f.IDs["q1"] + `"]`
	waitJS(t, ctx, "q1 in the queue", `document.querySelector('`+item+`')`)
	noWiderThanThePhone(t, ctx, "the queue")
	if got := js(`[getComputedStyle(document.getElementById("main")).display, getComputedStyle(document.getElementById("queue-pane")).display].join(" ")`); got != "none flex" {
		t.Errorf("on a phone the queue shows alone: main, queue = %s", got)
	}
	tooSmall := `[...document.querySelectorAll("button, a.tab, .item-link, select, input:not([type=checkbox]):not([type=radio]), textarea")]
		.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
		.filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
		.map(e => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().width) + "x" + Math.round(e.getBoundingClientRect().height)).join(", ")`
	if got := js(tooSmall); got != "" {
		t.Errorf("targets under 44 px on the phone's queue: %s", got)
	}

	run(chromedp.Click(item + ` a`))
	waitJS(t, ctx, "the case", `document.querySelector('#thread[data-id="`+f.IDs["q1"]+`"]')?.dataset.state === "ready"`)
	screenshot(t, ctx, "inbox-phone-thread-ar.png")
	noWiderThanThePhone(t, ctx, "the case")
	if got := js(`[getComputedStyle(document.getElementById("queue-pane")).display, document.getElementById("back").getClientRects().length > 0].join(" ")`); got != "none true" {
		t.Errorf("on a phone the case shows alone, with a way back: queue, back = %s", got)
	}
	if got := js(tooSmall); got != "" {
		t.Errorf("targets under 44 px in the phone's case: %s", got)
	}
	// The worker's follow-up and the internal note of the fixture, told apart.
	if got := js(`[...document.querySelectorAll("#messages .msg")].map(m => m.className.replace("msg ", "")).join(",")`); got != "from-worker first,from-worker,internal from-me,from-counsellor from-me" {
		t.Errorf("messages = %s", got)
	}

	// Back to the list with Escape; the keyboard help opens with "?".
	run(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent(keys.Escape))
	waitJS(t, ctx, "the queue again", `document.body.dataset.view === "queue" && getComputedStyle(document.getElementById("queue-pane")).display !== "none"`)
	run(chromedp.KeyEvent("?"))
	waitJS(t, ctx, "the shortcuts", `document.getElementById("shortcuts")?.open`)
	screenshot(t, ctx, "inbox-phone-shortcuts-ar.png")
	noWiderThanThePhone(t, ctx, "the shortcuts")
}

// A coordinator: the organisation's workload, one counsellor's cases from
// it, and the canned answers written, corrected and deleted.
func TestBrowserInboxForCoordinators(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	questions, err := app.FindCollectionByNameOrId("questions")
	if err != nil {
		t.Fatal(err)
	}
	coordinatorsCase := core.NewRecord(questions)
	for k, v := range map[string]any{"worker": f.IDs["w2"], "client_id": "coordinators-case", "text": "Mon passeport", "lang": "fr",
		"country": "TN", "status": "assigned", "organisation": f.IDs["orgA"], "counsellor": f.IDs["coordA"], "urgent": true,
		"due": time.Now().Add(-time.Hour)} {
		coordinatorsCase.Set(k, v)
	}
	if err := app.Save(coordinatorsCase); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	run(chromedp.EmulateViewport(1280, 800))
	signInToInbox(t, ctx, app, base, "coordA@example.org")
	if got := js(`[...document.querySelectorAll("#nav .count")].map(c => c.textContent).join(",")`); got != "1,2,0,1,1" {
		t.Errorf("counts of mine, organisation, unassigned, urgent, overdue = %s", got)
	}
	screenshot(t, ctx, "inbox-coordinator-en.png")

	run(chromedp.Click(`a[href="#/workload"]`))
	waitJS(t, ctx, "the workload", `document.getElementById("workload")?.dataset.state === "loaded"`)
	row := `#workload tr[data-id="` + f.IDs["cA"] + `"]`
	if got := js(`document.querySelector('` + row + `').innerText.replace(/\s+/g, " ").trim()`); got != "cA 1 of 10 0 0" {
		t.Errorf("cA's workload row = %q", got)
	}
	if got := js(`document.querySelector('#workload tr[data-id="` + f.IDs["coordA"] + `"]').innerText.replace(/\s+/g, " ").trim()`); got != "coordA (you) 1 of 10 1 1" {
		t.Errorf("coordA's workload row = %q", got)
	}
	if got := js(`document.querySelectorAll("#workload tbody tr").length + " " + document.getElementById("workload-screen").innerText.includes("cB")`); got != "2 false" {
		t.Errorf("the workload lists %s (want Union A's two counsellors only)", got)
	}
	screenshot(t, ctx, "inbox-workload-en.png")
	run(chromedp.Click(row + ` a`))
	waitJS(t, ctx, "cA's cases", `document.getElementById("queue").dataset.view === "#/org?counsellor=`+f.IDs["cA"]+`" && document.getElementById("queue").dataset.state === "loaded"`)
	if got := js(`[...document.querySelectorAll("#queue li")].map(li => li.dataset.id).join(",")`); got != f.IDs["q1"] {
		t.Errorf("cA's cases = %q, want q1", got)
	}

	// Canned answers: write one, correct it, delete it.
	run(chromedp.Click(`a[href="#/canned"]`))
	waitJS(t, ctx, "the canned answers", `document.getElementById("canned-admin")?.dataset.state === "loaded"`)
	run(chromedp.Click(`#canned-new`), chromedp.WaitVisible(`dialog input[name="title"]`),
		chromedp.SendKeys(`dialog input[name="title"]`, "Passport kept"),
		chromedp.SetValue(`dialog select[name="lang"]`, "fr"), chromedp.SetValue(`dialog select[name="topic"]`, "documents"),
		chromedp.SendKeys(`dialog textarea[name="body"]`, "Votre employeur n'a pas le droit de garder votre passeport."))
	screenshot(t, ctx, "inbox-canned-edit-en.png")
	run(chromedp.Click(`dialog button[type="submit"]`))
	waitJS(t, ctx, "the new canned answer", `[...document.querySelectorAll("#canned-admin h3")].some(h => h.textContent === "Passport kept")`)
	created, err := app.FindFirstRecordByFilter("canned_answers", "title = 'Passport kept'")
	if err != nil || created.GetString("organisation") != f.IDs["orgA"] || created.GetString("lang") != "fr" || created.GetString("topic") != "documents" {
		t.Fatalf("created canned answer: %v %v", created, err)
	}
	card := `#canned-admin li[data-id="` + created.Id + `"]`
	run(chromedp.Click(card+` button`), chromedp.WaitVisible(`dialog input[name="title"]`),
		chromedp.SetValue(`dialog input[name="title"]`, "Passport kept by the employer"), chromedp.Click(`dialog button[type="submit"]`))
	waitJS(t, ctx, "the corrected title", `document.querySelector('`+card+` h3')?.textContent === "Passport kept by the employer"`)
	screenshot(t, ctx, "inbox-canned-en.png")
	run(chromedp.Click(card+` button.danger`), chromedp.WaitVisible(`dialog button[value="yes"]`), chromedp.Click(`dialog button[value="yes"]`))
	waitJS(t, ctx, "the deleted canned answer gone", `!document.querySelector('`+card+`')`)
	if _, err := app.FindRecordById("canned_answers", created.Id); err == nil {
		t.Error("the canned answer is still stored")
	}

	// The keyboard: j moves down the list, o opens the selection, r goes
	// to the reply box, Escape leaves it, e closes the case and reopens it.
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/org"`))
	waitJS(t, ctx, "the organisation's list", `document.getElementById("queue").dataset.state === "loaded" && document.querySelector("#queue li")`)
	if got := js(`[...document.querySelectorAll("#queue li")].map(li => li.dataset.id).join(",")`); got != coordinatorsCase.Id+","+f.IDs["q1"] {
		t.Errorf("the organisation's list = %s, want the urgent case first", got)
	}
	run(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("j"))
	waitJS(t, ctx, "the first question selected", `document.activeElement.closest("#queue li")?.dataset.id === "`+coordinatorsCase.Id+`"`)
	run(chromedp.KeyEvent("j"))
	waitJS(t, ctx, "the second question selected", `document.activeElement.closest("#queue li")?.dataset.id === "`+f.IDs["q1"]+`"`)
	run(chromedp.KeyEvent("o"))
	waitJS(t, ctx, "q1 open", `document.querySelector('#thread[data-id="`+f.IDs["q1"]+`"]')?.dataset.state === "ready"`)
	run(chromedp.KeyEvent("r"))
	waitJS(t, ctx, "the reply box focused", `document.activeElement.id === "reply"`)
	// `e` asks first (a stray key must not close a case); confirmed, it closes.
	run(chromedp.KeyEvent(keys.Escape), chromedp.KeyEvent("e"))
	waitJS(t, ctx, "the confirmation of e", `document.getElementById("close-confirm")?.open === true`)
	run(chromedp.Click(`#close-confirm-yes`))
	waitJS(t, ctx, "q1 closed", `document.getElementById("thread").dataset.status === "closed" && document.getElementById("reopen")`)
	if q, _ := app.FindRecordById("questions", f.IDs["q1"]); q.GetString("status") != "closed" {
		t.Errorf("after e the question is %s", q.GetString("status"))
	}
	run(chromedp.KeyEvent("e"))
	waitJS(t, ctx, "q1 reopened", `document.getElementById("thread").dataset.status === "assigned"`)

	// Presence: cA opens the same case and sees the coordinator there, then
	// typing; the coordinator leaving clears it. Nobody sees themself.
	colleague := browsertest.New(t)
	browsertest.Run(t, colleague, 20*time.Second, chromedp.EmulateViewport(1280, 800))
	signInToInbox(t, colleague, app, base, "cA@example.org")
	browsertest.Run(t, colleague, 20*time.Second, chromedp.Evaluate[chromedp.Void](`location.hash = "#/mine/`+f.IDs["q1"]+`"`))
	waitJS(t, colleague, "coordA seen viewing", `document.getElementById("presence")?.textContent.replace(/[\u2066-\u2069]/g, "") === "coordA is viewing this case"`)
	waitJS(t, ctx, "cA seen viewing", `document.getElementById("presence")?.textContent.replace(/[\u2066-\u2069]/g, "") === "cA is viewing this case"`)
	run(chromedp.SendKeys(`#reply`, "Je m'en occupe"))
	waitJS(t, colleague, "coordA seen typing", `document.querySelector('#presence .who-typing')?.textContent.replace(/[\u2066-\u2069]/g, "").includes("coordA is typing")`)
	screenshot(t, colleague, "inbox-presence-en.png")
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/org"`))
	waitJS(t, colleague, "coordA gone", `document.getElementById("presence").textContent === ""`)

	// Signing out everywhere ends the session here and on the server.
	run(chromedp.Click(`#account`), chromedp.WaitVisible(`#signout-everywhere`), chromedp.Click(`#signout-everywhere`))
	waitJS(t, ctx, "the sign-in screen", `document.body.dataset.screen === "signin" && document.getElementById("email") && !sessionStorage.getItem("amem.inbox.session")`)
	if got := js(`document.querySelector("#signin .notice").textContent`); got != "You are signed out on every device." {
		t.Errorf("after signing out everywhere: %q", got)
	}
}

// signInToInbox signs in at /inbox/ with the password and the code that
// PocketBase e-mails (in the background), and waits for the queue.
func signInToInbox(t *testing.T, ctx context.Context, app *tests.TestApp, base, email string) {
	t.Helper()
	if !strings.HasPrefix(browsertest.Eval[string](t, ctx, `location.href`), base+"/inbox/") {
		browsertest.Run(t, ctx, 20*time.Second, chromedp.Navigate(base+"/inbox/"))
	}
	signIn(t, ctx, app, email, "correct horse battery")
	waitJS(t, ctx, "the inbox after signing in",
		`document.body.dataset.screen === "inbox" && document.getElementById("queue")?.dataset.state === "loaded" && document.body.dataset.realtime === "live"`)
	if got := browsertest.Eval[string](t, ctx, `String(!!sessionStorage.getItem("amem.inbox.session") && !localStorage.getItem("amem.inbox.session"))`); got != "true" {
		t.Error("the session must be kept in sessionStorage only")
	}
}

// signIn fills the sign-in of the inbox or the statistics page (the page
// on screen): e-mail and password, then the code e-mailed to email (six
// digits, a superuser's eight).
func signIn(t *testing.T, ctx context.Context, app *tests.TestApp, email, password string) {
	t.Helper()
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	sent := app.TestMailer.TotalSend()
	run(chromedp.WaitVisible(`#email`), chromedp.SendKeys(`#email`, email), chromedp.SendKeys(`#password`, password),
		chromedp.Click(`#signin-password button[type="submit"]`), chromedp.WaitVisible(`#code`))
	if !testapp.Eventually(func() bool { return app.TestMailer.TotalSend() > sent }) {
		t.Fatal("no code was e-mailed")
	}
	mail := app.TestMailer.LastMessage()
	if len(mail.To) == 0 || mail.To[0].Address != email {
		t.Fatalf("the code went to %v, want %s", mail.To, email)
	}
	code := testapp.Between(mail.HTML, "<strong>", "</strong>")
	if len(code) != 6 && len(code) != 8 {
		t.Fatalf("no 6- or 8-digit code in the mail: %q", mail.HTML)
	}
	run(chromedp.SendKeys(`#code`, code), chromedp.Click(`#signin-code button[type="submit"]`))
}

// openCase opens a case of the counsellor's own queue by its address and
// waits until its thread is ready.
func openCase(t *testing.T, ctx context.Context, base, id string) {
	t.Helper()
	browsertest.Run(t, ctx, 20*time.Second, chromedp.Navigate(base+"/inbox/#/mine/"+id))
	waitJS(t, ctx, "the case", `document.querySelector('#thread[data-id="`+id+`"]')?.dataset.state === "ready"`)
}

// setInboxLang chooses a language in the account menu.
func setInboxLang(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	browsertest.Run(t, ctx, 20*time.Second, chromedp.Click(`#account`), chromedp.WaitVisible(`#lang`), chromedp.SetValue(`#lang`, lang),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("lang").dispatchEvent(new Event("change"))`))
}

func noWiderThanThePhone(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if got := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); got > 360 {
		wide := browsertest.Eval[string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => { const r = e.getBoundingClientRect(); return r.right > 361 || r.left < -1; }).slice(0, 8).map(e => e.tagName + "." + e.className).join(", ")`)
		t.Errorf("%s is %d px wide on a 360 px phone (too wide: %s)", what, got, wide)
	}
}

// askedQuestion is what the worker's app gets back when it asks.
type askedQuestion struct {
	ID         string `json:"id"`
	Counsellor string `json:"counsellor"`
	Status     string `json:"status"`
}

// askWithVoiceNote sends a question as the worker's app does: multipart,
// with a voice note.
func askWithVoiceNote(t *testing.T, base, token string, fields map[string]string) askedQuestion {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	part, err := w.CreatePart(textproto.MIMEHeader{
		"Content-Disposition": {`form-data; name="audio"; filename="voice.ogg"`}, "Content-Type": {"audio/ogg"}})
	if err != nil {
		t.Fatal(err)
	}
	part.Write(testapp.OggOpusHeader())
	w.Close()
	req, _ := http.NewRequest("POST", base+"/api/collections/questions/records", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var q askedQuestion
	if err := json.NewDecoder(res.Body).Decode(&q); err != nil || res.StatusCode != 200 {
		t.Fatalf("ask = %d %v", res.StatusCode, err)
	}
	return q
}

func getJSON(t *testing.T, url, token string, out any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}
