package media

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPutIsContentAddressed(t *testing.T) {
	d := Disk{Dir: t.TempDir()}
	a := []byte("ảnh thứ nhất")
	h1, err := d.Put(a, "JPG")
	if err != nil {
		t.Fatal(err)
	}
	if h1 != Hash(a) || len(h1) != 64 {
		t.Fatalf("hash %q", h1)
	}
	// Same bytes uploaded again in the same second: same name, no second file.
	h2, err := d.Put(a, "jpg")
	if err != nil || h2 != h1 {
		t.Fatalf("second put: %q %v", h2, err)
	}
	h3, err := d.Put([]byte("ảnh thứ hai"), "jpg")
	if err != nil || h3 == h1 {
		t.Fatalf("different content, same name: %q", h3)
	}
	p, ok := d.Open(RelPath(h1, "jpg"))
	if !ok {
		t.Fatal("stored file not found")
	}
	got, _ := os.ReadFile(p)
	if string(got) != string(a) {
		t.Error("content differs")
	}
	entries, _ := os.ReadDir(filepath.Join(d.Dir, h1[:2]))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".upload-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	if _, err := d.Put(a, "svg"); err == nil {
		t.Error("svg accepted")
	}
}

func TestOpenRefusesAnythingButCanonicalNames(t *testing.T) {
	d := Disk{Dir: t.TempDir()}
	h, err := d.Put([]byte("x"), "png")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(d.Dir, "secret.txt"), []byte("no"), 0o644)
	for _, rel := range []string{
		"../secret.txt", h[:2] + "/../secret.txt", "secret.txt", h[:2] + "/" + h + ".txt",
		"zz/" + h + ".png", h[:2] + "/" + strings.ToUpper(h) + ".png", h[:2] + "/" + h[:63] + ".png",
		h[:2] + "/" + h + ".jpg", // right hash, wrong extension: no such file
	} {
		if _, ok := d.Open(rel); ok {
			t.Errorf("Open(%q) succeeded", rel)
		}
	}
	if _, ok := d.Open(RelPath(h, "png")); !ok {
		t.Error("canonical name refused")
	}
}
