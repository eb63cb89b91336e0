package pb_migrations

// TestSchemaSnapshot applies every registered migration to a fresh app and
// compares what they built with testdata/schema.json: each collection (type,
// fields with all their options, indexes, the five API rules, auth options),
// the SQLite columns and indexes behind it, and the settings. Any change to
// the schema, intended or not, fails it (TestSchemaSnapshotSeesChanges shows
// that it would).
//
// After an intended change, regenerate the snapshot and review its diff:
//
//	AMEM_UPDATE_SCHEMA=1 go test ./pb_migrations -run TestSchemaSnapshot
//
// The dump leaves out what differs between two runs of the same migrations
// or carries no meaning: collection and field ids, created/updated dates and
// the random token secrets. A relation field names its target collection
// instead of its id. PocketBase's own system collections are listed by name
// only (they belong to PocketBase and change with its version).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

const schemaSnapshot = "testdata/schema.json"

func TestSchemaSnapshot(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	got, err := dumpSchema(app)
	if err != nil {
		t.Fatal(err)
	}

	if os.Getenv("AMEM_UPDATE_SCHEMA") == "1" {
		if err := os.MkdirAll(filepath.Dir(schemaSnapshot), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(schemaSnapshot, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", schemaSnapshot)
		return
	}

	want, err := os.ReadFile(schemaSnapshot)
	if err != nil {
		t.Fatalf("%v (generate it with AMEM_UPDATE_SCHEMA=1)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the migrations no longer build the schema in %s:\n%s\n"+
			"if the change is intended, regenerate with AMEM_UPDATE_SCHEMA=1 and review the diff",
			schemaSnapshot, lineDiff(string(want), string(got)))
	}
}

// TestMigrationsDownAndUp reverts all our migrations (their down functions
// must leave no AMEM collection and none of our rate limits) and applies them
// again, which must build the same schema.
func TestMigrationsDownAndUp(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	want, err := os.ReadFile(schemaSnapshot)
	if err != nil {
		t.Fatal(err)
	}

	runner := core.NewMigrationsRunner(app, core.AppMigrations)
	ours := len(core.AppMigrations.Items())
	reverted, err := runner.Down(ours)
	if err != nil {
		t.Fatal(err)
	}
	if len(reverted) != ours || !strings.HasSuffix(reverted[ours-1], "_initial_schema.go") ||
		!slices.ContainsFunc(reverted, func(name string) bool { return strings.HasSuffix(name, "_settings.go") }) {
		t.Fatalf("reverted %v, want every migration of ours, the initial schema last", reverted)
	}
	collections, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range collections {
		if !c.System {
			t.Errorf("collection %s is still there after down", c.Name)
		}
	}
	for _, r := range app.Settings().RateLimits.Rules {
		if slices.ContainsFunc(rateLimits, func(ours core.RateLimitRule) bool { return ours.Label == r.Label }) {
			t.Errorf("rate limit %s is still there after down", r.Label)
		}
	}

	if _, err := runner.Up(); err != nil {
		t.Fatal(err)
	}
	got, err := dumpSchema(app)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("down then up differs from %s:\n%s", schemaSnapshot, lineDiff(string(want), string(got)))
	}
}

// TestSchemaSnapshotSeesChanges makes sure the comparison can fail: one
// changed rule, option or relation target must change the dump.
func TestSchemaSnapshotSeesChanges(t *testing.T) {
	want, err := os.ReadFile(schemaSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	// Each change must show in the dump as exactly the line expected.
	changes := map[string]struct {
		change func(*core.Collection)
		line   string
	}{
		"questions list rule": {
			func(c *core.Collection) { c.ListRule = rule(*c.ListRule + ` || id = "x"`) },
			`|| id = \"x\""`,
		},
		"questions text max": {
			func(c *core.Collection) { c.Fields.GetByName("text").(*core.TextField).Max++ },
			`"max": 4001`,
		},
		"questions counsellor target": {
			func(c *core.Collection) {
				// PocketBase refuses to retarget a relation: replace the field in place.
				old := c.Fields.GetByName("counsellor").(*core.RelationField)
				pos := slices.Index(c.Fields.FieldNames(), "counsellor")
				c.Fields.RemoveByName("counsellor")
				c.Fields.AddAt(pos, &core.RelationField{Id: "relation_test", Name: old.Name, MaxSelect: old.MaxSelect,
					CollectionId: c.Fields.GetByName("worker").(*core.RelationField).CollectionId})
			},
			`"collection": "workers"`,
		},
	}
	for name, tc := range changes {
		t.Run(name, func(t *testing.T) {
			app, err := tests.NewTestApp(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer app.Cleanup()
			c, err := app.FindCollectionByNameOrId("questions")
			if err != nil {
				t.Fatal(err)
			}
			tc.change(c)
			if err := app.Save(c); err != nil {
				t.Fatal(err)
			}
			got, err := dumpSchema(app)
			if err != nil {
				t.Fatal(err)
			}
			diff := lineDiff(string(want), string(got))
			changed := strings.Split(diff, "\n")
			// the header, one line out, one line in, and the final newline
			if len(changed) != 4 || !strings.Contains(changed[2], tc.line) {
				t.Errorf("want one changed line with %s, got:\n%s", tc.line, diff)
			}
		})
	}
}

// dumpSchema returns the normalised, indented JSON of every collection and of
// the settings.
func dumpSchema(app core.App) ([]byte, error) {
	collections, err := app.FindAllCollections()
	if err != nil {
		return nil, err
	}
	names := map[string]string{} // collection id → name
	for _, c := range collections {
		names[c.Id] = c.Name
	}
	slices.SortFunc(collections, func(a, b *core.Collection) int { return strings.Compare(a.Name, b.Name) })

	var system []string
	var dumped []any
	for _, c := range collections {
		if c.System {
			system = append(system, c.Name)
			continue
		}
		d, err := dumpCollection(app, c, names)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		dumped = append(dumped, d)
	}

	// What the migrations stored, not the test app's in-memory overrides
	// (tests.NewTestApp turns the logs off).
	if err := app.ReloadSettings(); err != nil {
		return nil, err
	}
	settings, err := toMap(app.Settings())
	if err != nil {
		return nil, err
	}

	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // rules are full of && and <
	enc.SetIndent("", "  ")
	err = enc.Encode(map[string]any{
		"system_collections": system,
		"collections":        dumped,
		"settings":           settings,
	})
	return out.Bytes(), err
}

func dumpCollection(app core.App, c *core.Collection, names map[string]string) (map[string]any, error) {
	d, err := toMap(c)
	if err != nil {
		return nil, err
	}
	delete(d, "id")
	delete(d, "created")
	delete(d, "updated")

	// Fields keep their order (it is the column order of the table and of the dashboard).
	fields, _ := d["fields"].([]any)
	for _, f := range fields {
		f := f.(map[string]any)
		delete(f, "id")
		if id, ok := f["collectionId"].(string); ok {
			delete(f, "collectionId")
			target, known := names[id]
			if !known {
				target = "UNKNOWN COLLECTION " + id
			}
			f["collection"] = target
		}
	}

	// Auth collections: every token option but its random secret.
	for key, v := range d {
		if opt, ok := v.(map[string]any); ok && strings.HasSuffix(key, "Token") {
			delete(opt, "secret")
		}
	}

	// What SQLite holds: the columns and the indexes. The columns are sorted:
	// their physical order is PocketBase's (a new table gets them in one
	// order, a column added later goes to the end) and means nothing to a
	// query; the order that users see is the order of "fields" above.
	var columns []struct {
		Cid     int     `db:"cid"`
		Name    string  `db:"name"`
		Type    string  `db:"type"`
		NotNull int     `db:"notnull"`
		Default *string `db:"dflt_value"`
		PK      int     `db:"pk"`
	}
	if err := app.DB().NewQuery("SELECT * FROM pragma_table_info({:t})").Bind(dbx.Params{"t": c.Name}).All(&columns); err != nil {
		return nil, err
	}
	var cols []string
	for _, col := range columns {
		s := fmt.Sprintf("%s %s", col.Name, col.Type)
		if col.PK > 0 {
			s += " PRIMARY KEY"
		}
		if col.NotNull > 0 {
			s += " NOT NULL"
		}
		if col.Default != nil {
			s += " DEFAULT " + *col.Default
		}
		cols = append(cols, s)
	}
	slices.Sort(cols)
	d["db_columns"] = cols

	var indexes []struct {
		Name string `db:"name"`
		SQL  string `db:"sql"`
	}
	if err := app.DB().NewQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = {:t} AND sql IS NOT NULL ORDER BY name").
		Bind(dbx.Params{"t": c.Name}).All(&indexes); err != nil {
		return nil, err
	}
	var idx []string
	for _, i := range indexes {
		idx = append(idx, strings.Join(strings.Fields(i.SQL), " "))
	}
	d["db_indexes"] = idx
	return d, nil
}

// toMap round-trips v through JSON, so that the dump has every option
// PocketBase serialises, with sorted keys.
func toMap(v any) (map[string]any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}

// lineDiff shows the lines between the common beginning and the common end
// of want and got, so that a failure says which rule or option changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	start := 0
	for start < len(w) && start < len(g) && w[start] == g[start] {
		start++
	}
	ew, eg := len(w), len(g)
	for ew > start && eg > start && w[ew-1] == g[eg-1] {
		ew, eg = ew-1, eg-1
	}
	var b strings.Builder
	show := func(sign string, lines []string) {
		for i, l := range lines {
			if i == 20 {
				fmt.Fprintf(&b, "%s …%d more lines\n", sign, len(lines)-i)
				break
			}
			fmt.Fprintf(&b, "%s %s\n", sign, l)
		}
	}
	fmt.Fprintf(&b, "from line %d (%s):\n", start+1, strings.TrimSpace(w[max(0, start-1)]))
	show("-", w[start:ew])
	show("+", g[start:eg])
	return b.String()
}
