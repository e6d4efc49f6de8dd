package workflow_test

import (
	"strings"
	"testing"

	"github.com/toasoan/toasoan/workflow"
)

func render(ps []workflow.Piece) string {
	var b strings.Builder
	for _, p := range ps {
		switch p.Op {
		case workflow.Same:
			b.WriteString(p.Text)
		case workflow.Deleted:
			b.WriteString("[-" + p.Text + "-]")
		case workflow.Inserted:
			b.WriteString("{+" + p.Text + "+}")
		}
	}
	return b.String()
}

func TestWordDiff(t *testing.T) {
	cases := []struct{ a, b, want string }{
		{"", "", ""},
		{"Cầu mới thông xe", "Cầu mới thông xe", "Cầu mới thông xe"},
		{"Cầu mới thông xe", "Cầu Thủ Dầu Một thông xe", "Cầu [-mới-]{+Thủ Dầu Một+} thông xe"},
		{"Hôm nay trời mưa to.", "Hôm nay trời nắng.", "Hôm nay trời [-mưa to.-]{+nắng.+}"},
		{"", "Bài mới", "{+Bài mới+}"},
		{"Bài cũ", "", "[-Bài cũ-]"},
		{"một hai ba", "hai ba bốn", "[-một -]hai ba{+ bốn+}"},
		{"Bài thử nháp", "Tiêu đề thứ hai", "[-Bài thử nháp-]{+Tiêu đề thứ hai+}"},
		{"Giao thông", "Giao thông, Bình Dương", "Giao [-thông-]{+thông, Bình Dương+}"},
		{"dòng một\ndòng hai", "dòng một\ndòng ba", "dòng một\ndòng [-hai-]{+ba+}"},
	}
	for _, c := range cases {
		got := workflow.WordDiff(c.a, c.b)
		if r := render(got); r != c.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", c.a, c.b, r, c.want)
		}
		// Keeping Same+Deleted gives a, Same+Inserted gives b.
		var a, b strings.Builder
		for _, p := range got {
			if p.Op != workflow.Inserted {
				a.WriteString(p.Text)
			}
			if p.Op != workflow.Deleted {
				b.WriteString(p.Text)
			}
		}
		if a.String() != c.a || b.String() != c.b {
			t.Errorf("diff of %q → %q does not rebuild both sides", c.a, c.b)
		}
		if workflow.Changed(got) != (c.a != c.b) {
			t.Errorf("Changed(%q, %q) wrong", c.a, c.b)
		}
	}
}

func TestWordDiffLargeMiddle(t *testing.T) {
	a := strings.Repeat("chữ ", 3000)
	b := strings.Repeat("từ ", 3000)
	got := workflow.WordDiff("Đầu "+a+"cuối", "Đầu "+b+"cuối")
	if render(got) != "Đầu [-"+strings.TrimSpace(a)+"-]{+"+strings.TrimSpace(b)+"+} cuối" {
		t.Errorf("large change: %d pieces", len(got))
	}
}

func BenchmarkWordDiffArticle(b *testing.B) {
	x := strings.Repeat("Lãnh đạo tỉnh kiểm tra tiến độ dự án đường vành đai. ", 150)
	y := strings.Replace(x, "tiến độ", "chất lượng", 40)
	for b.Loop() {
		workflow.WordDiff(x, y)
	}
}
