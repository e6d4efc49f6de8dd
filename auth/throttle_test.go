package auth

import (
	"strings"
	"testing"
	"time"
)

func TestThrottleWaits(t *testing.T) {
	p := AccountThrottle
	last := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	wants := map[int]time.Duration{
		0: 0, 1: 0, 4: 0,
		5:  30 * time.Second,
		6:  time.Minute,
		7:  2 * time.Minute,
		8:  4 * time.Minute,
		9:  8 * time.Minute,
		10: 15 * time.Minute,
		50: 15 * time.Minute,
	}
	for n, w := range wants {
		if got := p.Wait(n, last, last); got != w {
			t.Errorf("%d failures: wait %v, want %v", n, got, w)
		}
	}
	// The wait runs from the last failure.
	if got := p.Wait(6, last, last.Add(40*time.Second)); got != 20*time.Second {
		t.Errorf("40 s later: %v", got)
	}
	if got := p.Wait(6, last, last.Add(time.Minute)); got != 0 {
		t.Errorf("a minute later: %v", got)
	}
	// Forgotten after a day without failures.
	if p.Count(9, last, last.Add(24*time.Hour)) != 0 || p.Count(9, last, last.Add(23*time.Hour)) != 9 {
		t.Error("Count does not forget after Forget")
	}
	a := AddressThrottle
	if a.Wait(19, last, last) != 0 || a.Wait(20, last, last) != 10*time.Second {
		t.Error("address policy")
	}
}

func TestThrottleKeys(t *testing.T) {
	tests := map[string]string{
		"203.0.113.7":                   "ip:203.0.113.7",
		"::ffff:203.0.113.7":            "ip:203.0.113.7",
		"2001:db8:1:2:3:4:5:6":          "ip:2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:ffff:ffff:1": "ip:2001:db8:1:2::/64",
		"not-an-ip":                     "ip:not-an-ip",
	}
	for in, want := range tests {
		if got := AddressKey(in); got != want {
			t.Errorf("AddressKey(%q) = %q, want %q", in, got, want)
		}
	}
	if AccountKey("phongvien") != "u:phongvien" {
		t.Error("AccountKey")
	}
}

func TestWaitMessages(t *testing.T) {
	tests := map[time.Duration]string{
		0:                                   "1 giây",
		300 * time.Millisecond:              "1 giây",
		45 * time.Second:                    "45 giây",
		44*time.Second + 1:                  "45 giây",
		2 * time.Minute:                     "2 phút",
		150 * time.Second:                   "2 phút 30 giây",
		15 * time.Minute:                    "15 phút",
		14*time.Minute + 59*time.Second + 1: "15 phút",
	}
	for d, want := range tests {
		if got := FormatWait(d); got != want {
			t.Errorf("FormatWait(%v) = %q, want %q", d, got, want)
		}
	}
	if m := WaitMessage(90 * time.Second); !strings.Contains(m, "thử lại sau 1 phút 30 giây.") {
		t.Errorf("message %q", m)
	}
}
