package library

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/content"
	"amem/internal/vocab"
)

// importContacts runs inside importContent's transaction: use only txApp.
// Contacts are matched by key and compared value by value (there are few).
// A contact edited in the dashboard (origin "edited") is never overwritten.
func importContacts(txApp core.App, lib *content.Library, logger *slog.Logger, report *importReport) error {
	collection, err := txApp.FindCollectionByNameOrId("contacts")
	if err != nil {
		return fmt.Errorf("contacts collection: %w", err)
	}
	records, err := txApp.FindAllRecords(collection)
	if err != nil {
		return fmt.Errorf("reading contacts: %w", err)
	}
	stored := map[string]*core.Record{}
	for _, r := range records {
		stored[r.GetString("key")] = r
	}

	counts := &report.Contacts
	listed := map[string]bool{}
	for _, c := range lib.Contacts {
		listed[c.Key] = true
		record := stored[c.Key]
		switch {
		case record == nil:
			record = core.NewRecord(collection)
			if saveContact(txApp, record, c, logger, report) {
				counts.Created++
			}
		case record.GetString("origin") == vocab.OriginEdited:
			counts.Kept++
			if record.GetString("hash") != c.Hash {
				logger.Warn("content: contact "+c.Key+" changed in "+content.ContactsFile+
					", but it was edited in the dashboard; the edit is kept",
					"key", c.Key, "line", c.Line, "fileHash", c.Hash)
			}
		case sameContact(record, c):
			counts.Unchanged++
		default:
			if saveContact(txApp, record, c, logger, report) {
				counts.Updated++
			}
		}
	}

	for _, key := range slices.Sorted(maps.Keys(stored)) {
		record := stored[key]
		switch {
		case listed[key]:
		case lib.BrokenContacts[key]:
			counts.Kept++
		case !lib.ContactsComplete:
			// Some entry's key could not be read: it may be this one.
			counts.Kept++
		case record.GetString("origin") == vocab.OriginEdited:
			counts.Kept++
		default:
			if err := txApp.Delete(record); err != nil {
				logger.Error("content: cannot delete contact "+key, "error", err)
				continue
			}
			counts.Deleted++
		}
	}
	return nil
}

// contactValues are a contact's values as the contacts collection stores them.
func contactValues(c *content.Contact) map[string]any {
	return map[string]any{
		"key": c.Key, "name": c.Name, "names": c.Names, "name_lang": c.NameLang, "kind": c.Kind,
		"country": c.Country, "city": c.City, "address": c.Address,
		"phone": c.Phone, "emergency": c.Emergency, "whatsapp": c.WhatsApp, "email": c.Email, "url": c.URL,
		"hours": c.Hours, "languages": c.Languages, "about": c.About, "sources": c.Sources, "source": c.Source,
	}
}

func saveContact(txApp core.App, record *core.Record, c *content.Contact, logger *slog.Logger, report *importReport) bool {
	for field, v := range contactValues(c) {
		record.Set(field, v)
	}
	verified, _ := time.Parse(time.DateOnly, c.Verified) // checked by content.ParseContacts
	record.Set("verified", verified)
	record.Set("origin", vocab.OriginFile)
	record.Set("hash", c.Hash)
	if err := txApp.Save(record); err != nil {
		p := content.Problem{File: content.ContactsFile, Line: c.Line, Message: "the database refused contact " + c.Key + ": " + err.Error()}
		report.Problems = append(report.Problems, p)
		logger.Error("content: "+p.String(), "file", p.File, "line", p.Line)
		return false
	}
	return true
}

// sameContact compares through JSON, so that a stored JSON field and a Go
// slice or map with the same content are equal.
func sameContact(record *core.Record, c *content.Contact) bool {
	if record.GetDateTime("verified").Time().Format(time.DateOnly) != c.Verified {
		return false
	}
	for field, want := range contactValues(c) {
		if !sameJSON(record.Get(field), want) {
			return false
		}
	}
	return true
}

func sameJSON(a, b any) bool {
	return reflect.DeepEqual(normalJSON(a), normalJSON(b))
}

func normalJSON(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return string(data)
	}
	return out
}
