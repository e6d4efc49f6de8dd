package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

func TestSessionTokens(t *testing.T) {
	tok, id, err := NewSessionToken()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(tok))
	if id != hex.EncodeToString(sum[:]) || SessionID(tok) != id {
		t.Errorf("id %q is not the token's SHA-256", id)
	}
	if len(tok) != 43 || !WellFormedToken(tok) {
		t.Errorf("token %q", tok)
	}
	tok2, id2, _ := NewSessionToken()
	if tok == tok2 || id == id2 {
		t.Error("two tokens alike")
	}
	for _, bad := range []string{"", "abc", tok + "A", tok[:42] + "!", id} {
		if WellFormedToken(bad) {
			t.Errorf("%q well formed", bad)
		}
	}
	c := CSRFToken(tok)
	if c == "" || c != CSRFToken(tok) || c == CSRFToken(tok2) || c == tok {
		t.Errorf("csrf %q", c)
	}
	if !CheckCSRF(tok, c) || CheckCSRF(tok2, c) || CheckCSRF(tok, "") || CheckCSRF("", CSRFToken("")) || CheckCSRF(tok, c+"x") {
		t.Error("CheckCSRF")
	}
}

func TestSessionPolicy(t *testing.T) {
	p := DefaultSessions
	login := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	exp := p.ExpiresAt(login)
	if !exp.Equal(login.Add(30 * 24 * time.Hour)) {
		t.Errorf("expires %v", exp)
	}
	tests := []struct {
		lastSeen, now time.Time
		alive         bool
	}{
		{login, login, true},
		{login, login.Add(12*time.Hour - time.Second), true},
		{login, login.Add(12 * time.Hour), false},
		{exp.Add(-time.Hour), exp.Add(-time.Second), true},
		{exp.Add(-time.Minute), exp, false},
	}
	for i, tc := range tests {
		if got := p.Alive(tc.lastSeen, exp, tc.now); got != tc.alive {
			t.Errorf("%d: alive %v", i, got)
		}
	}
	if p.NeedsTouch(login, login.Add(4*time.Minute)) || !p.NeedsTouch(login, login.Add(5*time.Minute)) {
		t.Error("NeedsTouch")
	}
}
