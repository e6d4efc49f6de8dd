package auth

import (
	"errors"
	"strings"

	"github.com/toasoan/toasoan/viet"
)

// NormalizeUsername is how a typed user name is compared and stored: trimmed,
// NFC, lower-case. "PhongVien " and "phongvien" are one account.
func NormalizeUsername(s string) string {
	return strings.ToLower(viet.NormalizeLine(s))
}

// CheckUsername reports why a normalized user name cannot name an account:
// 3 to 32 characters of a-z, 0-9, dot, hyphen and underscore, starting with a
// letter. ASCII only, so that names type the same on every keyboard.
func CheckUsername(name string) error {
	if len(name) < 3 || len(name) > 32 {
		return errors.New("Tên đăng nhập phải dài từ 3 đến 32 ký tự.")
	}
	if name[0] < 'a' || name[0] > 'z' {
		return errors.New("Tên đăng nhập phải bắt đầu bằng một chữ cái không dấu (a–z).")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return errors.New("Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các dấu . - _ (ví dụ: thu.thao).")
		}
	}
	return nil
}

// MaxDisplayNameLen bounds a display name, in characters.
const MaxDisplayNameLen = 100

// NormalizeDisplayName is how a display name is stored: NFC, one line.
func NormalizeDisplayName(s string) string { return viet.NormalizeLine(s) }
