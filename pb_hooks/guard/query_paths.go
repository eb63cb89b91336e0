// Package guard keeps callers inside what the API rules let them read.
package guard

import (
	"amem/pb_hooks/apierrors"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// QueryPathsMiddlewareId names the middleware, so it can be found and replaced.
const QueryPathsMiddlewareId = "amemQueryPaths"

// errQueryPath is what a refused filter, sort or expand reports.
var errQueryPath = errors.New("filter, sort and expand may not follow this relation")

// Bind refuses, for every caller but a superuser, the filters,
// sorts and expands that leave the collection asked for through a
// back-relation (x_via_y), an @collection join, or a relation into a
// collection that is not public.
//
// Why: PocketBase applies a joined collection's list rule to the main query
// only, not inside the sub-query that to-many comparisons (!~, !=, ~, < …)
// use, so `organisations?filter=questions_via_organisation.text ~ "a%"` is an
// oracle on every question of a union, one character per request. Our apps
// filter only on the collection's own fields and relations into public
// collections, so refusing everything else costs them nothing.
//
// Bind also scrubs the request logs (see bindRequestLogs).
func Bind(app core.App) {
	bindRequestLogs(app)
	bindHeaders(app)
	bindBodyLimits(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: QueryPathsMiddlewareId,
			// After the auth token is loaded (who is asking) and the errors'
			// localiser, before the rate limiter and every route.
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
			Func: func(e *core.RequestEvent) error {
				if e.HasSuperuserAuth() {
					return e.Next()
				}
				name, ok := recordsCollectionInPath(e.Request.URL.Path)
				if !ok {
					return e.Next()
				}
				collection, err := e.App.FindCachedCollectionByNameOrId(name)
				if err != nil {
					return e.Next() // PocketBase answers 404 itself
				}
				if err := checkQueryPaths(e.App, collection, e.Auth, e.Request.URL.Query()); err != nil {
					return queryPathError(e, err)
				}
				return e.Next()
			},
		})
		return se.Next()
	})

	// Realtime subscriptions carry the same options (a filter is evaluated
	// against each changed record), so they get the same check.
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		for _, sub := range e.Subscriptions {
			topic, options, ok := realtimeSubscriptionQuery(sub)
			if !ok {
				continue
			}
			name, _, _ := strings.Cut(topic, "/")
			collection, err := e.App.FindCachedCollectionByNameOrId(name)
			if err != nil {
				continue // not a collection topic (presence and the like)
			}
			if err := checkQueryPaths(e.App, collection, e.Auth, options); err != nil {
				return queryPathError(e.RequestEvent, err)
			}
		}
		return e.Next()
	})
}

func queryPathError(e *core.RequestEvent, err error) error {
	return e.BadRequestError(err.Error(), apierrors.Field("filter", "amem_query_path"))
}

// recordsCollectionInPath returns the collection of a records or auth API
// path: /api/collections/{collection}/… (list, view, create, update, auth).
func recordsCollectionInPath(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/api/collections/")
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(rest, "/")
	return name, name != ""
}

// realtimeSubscriptionQuery splits "questions/*?options={…}" into its topic
// and the query of its options.
func realtimeSubscriptionQuery(sub string) (string, url.Values, bool) {
	topic, rawQuery, found := strings.Cut(sub, "?")
	if !found {
		return topic, nil, false
	}
	params, err := url.ParseQuery(rawQuery)
	if err != nil {
		return topic, nil, false
	}
	var options struct {
		Query map[string]string `json:"query"`
	}
	if err := json.Unmarshal([]byte(params.Get("options")), &options); err != nil {
		return topic, nil, false
	}
	query := url.Values{}
	for k, v := range options.Query {
		query.Set(k, v)
	}
	return topic, query, true
}

// checkQueryPaths checks every field path of the filter and sort parameters,
// walked from collection (or from the caller's own record for @request.auth
// paths), and the expand parameter.
func checkQueryPaths(app core.App, collection *core.Collection, auth *core.Record, query url.Values) error {
	var paths []string
	if filter := query.Get("filter"); filter != "" {
		groups, err := fexpr.Parse(filter)
		if err != nil {
			return nil // PocketBase refuses an invalid filter itself
		}
		paths = append(paths, filterIdentifiers(groups)...)
	}
	for _, field := range strings.Split(query.Get("sort"), ",") {
		if field = strings.TrimLeft(strings.TrimSpace(field), "+-"); field != "" {
			paths = append(paths, field)
		}
	}
	// An expand applies each expanded collection's view rule itself, so
	// only back-relations are refused there: nothing of ours expands one.
	if strings.Contains(query.Get("expand"), "_via_") {
		return errQueryPath
	}
	for _, path := range paths {
		if err := checkQueryPath(app, collection, auth, path); err != nil {
			return err
		}
	}
	return nil
}

// filterIdentifiers lists the field paths a parsed filter names, function
// arguments included.
func filterIdentifiers(groups []fexpr.ExprGroup) []string {
	var out []string
	var token func(t fexpr.Token)
	token = func(t fexpr.Token) {
		switch t.Type {
		case fexpr.TokenIdentifier:
			out = append(out, t.Literal)
		case fexpr.TokenFunction:
			if args, ok := t.Meta.([]fexpr.Token); ok {
				for _, arg := range args {
					token(arg)
				}
			}
		}
	}
	for _, g := range groups {
		switch item := g.Item.(type) {
		case fexpr.Expr:
			token(item.Left)
			token(item.Right)
		case fexpr.ExprGroup:
			out = append(out, filterIdentifiers([]fexpr.ExprGroup{item})...)
		case []fexpr.ExprGroup:
			out = append(out, filterIdentifiers(item)...)
		}
	}
	return out
}

// checkQueryPath walks one path (a.b.c, with :modifiers) and refuses it when
// it leaves through a back-relation, an @collection join, or a relation into
// a collection whose list rule is not public.
func checkQueryPath(app core.App, collection *core.Collection, auth *core.Record, path string) error {
	if strings.Contains(path, "_via_") {
		return errQueryPath
	}
	parts := strings.Split(path, ".")
	switch {
	case parts[0] == "@collection":
		return errQueryPath
	case parts[0] == "@request":
		if len(parts) < 3 || parts[1] != "auth" || auth == nil {
			return nil // static request values, or no auth record to walk
		}
		collection, parts = auth.Collection(), parts[2:]
	case strings.HasPrefix(parts[0], "@"):
		return nil // macros such as @now, @random, @rowid
	}
	for _, part := range parts[:len(parts)-1] {
		name, _, _ := strings.Cut(part, ":")
		relation, ok := collection.Fields.GetByName(name).(*core.RelationField)
		if !ok {
			return nil // a JSON key path or a plain field: nothing to join
		}
		target, err := app.FindCachedCollectionByNameOrId(relation.CollectionId)
		if err != nil {
			return errQueryPath
		}
		if target.ListRule == nil || *target.ListRule != "" {
			return errQueryPath
		}
		collection = target
	}
	return nil
}
