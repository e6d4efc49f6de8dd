package content

import "testing"

func TestMailboxKey(t *testing.T) {
	for in, want := range map[string]string{
		"ban.doc@example.vn":          "ban.doc@example.vn",
		" Ban.Doc+tin@Example.VN ":    "ban.doc@example.vn",
		"an.doc+1@gmail.com":          "andoc@gmail.com",
		"A.N.Doc@GoogleMail.com":      "andoc@gmail.com",
		"an.doc@baobinhduong.vn":      "an.doc@baobinhduong.vn",
		"khong-phai-email":            "khong-phai-email",
		"+chi-co-the@example.vn":      "@example.vn",
		"nguyễn.văn.a+x@thư.việt.nam": "nguyễn.văn.a@thư.việt.nam",
	} {
		if got := MailboxKey(in); got != want {
			t.Errorf("MailboxKey(%q) = %q, want %q", in, got, want)
		}
	}
}
