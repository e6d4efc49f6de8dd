package comments

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
)

// MaxAttachments is the most a reader may attach to one comment, all files
// together: the seed page's "không quá 10MB", 10 × 1024 × 1024 bytes.
const MaxAttachments = 10 << 20

// MaxFiles is the most files one comment may carry.
const MaxFiles = 5

// Limits are the anti-abuse thresholds. The zero value of a field means its
// default; a negative count disables that limit.
type Limits struct {
	// PerIP and PerEmail are the comments one address or one e-mail may
	// send within Window.
	PerIP, PerEmail int
	Window          time.Duration
	// MinFill is the least time between showing the form and sending it: a
	// person needs longer to read and write; a script posts at once.
	MinFill time.Duration
	// MaxFormAge is how long a form stays valid.
	MaxFormAge time.Duration
	// Duplicates is how far back the same text counts as sent already.
	Duplicates time.Duration
}

// DefaultLimits suit a provincial daily. Readers behind one mobile
// operator's address (carrier-grade NAT) share the per-address limit, so it
// is higher than the per-e-mail one.
var DefaultLimits = Limits{PerIP: 30, PerEmail: 6, Window: time.Hour, MinFill: 3 * time.Second,
	MaxFormAge: 24 * time.Hour, Duplicates: 24 * time.Hour}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.PerIP != 0 {
		d.PerIP = l.PerIP
	}
	if l.PerEmail != 0 {
		d.PerEmail = l.PerEmail
	}
	if l.Window != 0 {
		d.Window = l.Window
	}
	if l.MinFill != 0 {
		d.MinFill = max(l.MinFill, 0)
	}
	if l.MaxFormAge != 0 {
		d.MaxFormAge = l.MaxFormAge
	}
	if l.Duplicates != 0 {
		d.Duplicates = l.Duplicates
	}
	return d
}

// Config holds what a Service needs.
type Config struct {
	Store store.Store
	// Dir is the private attachments directory, <data>/attachments: never
	// under the public media folder.
	Dir string
	// Secret keys the address hashes and the form tokens (LoadSecret).
	Secret []byte
	Now    func() time.Time
	Limits Limits
	Logger *slog.Logger
	// Changed is called after a moderation step changed what readers see,
	// so that cached pages are dropped.
	Changed func()
}

// Service takes reader comments in and moderates them.
type Service struct {
	st       store.Store
	dir      string
	ipKey    []byte
	tokenKey []byte
	now      func() time.Time
	limits   Limits
	log      *slog.Logger
	changed  atomic.Pointer[func()]
	model    atomic.Pointer[diacritics.Model]
	// commitMu makes the last check of the limits and the commit of a
	// submission one step (submit.go).
	commitMu sync.Mutex
}

