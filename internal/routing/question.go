package routing

import "amem/internal/vocab"

// Question is what routing needs to know about a worker's question. It holds
// nothing that identifies the worker.
type Question struct {
	Country     string // ISO 3166 code of the country the worker is in
	Destination string // where the worker is going; used for coverage when Country is empty
	Lang        string // language the worker writes in and wants the answer in
	Topic       string // one of the question topics; "" or "other" means any counsellor will do
	Phase       string // migration phase; not used by routing yet, carried for the callers' convenience
	Text        string // read only by IsUrgent, never copied into a Decision
}

// TopicOther is the topic a worker picks when none fits (vocab.TopicOther);
// like an empty topic, it does not narrow the choice of counsellor.
const TopicOther = vocab.TopicOther

// routedCountry is the country whose coverage decides the routing: where the
// worker is, or, before departure, where they are going.
func (q Question) routedCountry() (country string, fromDestination bool) {
	if c := clean(q.Country); c != "" {
		return c, false
	}
	if d := clean(q.Destination); d != "" {
		return d, true
	}
	return "", false
}

// topicFilter is the topic counsellors must handle, or "" when any will do.
func (q Question) topicFilter() string {
	t := clean(q.Topic)
	if t == "" || sameCode(t, TopicOther) {
		return ""
	}
	return t
}
