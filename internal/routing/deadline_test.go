package routing

import (
	"testing"
	"time"
)

func TestDueFor(t *testing.T) {
	scenarios := []struct {
		urgent bool
		level  string
		want   time.Duration
	}{
		{true, LevelCounsellor, 4 * time.Hour},
		{true, LevelCoordinator, 4 * time.Hour},
		{true, LevelSuperusers, 4 * time.Hour},
		{false, LevelCounsellor, 48 * time.Hour},
		{false, LevelCoordinator, 48 * time.Hour},
		{false, LevelSuperusers, 48 * time.Hour},
		{false, "", 48 * time.Hour},
	}
	for _, s := range scenarios {
		if got := DueFor(s.urgent, s.level, testNow); !got.Equal(testNow.Add(s.want)) {
			t.Errorf("DueFor(%v, %q) = %v, want now + %v", s.urgent, s.level, got, s.want)
		}
	}
	if UrgentWithin != 4*time.Hour || NormalWithin != 48*time.Hour {
		t.Errorf("deadlines are %v and %v; the workers are promised 4h and 48h", UrgentWithin, NormalWithin)
	}
}

func TestOverdue(t *testing.T) {
	due := testNow.Add(time.Hour)
	scenarios := []struct {
		name     string
		due, now time.Time
		want     bool
	}{
		{"before", due, due.Add(-time.Second), false},
		{"at the due instant", due, due, false},
		{"after", due, due.Add(time.Nanosecond), true},
		{"long after", due, due.Add(72 * time.Hour), true},
		{"no deadline", time.Time{}, due, false},
		{"same instant in another zone", due.In(time.FixedZone("Casablanca", 3600)), due, false},
	}
	for _, s := range scenarios {
		if got := Overdue(s.due, s.now); got != s.want {
			t.Errorf("%s: Overdue(%v, %v) = %v, want %v", s.name, s.due, s.now, got, s.want)
		}
	}
}
