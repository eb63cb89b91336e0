package helpline

import (
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/apierrors"
)

// searchLimit is how many cases a search returns, the most recently
// changed first: enough for a queue page, cheap to put in a filter.
const searchLimit = 200

// SearchThreads serves GET /api/amem/questions/search?q= (counsellors): the
// ids of their organisation's cases whose question or thread contains q,
// in what they may read of the thread (the worker's messages, the answers,
// their own union's internal notes; never another union's notes). The
// inbox's search filters the queue by them. A filter over messages_via_question
// would do the same in PocketBase, but back-relation filters are refused to
// everyone but superusers (they are an oracle: pb_hooks/guard).
func SearchThreads(e *core.RequestEvent) error {
	q := strings.TrimSpace(e.Request.URL.Query().Get("q"))
	switch n := len([]rune(q)); {
	case n < 2:
		return e.BadRequestError("", apierrors.Field("q", "validation_min_text_constraint"))
	case n > 200:
		return e.BadRequestError("", apierrors.Field("q", "validation_max_text_constraint"))
	}
	org := e.Auth.GetString("organisation")
	ids := []string{}
	err := e.App.DB().NewQuery(`
		SELECT questions.id FROM questions
		WHERE questions.organisation = {:org} AND (questions.text LIKE {:like} ESCAPE '\'
			OR EXISTS (SELECT 1 FROM messages WHERE messages.question = questions.id
				AND (messages.internal = FALSE OR messages.organisation = {:org})
				AND messages.text LIKE {:like} ESCAPE '\'))
		ORDER BY questions.updated DESC LIMIT {:limit}`).
		Bind(dbx.Params{"org": org, "like": "%" + escapeLike(q) + "%", "limit": searchLimit}).Column(&ids)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, map[string]any{"ids": ids})
}

// escapeLike makes q match itself in a LIKE pattern.
func escapeLike(q string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q)
}
