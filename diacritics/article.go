package diacritics

import (
	"strings"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/richtext"
)

// ArticleText returns the text of an article to train a model on: title,
// lead, body as readers see it (richtext.PlainText) and picture caption,
// one per line.
func ArticleText(a *content.Article) string {
	parts := make([]string, 0, 4)
	for _, s := range []string{a.Title, a.Sapo, richtext.PlainText(a.Body), a.PictureCaption} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}
