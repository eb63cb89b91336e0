package routing

import "time"

// Statuses a Decision gives the question (values of questions.status).
const (
	StatusAssigned  = "assigned"  // a counsellor or coordinator has it
	StatusEscalated = "escalated" // nobody fits: it waits in a queue with no counsellor
)

// Levels at which a question is placed, from the ordinary to the last resort.
const (
	LevelCounsellor  = "counsellor"  // an eligible counsellor (language, country, topic)
	LevelCoordinator = "coordinator" // a coordinator of an organisation covering the country
	LevelFallback    = "fallback"    // the fallback organisation's unassigned queue
	LevelSuperusers  = "superusers"  // the superusers' queue: nobody is assigned
)

// Decision is where a question goes and why.
type Decision struct {
	Counsellor   string        // Counsellor.ID; "" in a queue (fallback or superusers)
	Organisation string        // Organisation.ID; "" when escalated to the superusers
	Status       string        // StatusAssigned or StatusEscalated
	Level        string        // LevelCounsellor, LevelCoordinator, LevelFallback or LevelSuperusers
	Why          Reasons       // why, as codes with parameters, for the case's audit; never quotes the worker
	Urgent       bool          // IsUrgent(question text)
	Due          time.Time     // when an answer is due (see DueFor)
	ExpectedWait time.Duration // Due - now: what the worker is told honestly
}
