package richtext

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/viet"
)

// cleanURL checks a link or image address (already entity-decoded by the
// parser) and returns it in the form to keep. Browsers ignore tabs and
// newlines anywhere in a URL and control characters and spaces at its ends,
// so those are removed before the scheme is judged; a backslash, which
// browsers read as a slash, is refused outright.
//
// Links may be http:, https:, mailto: or site-relative ("/..." but not
// "//host"); images http:, https: or "/media/...".
func cleanURL(raw string, image bool) (string, bool) {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, raw)
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if s == "" || strings.ContainsRune(s, '\\') {
		return "", false
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f || r == '\uFFFD' {
			return "", false
		}
	}
	scheme := ""
	if i := strings.IndexAny(s, ":/?#"); i > 0 && s[i] == ':' {
		scheme = strings.ToLower(s[:i])
	}
	switch scheme {
	case "":
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
			return "", false
		}
		if image && !strings.HasPrefix(s, "/media/") {
			return "", false
		}
		if strings.Contains(s, "/../") || strings.HasSuffix(s, "/..") {
			return "", false
		}
	case "http", "https":
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || u.Opaque != "" || u.User != nil {
			return "", false
		}
		s = scheme + s[len(scheme):] // lower-case the scheme
	case "mailto":
		if image || len(s) <= len("mailto:") {
			return "", false
		}
		s = scheme + s[len(scheme):]
	default: // javascript:, data:, vbscript:, file:, and everything else
		return "", false
	}
	return s, true
}

// videoHost is one site whose player may be embedded in an article with an
// <iframe>. An embed is kept only when its src is https://Host+Prefix+ID with
// an ID matching the host's rule; the src is rebuilt in that canonical form
// (query strings are dropped), so nothing else can ride along.
type videoHost struct {
	Host    string   // canonical host of the player
	Aliases []string // other hosts accepted and rewritten to Host
	Prefix  string   // path before the video id
	ID      func(string) bool
}

// videoHosts is the allowlist of embeddable video players. To allow another
// player, add it here with a strict id rule; nothing else in the sanitizer
// needs to change.
var videoHosts = []videoHost{
	{Host: "www.youtube.com", Aliases: []string{"youtube.com"}, Prefix: "/embed/", ID: youTubeID},
	{Host: "www.youtube-nocookie.com", Aliases: []string{"youtube-nocookie.com"}, Prefix: "/embed/", ID: youTubeID},
	{Host: "player.vimeo.com", Prefix: "/video/", ID: digits},
}

func youTubeID(s string) bool {
	if len(s) < 6 || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" || len(s) > 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// videoSrc returns the canonical player URL for an iframe src, or false.
// Protocol-relative ("//www.youtube.com/...") and http sources are upgraded
// to https.
func videoSrc(raw string) (string, bool) {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Port() != "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	for _, v := range videoHosts {
		ok := host == v.Host
		for _, a := range v.Aliases {
			ok = ok || host == a
		}
		if !ok || !strings.HasPrefix(u.Path, v.Prefix) {
			continue
		}
		id := strings.TrimSuffix(u.Path[len(v.Prefix):], "/")
		if !v.ID(id) {
			return "", false
		}
		return "https://" + v.Host + v.Prefix + id, true
	}
	return "", false
}

// videoEmbed returns the sanitized <iframe> for an allowed video player, or
// nil. It keeps src (canonical), width, height, title and allowfullscreen,
// and adds a referrer policy; the iframe's content is never kept.
func videoEmbed(n *html.Node) *node {
	src, ok := videoSrc(getAttr(n, "src"))
	if !ok {
		return nil
	}
	el := &node{kind: kElem, tag: "iframe", attrs: []attr{{"src", src}}}
	for _, k := range []string{"width", "height"} {
		if v, ok := dimension(getAttr(n, k), 10000); ok {
			el.attrs = append(el.attrs, attr{k, v})
		}
	}
	if t := viet.NormalizeLine(getAttr(n, "title")); t != "" {
		el.attrs = append(el.attrs, attr{"title", t})
	}
	if _, ok := hasAttr(n, "allowfullscreen"); ok {
		el.attrs = append(el.attrs, attr{"allowfullscreen", ""})
	}
	el.attrs = append(el.attrs, attr{"referrerpolicy", "strict-origin-when-cross-origin"})
	return el
}
