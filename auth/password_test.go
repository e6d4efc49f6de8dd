package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// cheap keeps the tests fast; the format and rules are the same.
var cheap = Params{Time: 1, Memory: 64, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestHashAndVerify(t *testing.T) {
	h, err := HashPassword("mật khẩu dài", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(h) {
		t.Errorf("hash %q is not a PHC string", h)
	}
	h2, _ := HashPassword("mật khẩu dài", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	ok, rehash, err := VerifyPassword(h, "mật khẩu dài", cheap)
	if !ok || rehash || err != nil {
		t.Errorf("right password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	// The same letters typed with combining marks (NFD) are the same password.
	ok, _, _ = VerifyPassword(h, "ma\u0323\u0302t kha\u0302\u0309u da\u0300i", cheap)
	if !ok {
		t.Error("NFD spelling of the password refused")
	}
	for _, wrong := range []string{"", "mật khẩu dai", "mật khẩu dài ", "MẬT KHẨU DÀI"} {
		if ok, _, err := VerifyPassword(h, wrong, cheap); ok || err != nil {
			t.Errorf("%q: ok=%v err=%v", wrong, ok, err)
		}
	}
	// Raised parameters: the old hash still verifies and asks to be redone.
	stronger := cheap
	stronger.Time = 2
	ok, rehash, err = VerifyPassword(h, "mật khẩu dài", stronger)
	if !ok || !rehash || err != nil {
		t.Errorf("after raising params: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, rehash, _ = VerifyPassword(h, "sai mật khẩu", stronger)
	if ok || rehash {
		t.Error("a wrong password asked for a rehash")
	}
}

func TestDefaultParamsHash(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB hash")
	}
	h, err := HashPassword("một mật khẩu", DefaultParams)
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Fatalf("%q %v", h, err)
	}
	if ok, rehash, _ := VerifyPassword(h, "một mật khẩu", DefaultParams); !ok || rehash {
		t.Errorf("ok=%v rehash=%v", ok, rehash)
	}
}

func TestMalformedHashes(t *testing.T) {
	good, _ := HashPassword("abcdefghijk", cheap)
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"", "plain", "$2a$10$abcdefghijklmnopqrstuv",
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "m=64,", "m=0,", 1),
		strings.Replace(good, "t=1,", "t=0,", 1),
		strings.Replace(good, "p=1$", "p=0$", 1),
		strings.Replace(good, "m=64,", "m=99999999,", 1),
		"$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$!!!",
		"$argon2id$v=19$m=64,t=1,p=1$$" + parts[5],
		good + "$extra",
	} {
		if ok, _, err := VerifyPassword(bad, "abcdefghijk", cheap); ok || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("%q: ok=%v err=%v", bad, ok, err)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		user, pw string
		wantErr  string
	}{
		{"phongvien", "", "không được để trống"},
		{"phongvien", "          ", "không được để trống"},
		{"phongvien", "ngắn", "ít nhất 10 ký tự (mật khẩu này có 4)"},
		{"phongvien", "123456789", "ít nhất 10 ký tự"},
		{"phongvien10", "PhongVien10", "trùng với tên đăng nhập"},
		{"phongvien", strings.Repeat("a", 257), "dài quá 256"},
		{"phongvien", "đường-dài-1", ""},
		{"phongvien", "mười ký tự", ""}, // ten characters, more bytes
		{"phongvien", "1234567890", ""},
	}
	for _, tc := range tests {
		err := CheckPassword(tc.user, tc.pw)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%q: %v", tc.pw, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%q: got %v, want %q", tc.pw, err, tc.wantErr)
		}
	}
}

func TestUsernames(t *testing.T) {
	if got := NormalizeUsername("  PhongVien.Thao "); got != "phongvien.thao" {
		t.Errorf("normalized %q", got)
	}
	for _, ok := range []string{"abc", "thu.thao", "bien_tap-2", strings.Repeat("a", 32)} {
		if err := CheckUsername(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ab", strings.Repeat("a", 33), "1abc", ".abc", "thảo", "a b c", "a/b", "a@b"} {
		if err := CheckUsername(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
