package browser

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// A worker looking at their thread sees it change as in a chat, with no
// tap and no reconnection: "seen by a counsellor" once the counsellor opens
// the case in the inbox, then the answer, both through PocketBase's
// realtime stream. Where the stream cannot be held (a proxy that cuts it),
// the next answer still comes, by the poll the app makes while visible.
func TestBrowserAnswersArriveWhileTheWorkerLooks(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.NewWithContent(t)
	var cutStream atomic.Bool
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if cutStream.Load() && e.Request.URL.Path == "/api/realtime" {
				return e.Error(http.StatusServiceUnavailable, "no stream here", nil)
			}
			return e.Next()
		})
		return se.Next()
	})
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)
	firstRunInArabic(t, ctx, base, "TN", "")

	run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "لم أتقاضَ أجري منذ شهر. ماذا أفعل؟"), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the question sent", `document.querySelector('#thread[data-state="assigned"]')`)
	q := theQuestion(t, app, js(`document.getElementById("thread").dataset.id`))
	mark := `document.querySelector("#thread > .from-me .mark")?.textContent`
	if got := js(mark); got != " · "+ar["thread.sent"] {
		t.Fatalf("the question's state reads %q, want %q", got, ar["thread.sent"])
	}
	// With a question open, the app holds the stream.
	waitJS(t, ctx, "the realtime stream", `document.body.dataset.realtime === "live"`)

	// The counsellor it went to opens the case in the inbox.
	counsellor, err := app.FindRecordById("counsellors", q.GetString("counsellor"))
	if err != nil {
		t.Fatal(err)
	}
	inbox := browsertest.New(t)
	signInToInbox(t, inbox, app, base, counsellor.GetString("email"))
	openCase(t, inbox, base, q.Id)
	waitJS(t, ctx, "the question marked seen", mark+` === " · "+`+jsString(ar["thread.seen"]))

	// The counsellor answers: it shows in the open thread.
	const answer = "اطلب أجرك كتابيًا واحتفظ بنسخة من الطلب."
	postAs(t, base+"/api/collections/messages/records", f.Tokens[testapp.Counsellor], map[string]any{"question": q.Id, "text": answer}, 200)
	waitJS(t, ctx, "the answer in the open thread", `[...document.querySelectorAll("#messages .from-counsellor .text")].some(e => e.textContent === `+jsString(answer)+`)`)
	if got := js(mark); got != " · "+ar["thread.answered"] {
		t.Errorf("after the answer, the question's state reads %q, want %q", got, ar["thread.answered"])
	}

	// A stream that a proxy cuts: the app polls while visible.
	cutStream.Store(true)
	for _, client := range app.SubscriptionsBroker().Clients() {
		app.SubscriptionsBroker().Unregister(client.Id())
	}
	waitJS(t, ctx, "the stream down", `document.body.dataset.realtime !== "live"`)
	const second = "وإن لم يدفع خلال أسبوع، اتصل بمفتشية الشغل."
	postAs(t, base+"/api/collections/messages/records", f.Tokens[testapp.Counsellor], map[string]any{"question": q.Id, "text": second}, 200)
	waitJSWithin(t, ctx, 45*time.Second, "the second answer, by the poll", `[...document.querySelectorAll("#messages .from-counsellor .text")].some(e => e.textContent === `+jsString(second)+`)`)
	if got := js(`document.body.dataset.realtime`); strings.EqualFold(got, "live") {
		t.Errorf("the stream is %q while the server refuses it: the answer did not come by the poll", got)
	}
}
