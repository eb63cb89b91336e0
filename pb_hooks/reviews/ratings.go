package reviews

import (
	"math"
	"slices"
	"sort"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/vocab"
)

// latestComments is how many published comments travel with an agency.
const latestComments = 3

// Rating is what the published reviews of one agency say, as the sync
// carries it: counts and shares, never who wrote what.
type Rating struct {
	Reviews int `json:"reviews"`
	// Honoured is the share (0–1) saying the contract was honoured in full.
	Honoured float64 `json:"honoured"`
	// NoFees is the share that paid the agency nothing (the lawful case).
	NoFees float64 `json:"no_fees"`
	// Fees is the median fee asked of those who paid, in the currency most
	// of them paid in (omitted when nobody paid).
	Fees *Fee `json:"fees,omitempty"`
	// Treatment is the mean of the 1–5 marks, to one decimal.
	Treatment float64  `json:"treatment"`
	Comments  []string `json:"comments,omitempty"`
}

// Fee is an amount in an ISO 4217 currency.
type Fee struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

type publishedReview struct {
	Agency    string  `db:"agency"`
	FeesNone  bool    `db:"fees_none"`
	Amount    float64 `db:"fees_amount"`
	Currency  string  `db:"fees_currency"`
	Contract  string  `db:"contract"`
	Treatment float64 `db:"treatment"`
	Comment   string  `db:"comment"`
}

// Ratings reads the ratings of the given agencies from their published
// reviews; agencies without any are absent. One query for all of them.
func Ratings(app core.App, agencyIDs []string) (map[string]Rating, error) {
	out := map[string]Rating{}
	if len(agencyIDs) == 0 {
		return out, nil
	}
	ids := make([]any, len(agencyIDs))
	for i, id := range agencyIDs {
		ids[i] = id
	}
	var rows []publishedReview
	err := app.DB().Select("agency", "fees_none", "fees_amount", "fees_currency", "contract", "treatment", "comment").
		From(Collection).
		Where(dbx.HashExp{"status": vocab.ReviewPublished}).
		AndWhere(dbx.In("agency", ids...)).
		OrderBy("agency", "created DESC", "id").
		All(&rows)
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].Agency == rows[start].Agency {
			end++
		}
		out[rows[start].Agency] = rate(rows[start:end])
		start = end
	}
	return out, nil
}

// rate sums up one agency's published reviews, newest first.
func rate(reviews []publishedReview) Rating {
	r := Rating{Reviews: len(reviews)}
	var honoured, none int
	var treatment float64
	paid := map[string][]float64{}
	for _, v := range reviews {
		if v.Contract == "yes" {
			honoured++
		}
		if v.FeesNone {
			none++
		} else if v.Amount > 0 && v.Currency != "" {
			paid[v.Currency] = append(paid[v.Currency], v.Amount)
		}
		treatment += v.Treatment
		if v.Comment != "" && len(r.Comments) < latestComments {
			r.Comments = append(r.Comments, v.Comment)
		}
	}
	n := float64(len(reviews))
	r.Honoured = round2(float64(honoured) / n)
	r.NoFees = round2(float64(none) / n)
	r.Treatment = math.Round(treatment/n*10) / 10
	if currency := mostCommon(paid); currency != "" {
		r.Fees = &Fee{Amount: median(paid[currency]), Currency: currency}
	}
	return r
}

// mostCommon is the currency most amounts were paid in (ties: the first
// in alphabetical order, so the answer does not depend on map order).
func mostCommon(paid map[string][]float64) string {
	currencies := make([]string, 0, len(paid))
	for c := range paid {
		currencies = append(currencies, c)
	}
	sort.Strings(currencies)
	best := ""
	for _, c := range currencies {
		if best == "" || len(paid[c]) > len(paid[best]) {
			best = c
		}
	}
	return best
}

func median(values []float64) float64 {
	s := slices.Clone(values)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