// New builds a Service and prepares its directories, removing the partial
// uploads a crash may have left.
func New(cfg Config) (*Service, error) {
	if len(cfg.Secret) < 16 {
		return nil, errors.New("comments: the secret must have at least 16 bytes")
	}
	if cfg.Dir == "" {
		return nil, errors.New("comments: no attachments directory")
	}
	s := &Service{st: cfg.Store, dir: cfg.Dir, now: cfg.Now, limits: cfg.Limits.withDefaults(), log: cfg.Logger,
		ipKey: derive(cfg.Secret, "ip-hash"), tokenKey: derive(cfg.Secret, "form-token")}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if cfg.Changed != nil {
		s.OnChange(cfg.Changed)
	}
	if err := os.MkdirAll(s.tmpDir(), 0o700); err != nil {
		return nil, fmt.Errorf("comments: attachments directory: %w", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(s.tmpDir(), "*"))
	for _, p := range leftovers {
		os.Remove(p)
	}
	return s, nil
}

// OnChange sets the function called after moderation changed what readers
// see (the site's cache invalidation).
func (s *Service) OnChange(f func()) { s.changed.Store(&f) }

func (s *Service) notify() {
	if f := s.changed.Load(); f != nil && *f != nil {
		(*f)()
	}
}

// SetModel swaps the diacritics restoration model; nil removes it.
func (s *Service) SetModel(m *diacritics.Model) { s.model.Store(m) }

// Model returns the current restoration model, nil if none is loaded.
func (s *Service) Model() *diacritics.Model { return s.model.Load() }

func (s *Service) tmpDir() string { return filepath.Join(s.dir, "tmp") }

// AttachmentPath is the file of an attachment on disk.
func (s *Service) AttachmentPath(hash string) string {
	if len(hash) < 2 {
		return ""
	}
	return filepath.Join(s.dir, hash[:2], hash)
}

func derive(secret []byte, label string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// HashIP returns the keyed hash an address is stored as: equal addresses
// give equal hashes (for rate limits), and without the key the hash tells
// nothing. An IPv6 address counts as its /64, the network one subscriber
// holds and may send from any address of; an IPv4-mapped one as IPv4.
func (s *Service) HashIP(ip string) string {
	if a, err := netip.ParseAddr(ip); err == nil {
		a = a.Unmap().WithZone("")
		if a.Is6() {
			p, _ := a.Prefix(64)
			ip = p.String()
		} else {
			ip = a.String()
		}
	}
	m := hmac.New(sha256.New, s.ipKey)
	m.Write([]byte(ip))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Token returns the form token for an article at the current time: the
// time it was issued, signed. A submission must come MinFill after it and
// within MaxFormAge.
func (s *Service) Token(articleID int64) string {
	ts := strconv.FormatInt(s.now().Unix(), 10)
	return ts + "." + s.sign(articleID, ts)
}

func (s *Service) sign(articleID int64, ts string) string {
	m := hmac.New(sha256.New, s.tokenKey)
	m.Write([]byte(strconv.FormatInt(articleID, 10) + "|" + ts))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// checkToken reports what is wrong with a form token, "" if nothing.
func (s *Service) checkToken(articleID int64, tok string) string {
	ts, sig, ok := strings.Cut(tok, ".")
	issued, err := strconv.ParseInt(ts, 10, 64)
	if !ok || err != nil || !hmac.Equal([]byte(sig), []byte(s.sign(articleID, ts))) {
		return msgFormInvalid
	}
	age := s.now().Sub(time.Unix(issued, 0))
	switch {
	case age < s.limits.MinFill:
		return msgTooFast
	case age > s.limits.MaxFormAge:
		return msgFormExpired
	}
	return ""
}

// LoadSecret reads the comments key from path, creating it with 32 random
// bytes (readable by the owner only) on first use.
func LoadSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		if len(b) < 16 {
			return nil, fmt.Errorf("comments key %s is too short", path)
		}
		return b, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	key := make([]byte, 32)
	rand.Read(key)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadSecret(path) // another process made it first
	}
	if err != nil {
		return nil, fmt.Errorf("create comments key: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}

// SweepOrphans removes attachment files no comment refers to: files moved
// into place by a submission whose commit never happened (the process was
// killed in between). Files younger than minAge are left alone, as they
// may belong to a submission still committing. It reports how many it
// removed.
func (s *Service) SweepOrphans(ctx context.Context, minAge time.Duration) (int, error) {
	dirs, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, err
	}
	removed := 0
	cutoff := s.now().Add(-minAge)
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		files, err := os.ReadDir(filepath.Join(s.dir, d.Name()))
		if err != nil {
			return removed, err
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return removed, err
			}
			info, err := f.Info()
			if err != nil || !info.Mode().IsRegular() || info.ModTime().After(cutoff) {
				continue
			}
			stored, err := s.st.AttachmentStored(ctx, f.Name())
			if err != nil {
				return removed, err
			}
			if !stored {
				ok, err := s.removeOrphan(ctx, filepath.Join(s.dir, d.Name(), f.Name()), info, cutoff)
				if err != nil {
					return removed, err
				}
				if ok {
					removed++
				}
			}
		}
	}
	return removed, nil
}

// removeOrphan removes a file found unreferenced, unless a submission
// moved its own file onto the name and committed since: checked again
// under the commit lock, which a submission holds from moving its files
// into place to its commit.
func (s *Service) removeOrphan(ctx context.Context, path string, seen os.FileInfo, cutoff time.Time) (bool, error) {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	now, err := os.Lstat(path)
	if err != nil || !os.SameFile(seen, now) || now.ModTime().After(cutoff) {
		return false, nil
	}
	stored, err := s.st.AttachmentStored(ctx, filepath.Base(path))
	if err != nil || stored {
		return false, err
	}
	return os.Remove(path) == nil, nil
}
