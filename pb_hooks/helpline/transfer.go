package helpline

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/cases"
	"amem/internal/routing"
	"amem/pb_hooks/apierrors"
)

type transferRequest struct {
	Counsellor   string `json:"counsellor"`
	Organisation string `json:"organisation"`
	Country      string `json:"country"`
	Note         string `json:"note"`
}

// Transfer serves POST /api/amem/questions/{id}/transfer (a counsellor of
// the case's organisation): {"counsellor"|"organisation"|"country", "note"}.
// A transfer to a colleague of the same organisation happens at once. A
// transfer to another organisation or country first asks the worker: the
// case stays where it is, awaiting consent, until they accept (it moves,
// whole thread included) or refuse (it stays). The "consent_asked" event
// tells the worker (notify). Every step is written to the audit trail.
func Transfer(e *core.RequestEvent) error {
	var req transferRequest
	if err := e.BindBody(&req); err != nil {
		return e.BadRequestError("", err)
	}
	req.Country = strings.ToUpper(strings.TrimSpace(req.Country))
	targets := 0
	for _, v := range []string{req.Counsellor, req.Organisation, req.Country} {
		if v != "" {
			targets++
		}
	}
	if targets != 1 {
		return e.BadRequestError("", apierrors.Field("counsellor", "amem_one_target"))
	}
	if len([]rune(req.Note)) > 2000 {
		return e.BadRequestError("", apierrors.Field("note", "validation_max_text_constraint"))
	}

	q, ok := heldCase(e)
	if !ok {
		return e.NotFoundError("", nil) // never confirm that another organisation's case exists
	}
	if cases.Status(q.GetString("status")) == cases.AwaitingConsent {
		return e.BadRequestError("", apierrors.Field("status", "amem_consent_pending"))
	}

	decision, err := transferDecision(e.App, q, req)
	if err != nil {
		return err
	}
	crossing := decision.Organisation != q.GetString("organisation")
	if crossing && !cases.Allowed(cases.Status(q.GetString("status")), cases.AwaitingConsent, cases.System) {
		// A closed case is reopened before it is handed to another union.
		return e.BadRequestError("", apierrors.Field("status", "validation_in_invalid"))
	}
	actor := e.Auth.Id
	from := holder(q)
	err = e.App.RunInTransaction(func(txApp core.App) error {
		if !crossing {
			// Within the organisation: no personal data leaves it, no consent needed.
			q.Set("counsellor", decision.Counsellor)
			q.Set("status", string(cases.Assigned))
			q.Set("due", routing.DueFor(q.GetBool("urgent"), routing.LevelCounsellor, time.Now()))
			if err := txApp.Save(q); err != nil {
				return err
			}
			return recordCaseEvent(txApp, q, "transferred", from, holder(q), actor, req.Note, nil)
		}
		q.Set("status_before_consent", q.GetString("status"))
		q.Set("status", string(cases.AwaitingConsent))
		q.Set("pending_organisation", decision.Organisation)
		q.Set("pending_counsellor", decision.Counsellor)
		q.Set("pending_country", req.Country)
		if err := txApp.Save(q); err != nil {
			return err
		}
		return recordCaseEvent(txApp, q, "consent_asked", from, [2]string{decision.Counsellor, decision.Organisation}, actor, req.Note, nil)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if err := apis.EnrichRecord(e, q); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, q)
}

// transferDecision works out who receives the case.
func transferDecision(app core.App, q *core.Record, req transferRequest) (routing.Decision, error) {
	orgs, counsellors, err := routingPool(app)
	if err != nil {
		return routing.Decision{}, apis.NewInternalServerError("", err)
	}
	switch {
	case req.Counsellor != "":
		for _, c := range counsellors {
			if c.ID == req.Counsellor && c.Active && c.ID != q.GetString("counsellor") {
				return routing.Decision{Counsellor: c.ID, Organisation: c.Organisation}, nil
			}
		}
		return routing.Decision{}, apis.NewBadRequestError("", apierrors.Field("counsellor", "amem_not_available"))

	case req.Organisation != "":
		for _, o := range orgs {
			if o.ID == req.Organisation && o.Active {
				return routeWithin(q, []routing.Organisation{o}, counsellors, preferredCountry(q, o.Countries)), nil
			}
		}
		return routing.Decision{}, apis.NewBadRequestError("", apierrors.Field("organisation", "amem_not_available"))

	default:
		covering := []routing.Organisation{}
		for _, o := range orgs {
			if o.Active && slices.Contains(o.Countries, req.Country) {
				covering = append(covering, o)
			}
		}
		if len(covering) == 0 {
			return routing.Decision{}, apis.NewBadRequestError("", apierrors.Field("country", "amem_no_partner"))
		}
		return routeWithin(q, covering, counsellors, req.Country), nil
	}
}

// routeWithin routes the question among the given organisations, as if the
// worker were in country. When none of their counsellors fits, the case goes
// to the first organisation without a named counsellor.
func routeWithin(q *core.Record, orgs []routing.Organisation, counsellors []routing.Counsellor, country string) routing.Decision {
	rq := routingQuestion(q)
	rq.Country = country
	d := routing.Route(rq, orgs, counsellors, time.Now())
	if d.Organisation == "" {
		d.Organisation = orgs[0].ID
	}
	return d
}

// preferredCountry is where the worker is going when the organisation covers
// it (the protection continuum), else where they are, else the
// organisation's first country.
func preferredCountry(q *core.Record, covered []string) string {
	for _, c := range []string{q.GetString("destination"), q.GetString("country")} {
		if c != "" && slices.Contains(covered, c) {
			return c
		}
	}
	if len(covered) > 0 {
		return covered[0]
	}
	return q.GetString("country")
}
