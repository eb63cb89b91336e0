package helpline

import (
	"amem/internal/routing"
	"amem/pb_hooks/records"

	"github.com/pocketbase/pocketbase/core"
)

// Codes of the reasons the server gives on case events other than routing
// (routing's are in internal/routing).
const (
	reasonWorkerSolved     = "worker_solved"      // the worker marked it solved
	reasonWorkerWroteAgain = "worker_wrote_again" // the worker's message reopened it
	reasonWaitedUnplaced   = "waited_unplaced"    // it waited in the superusers' queue
)

// recordCaseEvent appends to a case's audit trail: note is what a person
// wrote (a hand-over note), why is what the server did, as codes.
func recordCaseEvent(app core.App, question *core.Record, kind string, from, to [2]string, actor, note string, why routing.Reasons) error {
	ev, err := newCaseEvent(app, question, kind, from, to, actor, note, why)
	if err != nil {
		return err
	}
	return app.Save(ev)
}

// newCaseEvent is the case event recordCaseEvent saves.
func newCaseEvent(app core.App, question *core.Record, kind string, from, to [2]string, actor, note string, why routing.Reasons) (*core.Record, error) {
	collection, err := app.FindCachedCollectionByNameOrId("case_events")
	if err != nil {
		return nil, err
	}
	ev := core.NewRecord(collection)
	ev.Set("question", question.Id)
	ev.Set("kind", kind)
	ev.Set("from_counsellor", from[0])
	ev.Set("from_organisation", from[1])
	ev.Set("to_counsellor", to[0])
	ev.Set("to_organisation", to[1])
	ev.Set("actor", actor)
	ev.Set("note", records.Truncate(note, 4000))
	if len(why) > 0 {
		ev.Set("reasons", why)
	}
	return ev, nil
}

// holder is who has a question: counsellor and organisation ids.
func holder(q *core.Record) [2]string {
	return [2]string{q.GetString("counsellor"), q.GetString("organisation")}
}
