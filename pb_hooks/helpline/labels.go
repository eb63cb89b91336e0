package helpline

import (
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindLabels keeps a case's labels its holding organisation's own: a label
// of another organisation is refused (whoever saves, superusers included),
// and a case that moves to another union leaves its labels behind (they
// say what the sending union thought of it, in its own words).
func bindLabels(app core.App) {
	// Before the save validates the record: a check must not change it.
	app.OnRecordUpdate("questions").BindFunc(func(e *core.RecordEvent) error {
		dropLabelsOnMove(e.Record)
		return e.Next()
	})
	app.OnRecordValidate("questions").BindFunc(func(e *core.RecordEvent) error {
		if err := checkLabelsOrganisation(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// dropLabelsOnMove empties the labels of a case whose organisation changes.
func dropLabelsOnMove(q *core.Record) {
	if q.Original().GetString("organisation") != q.GetString("organisation") {
		q.Set("labels", []string{})
	}
}

func checkLabelsOrganisation(app core.App, q *core.Record) error {
	ids := q.GetStringSlice("labels")
	if len(ids) == 0 || slices.Equal(ids, q.Original().GetStringSlice("labels")) {
		return nil
	}
	labels, err := app.FindRecordsByIds("labels", ids)
	if err != nil {
		return err
	}
	org := q.GetString("organisation")
	for _, l := range labels {
		if org == "" || l.GetString("organisation") != org {
			return validation.Errors{"labels": validation.NewError("amem_label_other_org", "a label of another organisation")}
		}
	}
	return nil
}
