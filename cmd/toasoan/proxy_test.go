package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/store"
)

// TestServeBehindTrustedProxy: with --trusted-proxies naming the proxy, a
// login through it is throttled and audited under the reader's address and
// gets a Secure cookie when the proxy says the client used https; without
// the flag the same headers change nothing.
func TestServeBehindTrustedProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server")
	}
	try := func(args ...string) (secure bool, ip string) {
		dir := t.TempDir()
		base, stop, _ := startServe(t, append([]string{"--demo", "--demo-articles", "20", "--data", dir}, args...)...)
		var cookies []*http.Cookie
		send := func(method, path string, body io.Reader) *http.Response {
			req, _ := http.NewRequest(method, base+path, body)
			for _, c := range cookies {
				req.AddCookie(c)
			}
			req.Header.Set("X-Forwarded-For", "6.6.6.6, 198.51.100.9")
			req.Header.Set("X-Forwarded-Proto", "https")
			if body != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		res := send("GET", "/admin/dang-nhap", nil)
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
		if m == nil {
			t.Fatal("no login form")
		}
		cookies = res.Cookies()
		for _, c := range cookies {
			secure = secure || c.Secure
		}
		form := url.Values{"csrf": {string(m[1])}, "ten_dang_nhap": {"quantri"}, "mat_khau": {"sai-mat-khau"}}
		res = send("POST", "/admin/dang-nhap", bytes.NewBufferString(form.Encode()))
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusOK {
			t.Fatalf("failed login answered %d", res.StatusCode)
		}
		if code := stop(); code != 0 {
			t.Fatalf("serve exit %d", code)
		}
		st := openData(t, dir)
		defer st.Close()
		es, err := st.Audit(context.Background(), store.AuditQuery{Action: auth.EventLoginFailed})
		if err != nil || len(es) != 1 {
			t.Fatalf("failed logins audited: %v %v", es, err)
		}
		return secure, es[0].IP
	}
	if secure, ip := try("--trusted-proxies", "127.0.0.1, ::1"); !secure || ip != "198.51.100.9" {
		t.Errorf("behind a trusted proxy: secure cookie %v, audited address %q; want true, 198.51.100.9", secure, ip)
	}
	if secure, ip := try(); secure || ip != "127.0.0.1" {
		t.Errorf("headers from an untrusted peer: secure cookie %v, audited address %q; want false, 127.0.0.1", secure, ip)
	}
	var errs bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--trusted-proxies", "localhost", "--data", t.TempDir()}, io.Discard, &errs); code == 0 ||
		!strings.Contains(errs.String(), "địa chỉ proxy không hợp lệ") {
		t.Errorf("a bad proxy list: exit %d, %q", code, errs.String())
	}
}
