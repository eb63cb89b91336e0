package notify

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/i18n"
	"amem/internal/push"
)

// notifyData is what a notification points at.
type notifyData struct {
	Question string // the question's id (answer, transfer, assignment, overdue)
	Count    int    // overdue: how many questions are past their due time (0 counts as 1)
}

// notifyRecipient queues a notification of kind for every push subscription of
// recipient (a workers or counsellors record), in each subscription's
// language. It only writes to push_outbox, so it may run inside the caller's
// transaction (the notification is then committed with what it announces);
// the dispatcher sends it after the commit.
func notifyRecipient(app core.App, recipient *core.Record, kind push.Kind, data notifyData) error {
	svc := pushServiceOf(app)
	if svc == nil {
		return errors.New("push: not bound to this app")
	}
	if recipient == nil {
		return errors.New("push: no recipient")
	}
	var owner string
	switch recipient.Collection().Name {
	case "workers":
		owner = "worker"
	case "counsellors":
		owner = "counsellor"
	default:
		return fmt.Errorf("push: cannot notify a %s record", recipient.Collection().Name)
	}
	if !kind.Valid() || kind == push.KindAlert {
		return fmt.Errorf("push: notifyRecipient with kind %q", kind)
	}
	payloads := map[string]push.Payload{}
	for _, lang := range svc.catalog.Langs() {
		payloads[lang] = svc.render(lang, kind, data)
	}
	queued, err := svc.enqueue(app, "[["+owner+"]] = {:recipient}", dbx.Params{"recipient": recipient.Id}, kind, payloads)
	if err != nil {
		return err
	}
	if queued > 0 { // nothing queued (no subscription): nothing to wake for
		afterCommit(app, svc.wake)
	}
	return nil
}

// notifyAlert queues a published alert for every subscription that follows
// the alert's country and reads its language. Drafts and expired alerts are
// not sent.
func notifyAlert(app core.App, alert *core.Record) error {
	svc := pushServiceOf(app)
	if svc == nil {
		return errors.New("push: not bound to this app")
	}
	if !alert.GetBool("published") {
		return nil
	}
	if expires := alert.GetDateTime("expires"); !expires.IsZero() && expires.Time().Before(time.Now()) {
		return nil
	}
	lang := alert.GetString("lang")
	where := "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid([[countries]]) THEN [[countries]] ELSE '[]' END) WHERE [[value]] = {:country})"
	queued, err := svc.enqueue(app, where, dbx.Params{"country": alert.GetString("country")}, push.KindAlert, map[string]push.Payload{lang: svc.renderAlert(lang, alert)})
	if err == nil && queued > 0 {
		afterCommit(app, svc.wake)
	}
	return err
}

