package reviews_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"amem/pb_hooks/reviews"
	"amem/pb_hooks/testapp"
)

type syncedAgencies struct {
	Cursor   string `json:"cursor"`
	Agencies []struct {
		ID     string          `json:"id"`
		Rating *reviews.Rating `json:"rating"`
	} `json:"agencies"`
}

func syncAgencies(t *testing.T, h http.Handler, since string) (syncedAgencies, string) {
	t.Helper()
	url := "/api/amem/sync?lang=en"
	if since != "" {
		url += "&since=" + since
	}
	res := testapp.Serve(t, h, "GET", url, nil)
	if res.StatusCode == http.StatusFound {
		res = testapp.Serve(t, h, "GET", res.Header.Get("Location"), nil)
	}
	body := testapp.ReadAll(t, res)
	var out syncedAgencies
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("sync = %d %s", res.StatusCode, body)
	}
	return out, body
}

func ratingOf(s syncedAgencies, id string) (*reviews.Rating, bool) {
	for _, a := range s.Agencies {
		if a.ID == id {
			return a.Rating, true
		}
	}
	return nil, false
}

// Only published reviews count, and publishing one brings the agency's new
// rating to phones in the next delta; nothing in it names a worker.
func TestPublishedRatingsTravelInTheSync(t *testing.T) {
	r, f, _ := newReviewing(t)
	full, body := syncAgencies(t, r.h, "")
	rating, found := ratingOf(full, f.IDs["agency1"])
	if !found || rating == nil {
		t.Fatalf("agency one has no rating in the full sync: %s", body)
	}
	want := reviews.Rating{Reviews: 1, Honoured: 1, NoFees: 1, Treatment: 4, Comments: []string{"Fair and clear"}}
	if got, _ := json.Marshal(rating); string(got) != string(must(json.Marshal(want))) {
		t.Errorf("agency one's rating = %s, want %s (the pending review must not count)", got, must(json.Marshal(want)))
	}
	if two, _ := ratingOf(full, f.IDs["agency2"]); two != nil {
		t.Errorf("agency two, never reviewed, has a rating: %+v", two)
	}

	if status, res := r.send(testapp.Counsellor, "PATCH", reviewsURL+"/"+f.IDs["review2"], `{"status":"published"}`); status != 200 {
		t.Fatalf("publishing = %d %s", status, res)
	}
	delta, body := syncAgencies(t, r.h, full.Cursor)
	rating, found = ratingOf(delta, f.IDs["agency1"])
	if !found || rating == nil {
		t.Fatalf("the delta after publishing lacks agency one: %s", body)
	}
	want = reviews.Rating{Reviews: 2, Honoured: 0.5, NoFees: 0.5, Fees: &reviews.Fee{Amount: 5000, Currency: "TND"}, Treatment: 2.5,
		Comments: []string{"They kept my passport", "Fair and clear"}}
	if got, _ := json.Marshal(rating); string(got) != string(must(json.Marshal(want))) {
		t.Errorf("after publishing, agency one's rating = %s, want %s", got, must(json.Marshal(want)))
	}
	for _, who := range []string{"w1", "w2", "review1", "review2", "cA"} {
		if strings.Contains(body, f.IDs[who]) {
			t.Errorf("the sync names %s", who)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
