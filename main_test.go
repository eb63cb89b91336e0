package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestABuiltBinaryInATempFolderIsNotInDevMode: PocketBase takes a binary in
// a temporary folder for `go run` and turns dev mode on, which prints every
// SQL statement; ours stays quiet unless --dev is given.
func TestABuiltBinaryInATempFolderIsNotInDevMode(t *testing.T) {
	bin := builtBinary(t) // under the system's temporary folder, as PocketBase fears
	dir := t.TempDir()
	cmd := exec.Command(bin, "counsellor", "list", "--dir", filepath.Join(dir, "pb_data"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("counsellor list: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "SELECT") {
		t.Fatalf("the binary printed SQL:\n%.500s", out)
	}
}

// TestMain removes the binary builtBinary made.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtPath != "" {
		os.RemoveAll(filepath.Dir(builtPath))
	}
	os.Exit(code)
}
