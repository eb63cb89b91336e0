package push

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestKeysAreMadeOnceAndKeptPrivate(t *testing.T) {
	dir := t.TempDir()
	first, created, err := LoadOrCreateKeys(dir)
	if err != nil || !created {
		t.Fatalf("LoadOrCreateKeys = %v, %v; want new keys", created, err)
	}
	if err := first.Validate(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, KeyFileName)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("%s has mode %o, want 0600", KeyFileName, perm)
	}
	again, created, err := LoadOrCreateKeys(dir)
	if err != nil || created || again != first {
		t.Errorf("second LoadOrCreateKeys = %+v, %v, %v; want the same keys", again, created, err)
	}

	// A key file opened up by hand is made private again.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeys(dir); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode after LoadKeys = %o, want 0600", info.Mode().Perm())
	}
}

func TestKeysValidate(t *testing.T) {
	a, _ := GenerateKeys()
	b, _ := GenerateKeys()
	cases := []struct {
		name string
		keys Keys
		ok   bool
	}{
		{"a pair", a, true},
		{"mixed pairs", Keys{PublicKey: a.PublicKey, PrivateKey: b.PrivateKey}, false},
		{"not base64", Keys{PublicKey: "%%%", PrivateKey: a.PrivateKey}, false},
		{"empty", Keys{}, false},
	}
	for _, tc := range cases {
		if err := tc.keys.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: Validate() = %v", tc.name, err)
		}
	}
	if err := WriteKeys(t.TempDir(), Keys{PublicKey: a.PublicKey, PrivateKey: b.PrivateKey}); err == nil {
		t.Error("WriteKeys stored a mismatched pair")
	}
}

func TestKeyStoreNoticesRotation(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenKeyStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := store.Keys()
	rotated, _ := GenerateKeys()
	rotated.Created = before.Created.Add(time.Hour) // the file's size alone may not change
	if err := WriteKeys(dir, rotated); err != nil {
		t.Fatal(err)
	}
	// Make sure the modification time moves even on coarse file systems.
	future := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(dir, KeyFileName), future, future)
	after, err := store.Keys()
	if err != nil {
		t.Fatal(err)
	}
	if after.PublicKey != rotated.PublicKey {
		t.Error("KeyStore kept the old keys after the file changed")
	}
}
