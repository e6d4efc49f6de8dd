package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"
)

// tokenBytes is the entropy of a session token.
const tokenBytes = 32

// NewSessionToken makes a random session token for the cookie and the id
// under which the store keeps the session. Only the id is ever stored: it is
// the token's SHA-256, so a copy of the database holds no usable session.
func NewSessionToken() (token, id string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: session token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, SessionID(token), nil
}

// WellFormedToken reports whether s looks like a token NewSessionToken made,
// so that garbage cookies cost no database lookup.
func WellFormedToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// SessionID is the store's key for a session token: hex SHA-256.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CSRFToken is the synchronizer token that every form of a session carries.
// It is derived from the session token, which only the browser and the
// request hold, so it needs no storage, dies with the session, and cannot be
// computed from a copy of the database.
func CSRFToken(sessionToken string) string {
	m := hmac.New(sha256.New, []byte(sessionToken))
	m.Write([]byte("toasoan csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CheckCSRF compares a submitted token with the session's in constant time.
func CheckCSRF(sessionToken, submitted string) bool {
	if sessionToken == "" || submitted == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(CSRFToken(sessionToken)), []byte(submitted)) == 1
}

// SessionPolicy says how long sessions live.
type SessionPolicy struct {
	Idle       time.Duration // a session unused this long ends
	Lifetime   time.Duration // a session ends this long after login, used or not
	TouchEvery time.Duration // last-seen is written at most this often
}

// DefaultSessions: a working day of idleness, a month at most, and one
// last-seen write per five minutes of activity.
var DefaultSessions = SessionPolicy{Idle: 12 * time.Hour, Lifetime: 30 * 24 * time.Hour, TouchEvery: 5 * time.Minute}

// ExpiresAt is when a session made at created ends at the latest.
func (p SessionPolicy) ExpiresAt(created time.Time) time.Time { return created.Add(p.Lifetime) }

// Alive reports whether a session last seen at lastSeen and ending at
// expiresAt may still be used at now.
func (p SessionPolicy) Alive(lastSeen, expiresAt, now time.Time) bool {
	return now.Before(expiresAt) && now.Sub(lastSeen) < p.Idle
}

// NeedsTouch reports whether last-seen should be written now.
func (p SessionPolicy) NeedsTouch(lastSeen, now time.Time) bool {
	return now.Sub(lastSeen) >= p.TouchEvery
}
