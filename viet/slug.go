package viet

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSlugLen is the maximum length in bytes (= characters, slugs are ASCII)
// of a slug returned by Slug and UniqueSlug.
const MaxSlugLen = 80

// DefaultSlug is what Slug returns when nothing usable remains of its input.
const DefaultSlug = "bai-viet"

// Slug turns a title into a URL slug: lower-case ASCII letters, digits and
// single hyphens, no leading or trailing hyphen, at most MaxSlugLen bytes.
//
//   - Vietnamese letters lose their diacritics (ă â → a, ê → e, ô ơ → o,
//     ư → u, đ Đ → d); other Latin letters are folded as in Fold (é → e,
//     ß → ss, æ → ae, ø → o, ł → l).
//   - Cyrillic and Greek are transliterated with a small table (ж → zh,
//     щ → shch, θ → th, ...).
//   - Apostrophes (' ’ ʼ), combining marks and invisible format characters
//     (soft hyphen, ZWJ) are dropped without splitting the word: "Don't" →
//     "dont".
//   - Everything else (spaces, punctuation, symbols, CJK, emoji, other
//     scripts) separates words; runs of separators become one hyphen.
//   - A slug longer than MaxSlugLen is cut at the last hyphen that keeps it
//     within the limit (a single word longer than the limit is cut hard).
//   - If nothing remains, the result is DefaultSlug ("bai-viet").
//
// Slug(Normalize(s)) == Slug(s) and NFD input gives the same slug as NFC.
// If s already is a valid slug it is returned without allocating.
//
//	Slug("Hiệu quả từ công tác luân chuyển cán bộ") == "hieu-qua-tu-cong-tac-luan-chuyen-can-bo"
func Slug(s string) string {
	if isSlug(s) {
		return s
	}
	src := s
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			src = Normalize(s)
			break
		}
	}
	var buf [MaxSlugLen + 16]byte // a transliteration adds at most 4+1 bytes past the limit
	out := buf[:0]
	pending := false
	for i := 0; i < len(src) && len(out) <= MaxSlugLen; {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'', c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				// apostrophe, or a control character Normalize drops:
				// dropped, does not split the word
				continue
			default:
				pending = true
				continue
			}
			if pending && len(out) > 0 {
				out = append(out, '-')
			}
			pending = false
			out = append(out, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		i += size
		var p string
		if t := tableIndex(r); t >= 0 {
			p = slugTab[t]
		} else {
			p = slugOther(r)
		}
		switch p {
		case "":
		case "-":
			pending = true
		default:
			if pending && len(out) > 0 {
				out = append(out, '-')
			}
			pending = false
			out = append(out, p...)
		}
	}
	if len(out) == 0 {
		return DefaultSlug
	}
	return cutSlug(string(out[:min(len(out), MaxSlugLen+1)]), MaxSlugLen)
}

// slugOther is the slug form of a rune outside slugTab (see slugTab).
func slugOther(r rune) string {
	switch {
	case r == 0x2019 || r == 0x02BC: // right single quotation mark, modifier apostrophe
		return ""
	case 0xFB00 <= r && r <= 0xFB06:
		return ligatures[r-0xFB00]
	case 0xFF10 <= r && r <= 0xFF19: // fullwidth digits
		return asciiAlnum[r-0xFF10 : r-0xFF10+1]
	case 0xFF21 <= r && r <= 0xFF3A: // fullwidth A-Z
		return asciiAlnum[r-0xFF21+10 : r-0xFF21+11]
	case 0xFF41 <= r && r <= 0xFF5A: // fullwidth a-z
		return asciiAlnum[r-0xFF41+10 : r-0xFF41+11]
	case r == 0x200B: // zero width space separates words
		return "-"
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return ""
	}
	return "-"
}

// cutSlug shortens slug s to at most max bytes at a hyphen boundary, or
// hard at max if the first word alone is longer.
func cutSlug(s string, max int) string {
	if len(s) <= max {
		return s
	}
	if s[max] == '-' {
		return s[:max]
	}
	if j := strings.LastIndexByte(s[:max], '-'); j > 0 {
		return s[:j]
	}
	return s[:max]
}

// isSlug reports whether s already is a valid slug: 1 to MaxSlugLen bytes
// matching ^[a-z0-9]+(-[a-z0-9]+)*$.
func isSlug(s string) bool {
	if len(s) == 0 || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// UniqueSlug returns Slug(s) if taken reports it free, otherwise the first
// of Slug(s)+"-2", Slug(s)+"-3", ... that taken reports free. The base is
// shortened at a hyphen boundary when needed so that the result never
// exceeds MaxSlugLen. taken must eventually report false; a nil taken means
// nothing is taken.
func UniqueSlug(s string, taken func(string) bool) string {
	base := Slug(s)
	if taken == nil || !taken(base) {
		return base
	}
	var buf [MaxSlugLen + 24]byte
	for n := 2; ; n++ {
		suffix := strconv.AppendInt(append(buf[:0], '-'), int64(n), 10)
		cand := cutSlug(base, MaxSlugLen-len(suffix)) + string(suffix)
		if !taken(cand) {
			return cand
		}
	}
}
