package browser

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// A voice note shows a level meter while it records (the fake microphone's
// beep moves it) and, once sent, its length as recorded: the phone sends it
// with the note (a WebM recording carries none, so players showed 0:00),
// and the worker's thread and the counsellor's case show it.
func TestBrowserVoiceNoteLengthAndLevel(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t, browsertest.FakeMedia...)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	ar := arabicMessages(t)
	lengthOf := func(clock string) string { return strings.Replace(ar["voice.length"], "{{.Time}}", clock, 1) }

	firstRunInArabic(t, ctx, base, "TN", "QA")
	run(chromedp.Navigate(base+"/#/ask"), chromedp.WaitVisible(`#record`), chromedp.Click(`#record`), chromedp.WaitVisible(`#record-level`))
	waitJS(t, ctx, "the level meter to hear the microphone", `document.getElementById("record-level").value > 0.02`)
	if got := js(`document.getElementById("record-level").getAttribute("aria-label")`); got != ar["voice.level"] {
		t.Errorf("the level meter is named %q", got)
	}
	time.Sleep(2100 * time.Millisecond)
	run(chromedp.Click(`#record-stop`), chromedp.WaitVisible(`audio.voice-preview`))
	shown := js(`document.querySelector(".recorder .meta").textContent`)
	run(chromedp.SendKeys(`#ask-text`, "سؤال بصوتي"), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the question's thread", `document.querySelector("#thread[data-id]")`)
	clientID := js(`document.getElementById("thread").dataset.id`)
	if !testapp.Eventually(func() bool { return countQuestions(t, app, clientID) == 1 }) {
		t.Fatal("the question did not reach the server")
	}
	q := theQuestion(t, app, clientID)
	seconds := q.GetInt("audio_seconds")
	clock := "0:" + leftPad(strconv.Itoa(seconds))
	if seconds < 2 || shown != lengthOf(clock) {
		t.Fatalf("the server keeps %d seconds for a note the phone showed as %q", seconds, shown)
	}
	waitJS(t, ctx, "the length in the thread", `[...document.querySelectorAll("#thread .voice-length")].some(e => e.textContent === `+jsString(lengthOf(clock))+`)`)

	// The counsellor's case shows the same length beside the player.
	counsellor, err := app.FindRecordById("counsellors", q.GetString("counsellor"))
	if err != nil {
		t.Fatalf("the question's counsellor: %v", err)
	}
	signInToInbox(t, ctx, app, base, counsellor.GetString("email"))
	openCase(t, ctx, base, q.Id)
	inInbox := strings.Replace(messagesIn(t, "en")["voice.length"], "{{.Time}}", clock, 1) // the inbox's own language
	if got := js(`document.querySelector("#messages .voice-wrap .voice-length")?.textContent`); got != inInbox {
		t.Errorf("the inbox shows the voice note's length as %q, want %q", got, inInbox)
	}

	// The counsellor answers by voice: the same meter, and the length sent.
	run(chromedp.Click(`#composer #record`), chromedp.WaitVisible(`#composer #record-level`))
	waitJS(t, ctx, "the inbox's level meter to hear the microphone", `document.querySelector("#composer #record-level").value > 0.02`)
	time.Sleep(1100 * time.Millisecond)
	run(chromedp.Click(`#composer #record`), chromedp.WaitVisible(`#composer .voice-box audio`))
	answerShown := js(`document.querySelector("#composer .voice-box .voice-length").textContent`)
	run(chromedp.Click(`#send`))
	var answer *core.Record
	if !testapp.Eventually(func() bool {
		answer, _ = app.FindFirstRecordByFilter("messages", "question = {:q} && audio != ''", dbx.Params{"q": q.Id})
		return answer != nil
	}) {
		t.Fatal("the voice answer did not reach the server")
	}
	answerClock := "0:" + leftPad(strconv.Itoa(answer.GetInt("audio_seconds")))
	if answer.GetInt("audio_seconds") < 1 || answerShown != strings.Replace(messagesIn(t, "en")["voice.length"], "{{.Time}}", answerClock, 1) {
		t.Errorf("the server keeps %d seconds for an answer the inbox showed as %q", answer.GetInt("audio_seconds"), answerShown)
	}
}

func leftPad(s string) string {
	if len(s) < 2 {
		return "0" + s
	}
	return s
}