// enqueue writes one push_outbox row for each subscription that matches
// where and reads one of the languages of payloads: a single INSERT … SELECT,
// so that an alert to many thousands of phones, or a counsellor's
// notification in every language they may have subscribed in, is one
// statement inside the transaction that causes it. Discreet subscriptions
// get the neutral wording of their language, the others its payload.
// Subscriptions in a language we have no messages for count as the default
// language. It returns how many rows it queued.
func (svc *Service) enqueue(app core.App, where string, params dbx.Params, kind push.Kind, payloads map[string]push.Payload) (int64, error) {
	langs := make([]string, 0, len(payloads))
	for lang := range payloads {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	for i, lang := range langs {
		for _, discreet := range []bool{false, true} {
			p := payloads[lang]
			if discreet {
				p = svc.neutral(lang, p)
			}
			body, err := p.Encode()
			if err != nil {
				return 0, err
			}
			params[payloadParam(i, discreet)] = string(body)
		}
		params["lang"+strconv.Itoa(i)] = lang
	}
	params["kind"], params["now"] = string(kind), types.NowDateTime().String()
	res, err := app.NonconcurrentDB().NewQuery(svc.queueStatement(where, langs)).Bind(params).Execute()
	if err != nil {
		return 0, fmt.Errorf("push: queue %s: %w", kind, err)
	}
	queued, err := res.RowsAffected()
	if err != nil {
		return 1, nil // unknown: wake the dispatcher anyway
	}
	return queued, nil
}

func payloadParam(i int, discreet bool) string {
	return "payload" + strconv.Itoa(i) + "_" + strconv.FormatBool(discreet)
}

// queueStatement is enqueue's INSERT … SELECT for where and langs (the
// statement text depends on nothing else, so it is built once). The inner
// SELECT works out each subscription's language once; the CASE then picks
// its payload by that language and by discreet mode.
func (svc *Service) queueStatement(where string, langs []string) string {
	key := where + "\x00" + strings.Join(langs, ",")
	if q, ok := svc.queueSQL.Load(key); ok {
		return q.(string)
	}
	var wording, wanted strings.Builder
	for i := range langs {
		for _, discreet := range []bool{false, true} {
			stored := "0" // how SQLite holds the bool
			if discreet {
				stored = "1"
			}
			fmt.Fprintf(&wording, " WHEN eff = {:lang%d} AND d = %s THEN {:%s}", i, stored, payloadParam(i, discreet))
		}
		if i > 0 {
			wanted.WriteString(", ")
		}
		fmt.Fprintf(&wanted, "{:lang%d}", i)
	}
	// The language a subscription is written to.
	effective := "CASE WHEN [[lang]] IN (" + svc.quotedLangs() + ") THEN [[lang]] ELSE '" + i18n.DefaultLang + "' END"
	q := "INSERT INTO {{push_outbox}} ([[subscription]], [[kind]], [[payload]], [[attempts]], [[next_attempt]], [[last_error]], [[created]], [[updated]])" +
		" SELECT id, {:kind}, CASE" + wording.String() + " END, 0, {:now}, '', {:now}, {:now}" +
		" FROM (SELECT [[id]] AS id, [[discreet]] AS d, " + effective + " AS eff FROM {{push_subscriptions}} WHERE " + where + ")" +
		" WHERE eff IN (" + wanted.String() + ")"
	svc.queueSQL.Store(key, q)
	return q
}

// quotedLangs lists the catalog's languages as SQL literals (they are file
// names of locales/, two or three letters, checked by the i18n tests).
func (svc *Service) quotedLangs() string {
	quoted := make([]string, 0, len(svc.catalog.Langs()))
	for _, l := range svc.catalog.Langs() {
		quoted = append(quoted, "'"+strings.ReplaceAll(l, "'", "")+"'")
	}
	return strings.Join(quoted, ", ")
}

// afterCommit runs fn once app's transaction (if any) has committed: the
// dispatcher, woken earlier, would not see the rows yet.
func afterCommit(app core.App, fn func()) {
	if !app.IsTransactional() {
		fn()
		return
	}
	app.TxInfo().OnComplete(func(txErr error) error {
		if txErr == nil {
			fn()
		}
		return nil
	})
}

// render writes a notification in lang. It says what happened and where to
// look; the question's text and anything about the worker stay out of it.
func (svc *Service) render(lang string, kind push.Kind, data notifyData) push.Payload {
	t := func(id string) string { return svc.catalog.T(lang, id, nil, nil) }
	q := data.Question
	switch kind {
	case push.KindAnswer:
		return push.Payload{Kind: kind, Title: t("push.answer.title"), Body: t("push.answer.body"), URL: "/#/questions/" + q, Tag: "question-" + q}
	case push.KindTransfer:
		return push.Payload{Kind: kind, Title: t("push.transfer.title"), Body: t("push.transfer.body"), URL: "/#/questions/" + q, Tag: "question-" + q}
	case push.KindAssignment:
		return push.Payload{Kind: kind, Title: t("push.assignment.title"), Body: t("push.assignment.body"), URL: "/inbox/#/questions/" + q, Tag: "case-" + q}
	default: // push.KindOverdue
		n := max(data.Count, 1)
		url := "/inbox/"
		if q != "" && n == 1 {
			url += "#/questions/" + q
		}
		return push.Payload{Kind: kind, Title: svc.catalog.T(lang, "push.overdue.title", n, map[string]any{"Count": n}),
			Body: t("push.overdue.body"), URL: url, Tag: "overdue"}
	}
}

// neutral is what a discreet subscription shows instead of p: "New message"
// in lang, with no word of AMEM, of a question or of a country. The link and
// tag (not shown) stay, so that a click still opens the thread.
func (svc *Service) neutral(lang string, p push.Payload) push.Payload {
	t := func(id string) string { return svc.catalog.T(lang, id, nil, nil) }
	return push.Payload{Kind: p.Kind, Title: t("push.discreet.title"), Body: t("push.discreet.body"), URL: p.URL, Tag: p.Tag}
}

// renderAlert writes an alert's notification: its title as written (in the
// alert's language), and the country it is about.
func (svc *Service) renderAlert(lang string, alert *core.Record) push.Payload {
	country := alert.GetString("country")
	name := svc.catalog.T(lang, "country."+country, nil, nil)
	if name == "country."+country {
		name = country
	}
	return push.Payload{Kind: push.KindAlert, Title: alert.GetString("title"),
		Body: svc.catalog.T(lang, "push.alert.body", nil, map[string]any{"Country": name}),
		URL:  "/#/alerts/" + alert.Id, Tag: "alert-" + alert.Id}
}
