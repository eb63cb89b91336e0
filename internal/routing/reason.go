package routing

import (
	"encoding/json"
	"slices"
	"strings"
)

// Reason is one step of why a case is where it is: a code and its
// parameters (record ids, country and language codes, counts), never words.
// The inbox says it in the counsellor's language, with names for the ids
// (locale keys "inbox.reason.<code>"). A case's reasons are written to its
// routing note and case events as JSON.
type Reason struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

// Reasons are the steps of a decision, outermost first (e.g. "overdue,
// re-routed", then how the new counsellor was chosen, then "urgent").
type Reasons []Reason

// Codes of the reasons routing gives. The server's other case events use
// the Event* codes.
const (
	ReasonAssignedOnly        = "assigned_only"         // counsellor, org, open, capacity, scope
	ReasonAssignedLeastLoaded = "assigned_least_loaded" // counsellor, org, open, capacity, eligible, scope
	ReasonAssignedAllFull     = "assigned_all_full"     // counsellor, org, open, capacity, eligible, scope
	ReasonCoordinator         = "coordinator"           // counsellor, org, open, capacity, coordinators, scope
	ReasonNoCountry           = "no_country"            // —
	ReasonNobodyCovers        = "nobody_covers"         // scope
	ReasonFallbackQueue       = "fallback_queue"        // org
	ReasonSuperusersQueue     = "superusers_queue"      // —
	ReasonUrgent              = "urgent"                // concern, hours
	ReasonOverdueRerouted     = "overdue_rerouted"      // from, to
	ReasonOverdueCoordinator  = "overdue_coordinator"   // from, to
	ReasonOverdueKept         = "overdue_kept"          // org, counsellor
	ReasonOverdueFallback     = "overdue_fallback"      // from
	ReasonOverdueSuperusers   = "overdue_superusers"    // from
)

// The scope parameters say what the question asked of a counsellor:
// country, lang, topic (when it narrows the choice), destination ("true"
// when the country is where the worker is going), other_than (the
// counsellor a late case was taken from).

// Because makes a Reason from its code and key, value pairs; empty values
// are left out.
func Because(code string, kv ...string) Reason {
	r := Reason{Code: code}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if r.Params == nil {
			r.Params = map[string]string{}
		}
		r.Params[kv[i]] = kv[i+1]
	}
	return r
}

// with returns r with more parameters.
func (r Reason) with(kv ...string) Reason {
	out := Because(r.Code, kv...)
	for k, v := range r.Params {
		if out.Params == nil {
			out.Params = map[string]string{}
		}
		out.Params[k] = v
	}
	return out
}

// String writes the reasons compactly, for logs and tests:
// "code(key=value, …); code".
func (rs Reasons) String() string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		var b strings.Builder
		b.WriteString(r.Code)
		if len(r.Params) > 0 {
			keys := make([]string, 0, len(r.Params))
			for k := range r.Params {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			b.WriteByte('(')
			for j, k := range keys {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(k + "=" + r.Params[k])
			}
			b.WriteByte(')')
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, "; ")
}

// JSON is the reasons as stored in a routing note or a case event.
func (rs Reasons) JSON() string {
	if len(rs) == 0 {
		return ""
	}
	b, _ := json.Marshal(rs) // strings only: it cannot fail
	return string(b)
}

// ParseReasons reads what JSON wrote; anything else (a note from before
// reasons were codes) is no reasons.
func ParseReasons(s string) Reasons {
	var rs Reasons
	if json.Unmarshal([]byte(s), &rs) != nil {
		return nil
	}
	return rs
}
