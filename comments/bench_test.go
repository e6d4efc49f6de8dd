package comments

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkSubmit measures sustained comment submissions per second over
// loopback HTTP into a real SQLite file, each committed (attachments
// synced) before its answer: text only, and with a 100 KB and a 1 MB
// attachment. Run with -cpu to vary the concurrent senders:
//
//	go test ./comments -run '^$' -bench Submit -benchtime 400x
func BenchmarkSubmit(b *testing.B) {
	for _, size := range []int{0, 100 << 10, 1 << 20} {
		name := "text"
		if size > 0 {
			name = fmt.Sprintf("attachment-%dKB", size>>10)
		}
		b.Run(name, func(b *testing.B) {
			f := newFixture(b, Limits{PerIP: -1, PerEmail: -1, MinFill: -1})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				r.Body = http.MaxBytesReader(w, r.Body, MaxRequest)
				_, err := f.svc.Submit(r.Context(), r, f.a1)
				var ref *Refusal
				if errors.As(err, &ref) {
					http.Error(w, ref.Message, ref.Status)
					return
				}
				if err != nil {
					http.Error(w, err.Error(), 500)
					return
				}
				w.WriteHeader(http.StatusSeeOther)
			}))
			defer srv.Close()
			file := make([]byte, size)
			rand.Read(file)
			copy(file, "\x89PNG\r\n\x1a\n")
			token := f.svc.Token(f.a1.ID)
			var seq atomic.Int64
			b.SetBytes(int64(size))
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				client := &http.Client{}
				for pb.Next() {
					i := seq.Add(1)
					var buf bytes.Buffer
					mw := multipart.NewWriter(&buf)
					mw.WriteField(FieldToken, token)
					mw.WriteField(FieldName, "Bạn đọc")
					mw.WriteField(FieldEmail, fmt.Sprintf("doc%d@example.vn", i))
					mw.WriteField(FieldBody, fmt.Sprintf("Ý kiến số %d: bài viết rất hay, cảm ơn tòa soạn.", i))
					if size > 0 {
						w, _ := mw.CreateFormFile(FieldFiles, "anh.png")
						w.Write(file)
					}
					mw.Close()
					res, err := client.Post(srv.URL, mw.FormDataContentType(), &buf)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusSeeOther {
						b.Errorf("status %d", res.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "submissions/s")
		})
	}
}
