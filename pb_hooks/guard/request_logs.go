package guard

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// RequestLogsHookId names the hook that scrubs request logs.
const RequestLogsHookId = "amemRequestLogs"

// scrubbedLogFields are what PocketBase's request log keeps that can tell
// who a worker is or what they asked: the phone's user agent (its model and
// build), the page it came from, and the caller's address (off in the
// settings too; removed here whatever the settings say).
var scrubbedLogFields = []string{"userAgent", "referer", "userIP", "remoteIP", "authId"}

// bindRequestLogs cuts the query string off every logged request URL and
// drops the fields above before the log is written. Query strings carry
// search terms (?filter=text~"…"), file tokens (which name the worker's
// account) and recovery attempts; the path alone is enough to run the
// service. It applies to every caller, superusers included: a log that
// outlives an erasure must hold nothing an erasure would have removed.
func bindRequestLogs(app core.App) {
	app.OnModelCreate(core.LogsTableName).Bind(&hook.Handler[*core.ModelEvent]{
		Id: RequestLogsHookId,
		Func: func(e *core.ModelEvent) error {
			if l, ok := e.Model.(*core.Log); ok {
				scrubRequestLog(l)
			}
			return e.Next()
		},
	})
}

// scrubRequestLog removes from one log entry what bindRequestLogs promises.
func scrubRequestLog(l *core.Log) {
	if l.Data == nil || l.Data["type"] != "request" {
		// Other logs (cron, push, the content import) are written by our
		// own code, which logs no personal data.
		return
	}
	for _, k := range scrubbedLogFields {
		delete(l.Data, k)
	}
	if u, ok := l.Data["url"].(string); ok {
		l.Data["url"] = withoutQuery(u)
	}
	l.Message = withoutQuery(l.Message)
}

func withoutQuery(s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		return s[:i]
	}
	return s
}
