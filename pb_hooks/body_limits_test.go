package pb_hooks

import (
	"net/http"
	"strings"
	"testing"

	"amem/pb_hooks/testapp"
)

// TestBodiesAreCappedPerRoute: PocketBase takes 32 MB on every route from
// anyone; AMEM takes a text-sized body where no file is expected, and on a
// record write the collection's file limits on top (a question's voice
// note and photos still fit, see the photo tests).
func TestBodiesAreCappedPerRoute(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	handler := testapp.Handler(t, app)
	big := `{"text":"` + strings.Repeat("a", 1<<20) + `"}` // 1 MB
	for _, tc := range []struct {
		role, method, path string
		status             int
	}{
		{testapp.Anonymous, http.MethodPost, "/api/amem/workers", http.StatusRequestEntityTooLarge},
		{testapp.Anonymous, http.MethodPost, "/api/collections/guides/records", http.StatusRequestEntityTooLarge},
		{testapp.Worker, http.MethodPost, "/api/amem/questions/" + f.IDs["q1"] + "/consent", http.StatusRequestEntityTooLarge},
		{testapp.Counsellor, http.MethodPost, "/api/amem/questions/" + f.IDs["q1"] + "/transfer", http.StatusRequestEntityTooLarge},
	} {
		headers := f.Headers(tc.role)
		if headers == nil {
			headers = map[string]string{}
		}
		headers["Content-Type"] = "application/json"
		res := testapp.ServeBody(t, handler, tc.method, tc.path, big, headers)
		res.Body.Close()
		if res.StatusCode != tc.status {
			t.Errorf("%s %s as %s with 1 MB: %d, want %d", tc.method, tc.path, tc.role, res.StatusCode, tc.status)
		}
	}
}
