package richtext

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// fuzzSeeds are the starting corpus of FuzzSanitize: the rule and attack
// cases of the table tests plus some old-site soup.
var fuzzSeeds = []string{
	`<p>a<br><br>b</p><div>c<span style="x">d</span></div>`,
	`<table><tr><td><img src="/media/ab/x.jpg"></td></tr><tr><td>Trong ảnh: x</td></tr></table>`,
	`<ul><li>a<ul><li>b</li></ul></li><p>c</p></ul><ol><li><p>x</p>y</li></ol>`,
	`<blockquote class="quote"><p>“q”</p><cite>A</cite></blockquote>`,
	`<figure class="image"><a href="/x"><img src="/media/ab/abc.jpg" alt="a"></a><figcaption>c</figcaption></figure>`,
	`<h1>t</h1><h5>u</h5><p><b><i>x</i></b> &nbsp; y&nbsp;z</p>`,
	`<iframe src="//www.youtube.com/embed/abcdefghijk" allowfullscreen></iframe>`,
	`<a href="jAvAsCrIpT:alert(1)">x</a><a href="java&#x09;script:alert(1)">y</a>`,
	`<svg><script>alert(1)</script></svg><math><mi>x</mi></math>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<table><caption>c</caption><tr><td colspan=2>a</td></tr><tfoot><tr><td>f</td></tr></tfoot></table>`,
	`<p><em> </em>x<strong><br></strong></p><center>y</center>`,
	"text\u00a0\u00a0with e\u0301 and <span>e</span>\u0301",
}

func FuzzSanitize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, c := range sanitizeCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent\nin:     %q\nonce:   %q\ntwice:  %q", in, out, again)
		}
		checkSafe(t, out)
		_ = PlainText(in)
		_ = Excerpt(in, 20)
	})
}

// checkSafe fails if out holds anything a sanitized body must not.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	low := strings.ToLower(out)
	for _, bad := range []string{"<script", "javascript:", "<style", "<svg", "<math", "<object", "<embed"} {
		if strings.Contains(low, bad) {
			t.Fatalf("output contains %q: %q", bad, out)
		}
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			key := string(k)
			if strings.HasPrefix(key, "on") || key == "style" || key == "id" || key == "srcdoc" {
				t.Fatalf("<%s> has attribute %s=%q: %q", name, key, v, out)
			}
		}
	}
}
