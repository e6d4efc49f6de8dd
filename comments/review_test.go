package comments

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestFieldsAfterAFileCannotReplaceChecked: the text fields are checked
// once, at the first file. A field sent again after a file must not
// replace a checked value, or every rule (diacritics, length, the e-mail
// rate limit, the reply's parent, the honeypot) is bypassed by sending the
// real value last.
func TestFieldsAfterAFileCannotReplaceChecked(t *testing.T) {
	f := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	pending, err := f.submit(f.form("Ý kiến này còn chờ duyệt."))
	must(t, err)
	cases := []struct {
		name string
		late part
	}{
		{"toneless body", field(FieldBody, "Bai viet rat hay, cam on toa soan da dua tin ngay hom nay.")},
		{"over-long body", field(FieldBody, strings.Repeat("Quá dài. ", 1000))},
		{"another e-mail", field(FieldEmail, "khac@example.vn")},
		{"an empty name", field(FieldName, "")},
		{"a parent still pending", field(FieldParent, fmt.Sprint(pending.ID))},
		{"the honeypot filled", field(FieldHoneypot, "http://spam.example")},
		{"another token", field(FieldToken, "garbage")},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.comments())
			_, err := f.submit(f.form(fmt.Sprintf("Ý kiến hợp lệ số %d của bạn đọc.", i),
				file("anh.jpg", jpegData), tc.late))
			refusal(t, err, http.StatusBadRequest, "không hợp lệ")
			if n := len(f.comments()); n != before {
				t.Errorf("%d comments stored", n-before)
			}
		})
	}
	if l := f.leftovers(); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
