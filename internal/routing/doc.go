// Package routing decides who answers a worker's question: which counsellor,
// of which organisation, how soon, and what happens when nobody answers in
// time. It also tells urgent questions (trafficking, withheld passports,
// violence, detention) from the others.
//
// It is pure logic over plain values: the caller loads organisations and
// counsellors (with their count of open questions) and stores the Decision.
// Nothing here reads a database, a clock or the network, so every rule is
// tested with tables. Decision.Why is written for the case's audit trail as
// codes with parameters (see Reason), never the worker's text.
package routing
