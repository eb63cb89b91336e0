// Package apierrors puts every API error into the caller's language, in
// PocketBase's error shape, and makes the field errors the areas return.
package apierrors

import (
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"amem/internal/i18n"
)

// LocaliseMiddlewareId names the middleware, so it can be found and replaced.
const LocaliseMiddlewareId = "amemLocaliseErrors"

// Bind puts every API error's message, and the message of each invalid
// field, into the caller's language (?lang= or Accept-Language). The shape
// stays PocketBase's ({"status","message","data"}) and the field codes stay,
// so clients can still tell errors apart. Superusers keep PocketBase's
// precise English messages in the dashboard.
func Bind(app core.App, catalog *i18n.Catalog) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: LocaliseMiddlewareId,
			// Right after the auth token is loaded (superusers keep English),
			// and outside the rate limiter and our own guards, so that their
			// errors are in the caller's language too.
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				err := e.Next()
				if err == nil {
					return err
				}
				apiErr := router.ToApiError(err)
				lang := requestLang(e, catalog)
				if e.HasSuperuserAuth() {
					// Only our own codes: PocketBase's messages say more to an admin.
					localiseFieldErrors(apiErr.Data, lang, catalog, true)
					return apiErr
				}
				return localiseError(apiErr, lang, catalog)
			},
		})
		return se.Next()
	})
}

// requestLang returns the caller's language: ?lang=, else Accept-Language.
func requestLang(e *core.RequestEvent, catalog *i18n.Catalog) string {
	return catalog.Match(e.Request.URL.Query().Get("lang"), e.Request.Header.Get("Accept-Language"))
}

func localiseError(apiErr *router.ApiError, lang string, catalog *i18n.Catalog) *router.ApiError {
	apiErr.Message = catalog.T(lang, statusMessageID(apiErr.Status), nil, nil)
	localiseFieldErrors(apiErr.Data, lang, catalog, false)
	return apiErr
}

func statusMessageID(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "error.unauthorized"
	case status == http.StatusForbidden:
		return "error.forbidden"
	case status == http.StatusNotFound:
		return "error.not_found"
	case status == http.StatusRequestEntityTooLarge:
		return "error.too_large"
	case status == http.StatusTooManyRequests:
		return "error.too_many_requests"
	case status >= 500:
		return "error.server"
	default:
		return "error.bad_request"
	}
}

func localiseFieldErrors(data map[string]any, lang string, catalog *i18n.Catalog, onlyOurs bool) {
	for _, v := range data {
		item, ok := v.(map[string]any)
		if !ok {
			continue
		}
		code, isItem := item["code"].(string)
		if !isItem {
			localiseFieldErrors(item, lang, catalog, onlyOurs) // nested, e.g. a JSON field's keys
			continue
		}
		if onlyOurs && !strings.HasPrefix(code, "amem_") {
			continue
		}
		item["message"] = catalog.T(lang, fieldMessageID(code), nil, nil)
	}
}

// Field is the error data of one invalid field, in PocketBase's shape,
// with a code that fieldMessageID knows: PocketBase's own validation codes,
// or ours, prefixed "amem_", each with a message in locales/.
func Field(field, code string) map[string]any {
	return map[string]any{field: validation.NewError(code, code)}
}

// fieldMessageID maps PocketBase's validation codes, and ours, to our messages.
func fieldMessageID(code string) string {
	switch {
	case strings.HasPrefix(code, "amem_"):
		return "error.field." + strings.TrimPrefix(code, "amem_")
	case code == "validation_required" || strings.Contains(code, "empty") || strings.Contains(code, "nil"):
		return "error.field.required"
	case code == "validation_not_unique":
		return "error.field.not_unique"
	case strings.Contains(code, "max_text") || strings.Contains(code, "too_long") || strings.Contains(code, "too_many") || strings.Contains(code, "json_size"):
		return "error.field.too_long"
	case strings.Contains(code, "min_text") || strings.Contains(code, "too_short") || strings.Contains(code, "not_enough"):
		return "error.field.too_short"
	case strings.Contains(code, "file_size") || strings.Contains(code, "content_size"):
		return "error.field.file_too_large"
	case strings.Contains(code, "mime") || code == "validation_invalid_file":
		return "error.field.file_type"
	case strings.Contains(code, "number_constraint") || strings.Contains(code, "out_of_range"):
		return "error.field.out_of_range"
	case strings.Contains(code, "in_invalid"):
		return "error.field.not_allowed"
	default:
		return "error.field.invalid"
	}
}
