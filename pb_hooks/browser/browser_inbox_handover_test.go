package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// A case handed over to another union, in both unions' inboxes: the sender,
// who has it open when the worker accepts, is told in words and can no
// longer write; the receiver reads the worker's thread and the hand-over
// note written for it, never the sender's internal notes.
func TestBrowserInboxHandOverAcrossUnions(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	q1 := f.IDs["q1"]

	sender := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: sender}.Run
	js := browsertest.Tab{T: t, Ctx: sender}.JS
	run(chromedp.EmulateViewport(1280, 800))
	signInToInbox(t, sender, app, base, "cA@example.org")
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/mine/` + q1 + `"`))
	waitJS(t, sender, "q1 open at Union A", `document.querySelector('#thread[data-id="`+q1+`"]')?.dataset.state === "ready"`)
	// The move is told on the case's presence topic: wait until the thread
	// hears it, as a counsellor's open case does long before a worker answers.
	waitJS(t, sender, "q1 live at Union A", `document.querySelector('#thread[data-id="`+q1+`"]')?.hasAttribute("data-live")`)

	const handover = "She keeps her contract; the employer is in Casablanca."
	post := func(role, path, body string) {
		t.Helper()
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(f.Fill(body)))
		req.Header.Set("Authorization", f.Tokens[role])
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("POST %s = %v %v", path, res, err)
		}
		res.Body.Close()
	}
	post(testapp.Counsellor, "/api/amem/questions/"+q1+"/transfer", `{"organisation":"{{orgB}}","note":"`+handover+`"}`)
	waitJS(t, sender, "the hand-over awaiting the worker", `!!document.getElementById("consent-banner")`)
	post(testapp.Worker, "/api/amem/questions/"+q1+"/consent", `{"accept":true}`)

	waitJS(t, sender, "the move said in words", `!document.getElementById("moved-banner").hidden && document.getElementById("thread").dataset.state === "moved"`)
	if got := js(`document.getElementById("moved-banner").textContent`); !strings.Contains(got, "accepted the hand-over") {
		t.Errorf("the sender is told %q", got)
	}
	if got := js(`String(document.getElementById("thread").innerText.includes("inbox."))`); got != "false" {
		t.Errorf("a raw key is shown: %s", js(`document.getElementById("thread").innerText`))
	}
	if got := js(`String(document.getElementById("reply").disabled && document.getElementById("send").disabled)`); got != "true" {
		t.Error("the composer must be disabled once the case left the union")
	}

	receiver := browsertest.New(t)
	browsertest.Run(t, receiver, 20*time.Second, chromedp.EmulateViewport(1280, 800))
	signInToInbox(t, receiver, app, base, "cB@example.org")
	browsertest.Run(t, receiver, 20*time.Second, chromedp.Evaluate[chromedp.Void](`location.hash = "#/org/`+q1+`?status=all"`))
	waitJS(t, receiver, "q1 open at Union B", `document.querySelector('#thread[data-id="`+q1+`"]')?.dataset.state === "ready" && !document.getElementById("handover").hidden`)
	receiverJS := func(expr string) string { t.Helper(); return browsertest.Eval[string](t, receiver, expr) }
	if got := receiverJS(`document.getElementById("handover").textContent.replace(/[\u2066-\u2069]/g, "")`); got != "Hand-over note from UA"+handover {
		t.Errorf("the hand-over note = %q", got)
	}
	conversation := receiverJS(`document.getElementById("messages").innerText.replace(/[\u2066-\u2069]/g, "")`)
	for _, want := range []string{"worker follow-up", "the answer", "A counsellor of UA"} {
		if !strings.Contains(conversation, want) {
			t.Errorf("the receiver's conversation lacks %q:\n%s", want, conversation)
		}
	}
	if strings.Contains(conversation, "internal note") || strings.Contains(conversation, "A colleague") {
		t.Errorf("the receiver sees the sender's internal note or an unnamed colleague:\n%s", conversation)
	}
}
