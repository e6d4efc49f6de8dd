package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are argon2id's cost parameters. They are written into every hash,
// so they can be raised later: a login with an older hash rehashes it.
type Params struct {
	Time    uint32 // passes over memory
	Memory  uint32 // KiB
	Threads uint8
	KeyLen  uint32 // bytes of derived key
	SaltLen uint32 // bytes of random salt
}

// DefaultParams follow RFC 9106's second recommendation (t=3, 64 MiB, p=4):
// about 65 ms on one core of a small server.
var DefaultParams = Params{Time: 3, Memory: 64 * 1024, Threads: 4, KeyLen: 32, SaltLen: 16}

// hashSlots bounds how many hashes run at once: each takes Params.Memory, so
// a burst of logins must queue rather than exhaust memory.
var hashSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// ErrMalformedHash means a stored hash is not an argon2id PHC string.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// HashPassword hashes pw with p into a PHC string:
// $argon2id$v=19$m=65536,t=3,p=4$<salt>$<key>, base64 without padding.
// The password is NFC-normalized first, so that the same Vietnamese password
// typed with different input methods (precomposed or combining marks) matches.
func HashPassword(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := derive(pw, salt, p)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

func derive(pw string, salt []byte, p Params) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(norm.NFC.String(pw)), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// decoded is a parsed PHC string.
type decoded struct {
	p         Params
	salt, key []byte
}

func decode(encoded string) (decoded, error) {
	var d decoded
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return d, ErrMalformedHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return d, ErrMalformedHash
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &d.p.Memory, &d.p.Time, &threads); err != nil || n != 3 ||
		threads == 0 || threads > 255 || d.p.Time == 0 || d.p.Memory < 8*threads || d.p.Memory > 4<<20 {
		return d, ErrMalformedHash
	}
	d.p.Threads = uint8(threads)
	var err error
	b64 := base64.RawStdEncoding
	if d.salt, err = b64.DecodeString(parts[4]); err != nil || len(d.salt) < 8 {
		return d, ErrMalformedHash
	}
	if d.key, err = b64.DecodeString(parts[5]); err != nil || len(d.key) < 16 {
		return d, ErrMalformedHash
	}
	d.p.SaltLen, d.p.KeyLen = uint32(len(d.salt)), uint32(len(d.key))
	return d, nil
}

// VerifyPassword reports whether pw matches the encoded hash, comparing in
// constant time. rehash is true when the hash matched but was made with
// parameters other than want: the caller should store a fresh hash.
func VerifyPassword(encoded, pw string, want Params) (ok, rehash bool, err error) {
	d, err := decode(encoded)
	if err != nil {
		return false, false, err
	}
	key := derive(pw, d.salt, d.p)
	if subtle.ConstantTimeCompare(key, d.key) != 1 {
		return false, false, nil
	}
	return true, d.p != want, nil
}

// WasteTime spends as long as verifying a password hashed with p. A login
// that names no account calls it, so that the answer takes as long as for a
// real one and does not reveal which names exist.
func WasteTime(pw string, p Params) {
	salt := make([]byte, p.SaltLen)
	derive(pw, salt, p)
}

// MinPasswordLen is the shortest password the policy accepts, in characters.
const MinPasswordLen = 10

// maxPasswordLen keeps hashing cost bounded whatever is posted.
const maxPasswordLen = 256

// CheckPassword applies the password policy. The message is Vietnamese and
// can be shown as it is.
func CheckPassword(username, pw string) error {
	n := utf8.RuneCountInString(norm.NFC.String(pw))
	switch {
	case strings.TrimSpace(pw) == "":
		return errors.New("Mật khẩu không được để trống.")
	case n < MinPasswordLen:
		return fmt.Errorf("Mật khẩu phải có ít nhất %d ký tự (mật khẩu này có %d).", MinPasswordLen, n)
	case n > maxPasswordLen:
		return fmt.Errorf("Mật khẩu dài quá %d ký tự.", maxPasswordLen)
	case strings.EqualFold(strings.TrimSpace(pw), strings.TrimSpace(username)):
		return errors.New("Mật khẩu không được trùng với tên đăng nhập.")
	}
	return nil
}
