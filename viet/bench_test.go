package viet

import (
	"strings"
	"testing"
)

var (
	benchASCII  = "Vietnam economy grows 7 percent in the third quarter of 2024"
	benchTitle  = "Thủ tướng chỉ đạo khẩn trương khắc phục hậu quả mưa lũ tại các tỉnh miền Trung"
	benchNFD    = nfd(benchTitle)
	benchBody   = strings.Repeat("Hiệu quả từ công tác luân chuyển cán bộ đã được khẳng định qua nhiều năm thực hiện. ", 40)
	benchResult string
)

func benchInputs() []struct{ name, s string } {
	return []struct{ name, s string }{
		{"ASCII", benchASCII},
		{"Title", benchTitle},
		{"TitleNFD", benchNFD},
		{"Body3KB", benchBody},
	}
}

func BenchmarkFold(b *testing.B) {
	for _, in := range benchInputs() {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.s)))
			for b.Loop() {
				benchResult = Fold(in.s)
			}
		})
	}
}

func BenchmarkSlug(b *testing.B) {
	for _, in := range benchInputs() {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.s)))
			for b.Loop() {
				benchResult = Slug(in.s)
			}
		})
	}
}

func BenchmarkNormalize(b *testing.B) {
	for _, in := range benchInputs() {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.s)))
			for b.Loop() {
				benchResult = Normalize(in.s)
			}
		})
	}
}

func BenchmarkSearchKey(b *testing.B) {
	for _, in := range benchInputs() {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.s)))
			for b.Loop() {
				benchResult = SearchKey(in.s)
			}
		})
	}
}

func BenchmarkFoldWords(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchBody)))
	var n int
	for b.Loop() {
		n += len(FoldWords(benchBody))
	}
	_ = n
}
