package assets

import (
	"net/http/httptest"
	"regexp"
	"testing"
	"testing/fstest"
)

func TestSet(t *testing.T) {
	fsys := fstest.MapFS{
		"static/site.css": {Data: []byte("body{}")},
		"static/site.js":  {Data: []byte("1")},
	}
	s, err := New(fsys, "static", "/static/")
	if err != nil {
		t.Fatal(err)
	}
	s.Unhashed = "public, max-age=300"
	h, ok := s.Hashed("site.css")
	if !ok || !regexp.MustCompile(`^site\.[0-9a-f]{10}\.css$`).MatchString(h) {
		t.Fatalf("hashed name %q", h)
	}
	if s.URL("site.css") != "/static/"+h || s.URL("khong-co.css") != "/static/khong-co.css" {
		t.Errorf("URLs %q %q", s.URL("site.css"), s.URL("khong-co.css"))
	}
	for _, c := range []struct{ name, ctype, cache string }{
		{h, "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"site.css", "text/css; charset=utf-8", "public, max-age=300"},
		{"site.js", "text/javascript; charset=utf-8", "public, max-age=300"},
	} {
		rec := httptest.NewRecorder()
		if !s.Serve(rec, c.name) {
			t.Fatalf("%s not served", c.name)
		}
		if rec.Header().Get("Content-Type") != c.ctype || rec.Header().Get("Cache-Control") != c.cache {
			t.Errorf("%s: %v", c.name, rec.Header())
		}
	}
	// Another version of the file has another name.
	fsys["static/site.css"] = &fstest.MapFile{Data: []byte("body{color:red}")}
	s2, _ := New(fsys, "static", "/static/")
	if h2, _ := s2.Hashed("site.css"); h2 == h {
		t.Error("a changed file kept its name")
	}
	if rec := httptest.NewRecorder(); s.Serve(rec, "khong-co.css") || rec.Body.Len() != 0 {
		t.Error("a missing file was served")
	}
}
