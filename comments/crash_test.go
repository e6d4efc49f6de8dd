package comments

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// server is a "toasoan serve" process.
type server struct {
	cmd  *exec.Cmd
	addr string
}

func startServe(t *testing.T, bin, data string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0", "--cache-ttl", "0")
	out, err := cmd.StdoutPipe()
	must(t, err)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	select {
	case l := <-lines:
		m := regexp.MustCompile(`http://([0-9.:]+)/`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("serve said %q", l)
		}
		return &server{cmd: cmd, addr: m[1]}
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start:\n%s", logs.String())
	}
	return nil
}

// ack is a submission the server acknowledged.
type ack struct {
	body string
	file []byte
}

// TestCrashKeepsAcknowledgedComments builds the binary, serves a data
// directory, sends comments with attachments from several goroutines,
// kills the server with SIGKILL in the middle of the burst, restarts it,
// and requires every comment whose 303 came back, with its attachment's
// exact bytes.
func TestCrashKeepsAcknowledgedComments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "toasoan")
	build := exec.Command("go", "build", "-o", bin, "github.com/toasoan/toasoan/cmd/toasoan")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(tmp, "data")
	must(t, os.MkdirAll(data, 0o755))
	st, err := sqlite.Open(ctx, filepath.Join(data, "toasoan.db"), sqlite.Options{})
	must(t, err)
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	must(t, st.CreateCategory(ctx, &cat))
	pub := time.Now().Add(-time.Hour).UTC()
	a := &content.Article{Lang: "vi", Title: "Bài thử sức chịu đựng", Slug: "bai-thu", Status: content.StatusPublished,
		CategoryID: cat.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub, Body: "<p>Nội dung.</p>"}
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	// Every submission comes from 127.0.0.1 with its own e-mail.
	must(t, st.SetSettings(ctx, map[string]string{"comments.limit_per_ip": "-1", "comments.limit_per_email": "-1"}))
	must(t, st.Close())

	srv := startServe(t, bin, data)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get("http://" + srv.addr + a.Path())
	must(t, err)
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`name="t" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no form token: %d", res.StatusCode)
	}
	token := string(m[1])
	time.Sleep(DefaultLimits.MinFill + 200*time.Millisecond) // a person takes this long to write

	var (
		mu      sync.Mutex
		acks    []ack
		sent    atomic.Int64
		stopped atomic.Bool
		wg      sync.WaitGroup
	)
	const senders, killAfter = 6, 40
	killed := make(chan struct{})
	for g := range senders {
		wg.Go(func() {
			for i := 0; !stopped.Load(); i++ {
				body := fmt.Sprintf("Ý kiến số %d của người gửi thứ %d: bài viết rất đáng đọc.", i, g)
				file := make([]byte, 20<<10+(i*7919+g*104729)%(200<<10))
				rand.Read(file)
				copy(file, "\x89PNG\r\n\x1a\n")
				var buf bytes.Buffer
				mw := multipart.NewWriter(&buf)
				mw.WriteField(FieldToken, token)
				mw.WriteField(FieldName, fmt.Sprintf("Bạn đọc %d", g))
				mw.WriteField(FieldEmail, fmt.Sprintf("g%d.c%d@example.vn", g, i))
				mw.WriteField(FieldBody, body)
				fw, _ := mw.CreateFormFile(FieldFiles, "anh.png")
				fw.Write(file)
				mw.Close()
				req, _ := http.NewRequest("POST", "http://"+srv.addr+"/y-kien/"+fmt.Sprint(a.ID), &buf)
				req.Header.Set("Content-Type", mw.FormDataContentType())
				sent.Add(1)
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusSeeOther {
					t.Errorf("submission refused: %d", res.StatusCode)
					return
				}
				mu.Lock()
				acks = append(acks, ack{body: body, file: file})
				n := len(acks)
				mu.Unlock()
				if n == killAfter {
					close(killed)
				}
			}
		})
	}
	select {
	case <-killed:
	case <-time.After(2 * time.Minute):
		t.Fatal("the burst never reached the kill point")
	}
	must(t, srv.cmd.Process.Signal(syscall.SIGKILL))
	srv.cmd.Wait()
	stopped.Store(true)
	wg.Wait()
	mu.Lock()
	got := append([]ack(nil), acks...)
	mu.Unlock()
	t.Logf("%d submissions sent, %d acknowledged before SIGKILL", sent.Load(), len(got))

	// Restart: the server comes back on the same data.
	srv = startServe(t, bin, data)
	// The first run built the restoration model from the published
	// article; the restart loaded it at start.
	res, err = client.PostForm("http://"+srv.addr+"/y-kien/goi-y", url.Values{FieldBody: {"bai thu suc chiu dung"}})
	must(t, err)
	var sg Suggestion
	must(t, json.NewDecoder(res.Body).Decode(&sg))
	res.Body.Close()
	if sg.Restored != "bài thử sức chịu đựng" {
		t.Errorf("suggestion after restart: %+v", sg)
	}

	st, err = sqlite.Open(ctx, filepath.Join(data, "toasoan.db"), sqlite.Options{})
	must(t, err)
	defer st.Close()
	stored, err := st.Comments(ctx, store.CommentQuery{Limit: 100000})
	must(t, err)
	byBody := map[string]content.Comment{}
	for _, c := range stored {
		byBody[c.Body] = c
	}
	for _, k := range got {
		c, ok := byBody[k.body]
		if !ok {
			t.Errorf("acknowledged comment lost: %q", k.body)
			continue
		}
		full, err := st.Comment(ctx, c.ID)
		must(t, err)
		sum := sha256.Sum256(k.file)
		if len(full.Attachments) != 1 || full.Attachments[0].Hash != hex.EncodeToString(sum[:]) {
			t.Errorf("comment %d: attachments %+v", c.ID, full.Attachments)
			continue
		}
		b, err := os.ReadFile(filepath.Join(data, "attachments", full.Attachments[0].Path()))
		if err != nil || !bytes.Equal(b, k.file) {
			t.Errorf("comment %d: attachment bytes differ or missing: %v", c.ID, err)
		}
	}
	left, _ := os.ReadDir(filepath.Join(data, "attachments", "tmp"))
	if len(left) != 0 {
		t.Errorf("the restart left %d partial uploads", len(left))
	}
	if strings.Contains(data, "media") {
		t.Fatal("attachments under media")
	}
	t.Logf("%d comments in the database after restart, every acknowledged one among them", len(stored))
}
