// Package helpline is the counselling service: anonymous worker accounts,
// questions and their threads, routing to a counsellor, the answer deadline
// and the overdue job, hand-over between unions with the worker's consent,
// presence and workload in the inbox, statistics, photos, erasing (the
// worker's own erase and the nightly retention job), and the counsellors'
// sign-in e-mail. The lifecycle itself (statuses, who may move a case where)
// is internal/cases.
package helpline

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/i18n"
)

// Bind attaches the helpline's record hooks, realtime check, cron and mail
// template to app. Its routes are in pb_hooks' route table.
func Bind(app core.App, catalog *i18n.Catalog) {
	bindPlainText(app)
	bindQuestions(app)
	bindQuestionVisibility(app)
	bindLabels(app)
	bindCaseClosing(app)
	bindStatusMoves(app)
	bindMessages(app)
	bindPresenceTopics(app)
	bindOverdueQuestions(app)
	bindRetention(app)
	bindErasureJournal(app)
	bindMail(app, catalog)
	bindCounsellorSignInLimits(app)
	bindStatsKeys(app)
	bindSignedOutWorkers(app)
}
