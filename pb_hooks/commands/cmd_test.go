package commands

import (
	"amem/pb_hooks/testapp"
	"bytes"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// runCommand runs an admin command the way `amem ...` would.
func runCommand(t *testing.T, app *tests.TestApp, args ...string) (string, error) {
	t.Helper()
	var cmd = All(app)
	var out bytes.Buffer
	for _, c := range cmd {
		if c.Name() == args[0] {
			c.SetOut(&out)
			c.SetErr(&out)
			c.SetArgs(args[1:])
			err := c.Execute()
			return out.String(), err
		}
	}
	t.Fatalf("no command %q", args[0])
	return "", nil
}

func TestAdminCommandsSetUpADeployment(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()

	out, err := runCommand(t, app, "org", "add", "--name", "Union Générale Tunisienne du Travail", "--short", "UGTT", "--countries", "tn, ly")
	if err != nil || !strings.Contains(out, "added organisation Union Générale Tunisienne du Travail (TN,LY)") {
		t.Fatalf("org add: %v %s", err, out)
	}
	out, err = runCommand(t, app, "counsellor", "add", "--email", "salma@example.org", "--name", "Salma", "--org", "UGTT",
		"--languages", "AR,fr", "--topics", "wages,recruitment", "--capacity", "15", "--coordinator")
	if err != nil || !strings.Contains(out, "added counsellor Salma <salma@example.org>") || !strings.Contains(out, "initial password") {
		t.Fatalf("counsellor add: %v %s", err, out)
	}
	salma, err := app.FindAuthRecordByEmail("counsellors", "salma@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(salma.GetStringSlice("countries"), ","); got != "TN,LY" {
		t.Errorf("countries default to the organisation's: got %s", got)
	}
	if got := strings.Join(salma.GetStringSlice("languages"), ","); got != "ar,fr" {
		t.Errorf("languages = %s", got)
	}
	if !salma.GetBool("active") || !salma.GetBool("coordinator") || salma.GetInt("capacity") != 15 {
		t.Errorf("counsellor fields %v", salma.FieldsData())
	}

	out, err = runCommand(t, app, "counsellor", "list", "--org", "UGTT")
	if err != nil || !strings.Contains(out, "salma@example.org") || !strings.Contains(out, "0/15") || strings.Contains(out, "cA@example.org") {
		t.Fatalf("counsellor list: %v\n%s", err, out)
	}

	tokenKey := salma.TokenKey()
	out, err = runCommand(t, app, "counsellor", "deactivate", "salma@example.org")
	if err != nil || !strings.Contains(out, "deactivated Salma") {
		t.Fatalf("deactivate: %v %s", err, out)
	}
	salma, _ = app.FindAuthRecordByEmail("counsellors", "salma@example.org")
	if salma.GetBool("active") || salma.TokenKey() == tokenKey {
		t.Error("a deactivated counsellor must be inactive and signed out everywhere")
	}
}

func TestAdminCommandsRefuseBadInput(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"org", "add", "--countries", "TN"}, "--name is required"},
		{[]string{"org", "add", "--name", "X", "--countries", "Tunisia"}, `"Tunisia" is not a two-letter country code`},
		{[]string{"org", "add", "--name", "X", "--countries", "TN", "--kind", "party"}, `--kind "party" is not one of union, institution, ngo`},
		{[]string{"org", "add", "--name", "X"}, "--countries is required"},
		{[]string{"counsellor", "add", "--email", "a@example.org", "--name", "A", "--org", "Nope", "--languages", "ar"}, `no organisation "Nope"`},
		{[]string{"counsellor", "add", "--email", "a@example.org", "--name", "A", "--org", "UA"}, "--languages is required"},
		{[]string{"counsellor", "add", "--email", "a@example.org", "--name", "A", "--org", "UA", "--languages", "arabic"}, `"arabic" is not a language code`},
		{[]string{"counsellor", "add", "--email", "a@example.org", "--name", "A", "--org", "UA", "--languages", "ar", "--capacity", "0"}, "--capacity 0"},
		{[]string{"counsellor", "add", "--email", "not-an-email", "--name", "A", "--org", "UA", "--languages", "ar"}, "could not save the counsellor"},
		{[]string{"counsellor", "deactivate", "nobody@example.org"}, `no counsellor with e-mail or id "nobody@example.org"`},
	}
	before, _ := app.CountRecords("counsellors")
	for _, tc := range cases {
		_, err := runCommand(t, app, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want it to say %q", tc.args, err, tc.want)
		}
	}
	if after, _ := app.CountRecords("counsellors"); after != before {
		t.Errorf("refused commands changed the counsellors: %d → %d", before, after)
	}
}

// `org add --fallback` sets up the organisation that takes what no union
// covers, moves into it what already waited, and there is only ever one.
func TestOrgAddFallback(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	waiting := testapp.Record(t, app, "questions", "q1")
	waiting.Set("organisation", "")
	waiting.Set("counsellor", "")
	waiting.Set("status", "escalated")
	if err := app.Save(waiting); err != nil {
		t.Fatal(err)
	}

	out, err := runCommand(t, app, "org", "add", "--name", "AMEM helpline", "--short", "AMEM", "--kind", "ngo", "--fallback")
	if err != nil || !strings.Contains(out, "1 waiting question(s) moved to its unassigned queue") {
		t.Fatalf("org add --fallback: %v %s", err, out)
	}
	org, err := app.FindFirstRecordByData("organisations", "short", "AMEM")
	if err != nil || !org.GetBool("fallback") {
		t.Fatalf("the fallback organisation: %v %v", org, err)
	}
	if q := testapp.Record(t, app, "questions", "q1"); q.GetString("organisation") != org.Id {
		t.Errorf("the waiting question is with %q", q.GetString("organisation"))
	}

	_, err = runCommand(t, app, "org", "add", "--name", "Second", "--countries", "TN", "--fallback")
	if err == nil || !strings.Contains(err.Error(), "AMEM helpline is already the fallback organisation") {
		t.Fatalf("a second fallback: %v", err)
	}
	if n, _ := app.CountRecords("organisations", dbx.HashExp{"fallback": true}); n != 1 {
		t.Errorf("%d fallback organisations", n)
	}
}
