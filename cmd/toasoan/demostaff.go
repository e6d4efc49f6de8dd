package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/store"
)

// demoPassword is the well-known password of the demo staff. It exists only
// in --demo mode, which says so at every start.
const demoPassword = "demo-toasoan-2026"

// demoStaff is one account of each role, so the newsroom can be tried. The
// reporter is limited to the local pages, to show per-section limits.
var demoStaff = []struct {
	username, name string
	role           auth.Role
	section        string // top-level section code, or "" for all
}{
	{"quantri", "Quản trị (mẫu)", auth.Admin, ""},
	{"thuky", "Thư ký tòa soạn (mẫu)", auth.ManagingEditor, ""},
	{"bientap", "Biên tập viên (mẫu)", auth.Editor, ""},
	{"phongvien", "Phóng viên địa phương (mẫu)", auth.Reporter, "chuyen-trang-dia-phuong"},
}

// ensureDemoStaff creates the demo staff accounts that do not exist yet and
// logs how to log in. Only serve --demo calls it.
func ensureDemoStaff(ctx context.Context, st store.Store, log *slog.Logger) error {
	var created []string
	for _, d := range demoStaff {
		if _, err := st.UserByUsername(ctx, d.username); err == nil {
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		var sections []int64
		if d.section != "" {
			ids, err := sectionIDs(ctx, st, []string{d.section})
			if err != nil {
				// A database filled by something other than the demo may lack
				// the section: the reporter then works in every section.
				log.Warn("demo reporter not limited to a section", "section", d.section, "err", err)
			}
			sections = ids
		}
		_, err := newsroom.CreateAccount(ctx, st, newsroom.NewAccount{Username: d.username, DisplayName: d.name,
			Role: d.role, Sections: sections, Password: demoPassword}, auth.DefaultParams,
			store.AuditEntry{At: time.Now(), Detail: "serve --demo"})
		if err != nil {
			return fmt.Errorf("tài khoản mẫu %s: %w", d.username, err)
		}
		created = append(created, d.username)
	}
	log.Warn("DEMO MODE: demo staff accounts with a well-known password; never use --demo for a real newspaper",
		"users", "quantri (admin), thuky (managing editor), bientap (editor), phongvien (reporter, local pages)",
		"password", demoPassword, "created_now", created, "login", "/admin/dang-nhap")
	return nil
}
