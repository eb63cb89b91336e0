package push

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPayloadEncode(t *testing.T) {
	cases := []struct {
		name, title, body string
		titleRunes        int // the title's length once encoded; 0: shorter than MaxTitle, to fit MaxPayload
	}{
		{"Latin title cut at MaxTitle", strings.Repeat("Alert ", 100), "<b> Tunisia.", MaxTitle},
		{"Arabic title cut to fit the record", strings.Repeat("تنبيه ", 100), "<b> تنبيه بشأن تونس. افتح تطبيق AMEM لقراءته.", 0},
		{"short title kept", "تنبيه", "<b> تنبيه بشأن تونس. افتح تطبيق AMEM لقراءته.", 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Payload{Kind: KindAlert, Title: tc.title, Body: tc.body, URL: "/#/alerts/abcdefghijklmno", Tag: "alert-abcdefghijklmno"}
			b, err := p.Encode()
			if err != nil {
				t.Fatal(err)
			}
			var back Payload
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			n := utf8.RuneCountInString(back.Title)
			switch {
			case len(b) > MaxPayload:
				t.Errorf("%d bytes, over %d: %s", len(b), MaxPayload, b)
			case tc.titleRunes > 0 && n != tc.titleRunes:
				t.Errorf("title of %d characters %q, want %d", n, back.Title, tc.titleRunes)
			case tc.titleRunes == 0 && (n >= MaxTitle || n < 40 || !strings.HasSuffix(back.Title, "…")):
				t.Errorf("title of %d characters %q, want cut to fit (at least 40, ending with …)", n, back.Title)
			case back.Body != p.Body:
				t.Errorf("body %q, want it whole", back.Body)
			}
			if !strings.Contains(string(b), `"body":"<b>`) {
				t.Errorf("HTML characters escaped: %s", b)
			}
			if rs, err := recordSize(len(b)); err != nil || rs > 384 {
				t.Errorf("a payload of %d bytes gets record size %d (%v)", len(b), rs, err)
			}
		})
	}
}

func TestRecordSize(t *testing.T) {
	cases := []struct {
		n    int
		want uint32
		err  error
	}{
		{0, 128, nil},
		{128 - recordOverhead, 128, nil},
		{128 - recordOverhead + 1, 256, nil},
		{250, 384, nil},
		{4096 - recordOverhead, 4096, nil},
		{4096 - recordOverhead + 1, 0, ErrTooLarge},
	}
	for _, tc := range cases {
		got, err := recordSize(tc.n)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("recordSize(%d) = %d, %v; want %d, %v", tc.n, got, err, tc.want, tc.err)
		}
	}
}

func TestBackoff(t *testing.T) {
	for attempt := 1; attempt <= 12; attempt++ {
		ceiling := min(time.Second<<(attempt-1), time.Minute)
		for range 50 {
			d := Backoff(attempt, time.Second, time.Minute)
			if d < ceiling/2 || d > ceiling {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", attempt, d, ceiling/2, ceiling)
			}
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"-3", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"999999999", MaxRetryAfter},
	}
	for _, tc := range cases {
		if got := parseRetryAfter(tc.header, now); got != tc.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := map[int]Outcome{
		200: Delivered, 201: Delivered, 202: Delivered,
		404: Gone, 410: Gone,
		429: Retry, 500: Retry, 502: Retry, 503: Retry,
		413: Failed, 400: Failed, 401: Failed, 403: Failed, 301: Failed,
	}
	for status, want := range cases {
		if got := classify(status); got != want {
			t.Errorf("classify(%d) = %v, want %v", status, got, want)
		}
	}
}

func TestNormaliseSubscriber(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ops@amem.example.org", "ops@amem.example.org"},
		{"mailto:ops@amem.example.org", "ops@amem.example.org"},
		{"MAILTO:ops@amem.example.org", "ops@amem.example.org"},
		{"https://amem.example.org/contact", "https://amem.example.org/contact"},
		{"http://amem.example.org", ""},
		{"AMEM <ops@amem.example.org>", ""},
		{"", ""},
	}
	for _, tc := range cases {
		got, err := NormaliseSubscriber(tc.in)
		if got != tc.want || (err == nil) != (tc.want != "") {
			t.Errorf("NormaliseSubscriber(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
