package proxy

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestParse(t *testing.T) {
	tr, err := Parse(" 127.0.0.1, 10.0.0.0/8 ,::1,")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.nets) != 3 {
		t.Fatalf("%d ranges", len(tr.nets))
	}
	for _, bad := range []string{"localhost", "10.0.0.0/33", "1.2.3"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	mapped, err := Parse("::ffff:10.0.0.0/104")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"10.1.2.3", "::ffff:10.1.2.3"} {
		if !mapped.trusts(netip.MustParseAddr(a)) {
			t.Errorf("::ffff:10.0.0.0/104 does not trust %s", a)
		}
	}
	if mapped.trusts(netip.MustParseAddr("11.0.0.1")) {
		t.Error("::ffff:10.0.0.0/104 trusts 11.0.0.1")
	}
	if tr, _ := Parse(""); !tr.Empty() {
		t.Error("an empty list trusts someone")
	}
}

func TestHandler(t *testing.T) {
	tr, err := Parse("10.0.0.0/8, 127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, remote, xff, proto string
		wantIP                   string
		wantSecure               bool
	}{
		{"direct client keeps its address, headers ignored", "203.0.113.7:5555", "1.1.1.1", "https", "203.0.113.7", false},
		{"one trusted proxy", "10.0.0.2:40000", "198.51.100.9", "https", "198.51.100.9", true},
		{"two trusted proxies", "127.0.0.1:40000", "198.51.100.9, 10.1.2.3", "http", "198.51.100.9", false},
		{"a spoofed hop before the real client is ignored", "10.0.0.2:40000", "6.6.6.6, 198.51.100.9", "https", "198.51.100.9", true},
		{"several header lines", "10.0.0.2:40000", "6.6.6.6\n198.51.100.9", "", "198.51.100.9", false},
		{"garbage stops the walk at the last good hop", "10.0.0.2:40000", "198.51.100.9, nonsense", "", "10.0.0.2", false},
		{"trusted proxy without the header", "10.0.0.2:40000", "", "", "10.0.0.2", false},
		{"IPv6 client", "10.0.0.2:40000", "2001:db8::1", "HTTPS", "2001:db8::1", true},
		{"IPv4 in IPv6 form", "[::ffff:10.0.0.2]:40000", "198.51.100.9", "", "198.51.100.9", false},
		{"proto chain: the nearest proxy's value counts", "10.0.0.2:40000", "198.51.100.9", "https, http", "198.51.100.9", false},
		{"proto lines: the nearest proxy's line counts", "10.0.0.2:40000", "198.51.100.9", "https\nhttp", "198.51.100.9", false},
		{"proto lines: a client's http before the proxy's https", "10.0.0.2:40000", "198.51.100.9", "http\nhttps", "198.51.100.9", true},
		{"a zoned hop stops the walk", "10.0.0.2:40000", "[fe80::1%evil]:80", "", "10.0.0.2", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var gotIP string
			var gotSecure bool
			h := tr.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotIP, _, _ = cutPort(r.RemoteAddr)
				gotSecure = Secure(r)
			}))
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.remote
			for _, v := range splitLines(c.xff) {
				r.Header.Add("X-Forwarded-For", v)
			}
			for _, v := range splitLines(c.proto) {
				r.Header.Add("X-Forwarded-Proto", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if gotIP != c.wantIP || gotSecure != c.wantSecure {
				t.Errorf("client %s secure %v, want %s %v", gotIP, gotSecure, c.wantIP, c.wantSecure)
			}
		})
	}
}

func TestNobodyTrusted(t *testing.T) {
	next := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	var tr Trusted
	if h := tr.Handler(next); h == nil {
		t.Fatal("nil handler")
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Forwarded-Proto", "https")
	if Secure(r) {
		t.Error("a header alone made the request secure")
	}
}

func cutPort(s string) (string, string, bool) {
	a, ok := addrOf(s)
	if !ok {
		return s, "", false
	}
	return a.String(), "", true
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
