// Package media keeps uploaded files on disk, named by the SHA-256 of their
// content: the old system named pictures by upload time, which collides when
// two arrive in the same second, and could not see duplicates.
package media

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Disk stores files under Dir as {hash[:2]}/{hash}.{ext}.
type Disk struct {
	Dir string
}

// Hash returns the lower-case hex SHA-256 of data.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// RelPath is the file's path below Dir (and below /media/ in URLs).
func RelPath(hash, ext string) string {
	return hash[:2] + "/" + hash + "." + ext
}

// Put writes data durably (temporary file, fsync, rename) unless a file with
// the same hash exists, and returns its hash.
func (d Disk) Put(data []byte, ext string) (string, error) {
	ext = strings.ToLower(ext)
	if !validExt(ext) {
		return "", fmt.Errorf("media: extension %q not allowed", ext)
	}
	hash := Hash(data)
	final := filepath.Join(d.Dir, filepath.FromSlash(RelPath(hash, ext)))
	if _, err := os.Stat(final); err == nil {
		return hash, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".upload-*")
	if err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("media: write: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("media: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	return hash, nil
}

// Open returns the path of a stored file if rel names one in canonical form.
func (d Disk) Open(rel string) (string, bool) {
	dir, file, ok := strings.Cut(rel, "/")
	if !ok || len(dir) != 2 {
		return "", false
	}
	hash, ext, ok := strings.Cut(file, ".")
	if !ok || len(hash) != 64 || hash[:2] != dir || !validExt(ext) {
		return "", false
	}
	for _, c := range hash {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return "", false
		}
	}
	p := filepath.Join(d.Dir, dir, file)
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	return p, true
}

func validExt(ext string) bool {
	switch ext {
	case "jpg", "png", "webp", "gif":
		return true
	}
	return false
}
