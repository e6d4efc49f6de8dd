package auth

import (
	"fmt"
	"net/netip"
	"time"
)

// Login throttling. Failed logins are counted per account and per client
// address, in the store (so a restart forgives nothing and every server
// instance sees the same counts). Below Free failures nothing happens; from
// then on each attempt must wait, Base after the Free-th failure, doubling
// with every further failure up to Max, counted from the last failure. A
// successful login clears its account's count, never the address's (or one
// valid account would unlock guessing at every other). Counts are forgotten
// after Forget without a failure.
//
// The account count stops guessing at one account from many addresses; the
// address count stops guessing at many accounts from one address, and is
// generous because a newsroom's staff may share one office address.

// ThrottlePolicy is the throttling rule for one kind of key.
type ThrottlePolicy struct {
	Free   int           // failures allowed before any wait
	Base   time.Duration // wait after the Free-th failure; doubles with each further one
	Max    time.Duration // longest wait
	Forget time.Duration // failures are forgotten once none happened for this long
}

// The two policies. An account needs five mistakes before its first 30 s
// wait and reaches 15 min at the tenth; an address 20 before its first 10 s.
var (
	AccountThrottle = ThrottlePolicy{Free: 5, Base: 30 * time.Second, Max: 15 * time.Minute, Forget: 24 * time.Hour}
	AddressThrottle = ThrottlePolicy{Free: 20, Base: 10 * time.Second, Max: 15 * time.Minute, Forget: time.Hour}
)

// Count is how many of failures, the last at last, still count at now.
func (p ThrottlePolicy) Count(failures int, last, now time.Time) int {
	if now.Sub(last) >= p.Forget {
		return 0
	}
	return failures
}

// Wait is how long the next attempt must wait at now (0: it may go ahead).
func (p ThrottlePolicy) Wait(failures int, last, now time.Time) time.Duration {
	n := p.Count(failures, last, now)
	if n < p.Free || n == 0 {
		return 0
	}
	w := p.Base
	for i := p.Free; i < n && w < p.Max; i++ {
		w *= 2
	}
	return max(last.Add(min(w, p.Max)).Sub(now), 0)
}

// AccountKey is the throttling key of a (normalized) user name. Names that
// have no account are counted too, so the answer never tells which exist.
func AccountKey(username string) string { return "u:" + username }

// AddressKey is the throttling key of a client address. IPv6 clients are
// counted per /64, the block one subscriber usually holds.
func AddressKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return "ip:" + ip
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return "ip:" + p.String()
	}
	return "ip:" + a.String()
}

// WaitMessage tells a person in Vietnamese how long to wait.
func WaitMessage(d time.Duration) string {
	return "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau " + FormatWait(d) + "."
}

// FormatWait writes a wait in Vietnamese, rounded up to the second:
// "45 giây", "2 phút", "2 phút 30 giây".
func FormatWait(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	if s < 1 {
		s = 1
	}
	switch m, sec := s/60, s%60; {
	case m == 0:
		return fmt.Sprintf("%d giây", sec)
	case sec == 0:
		return fmt.Sprintf("%d phút", m)
	default:
		return fmt.Sprintf("%d phút %d giây", m, sec)
	}
}
