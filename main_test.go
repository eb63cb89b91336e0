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
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir() // under the system's temporary folder, as PocketBase fears
	bin := filepath.Join(dir, "amem")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "counsellor", "list", "--dir", filepath.Join(dir, "pb_data"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("counsellor list: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "SELECT") {
		t.Fatalf("the binary printed SQL:\n%.500s", out)
	}
}
