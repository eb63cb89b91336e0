package retention

import (
	"testing"
	"time"
)

func TestCutoff(t *testing.T) {
	now := time.Date(2026, 12, 3, 3, 15, 0, 0, time.UTC)
	if got, want := Cutoff(now, 30), time.Date(2026, 11, 3, 3, 15, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("30 days before %v = %v, want %v", now, got, want)
	}
	// A period below the minimum (a zero left in the record) is not "erase
	// everything closed": the default applies.
	if got, want := Cutoff(now, 0), now.AddDate(0, 0, -DefaultDays); !got.Equal(want) {
		t.Errorf("cut-off for 0 days = %v, want the default's %v", got, want)
	}
}
