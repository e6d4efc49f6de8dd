package content

import (
	"testing"
	"time"
)

func TestStampShowsVietnamTime(t *testing.T) {
	// The seed page's stamp: 25-01-2022 | 07:11:58 in UTC+7.
	utc := time.Date(2022, 1, 25, 0, 11, 58, 0, time.UTC)
	if got := Stamp(utc); got != "25-01-2022 | 07:11:58" {
		t.Errorf("Stamp = %q", got)
	}
	// Across midnight: 17:30 UTC is already the next day in Vietnam.
	if got := Stamp(time.Date(2022, 12, 31, 17, 30, 0, 0, time.UTC)); got != "01-01-2023 | 00:30:00" {
		t.Errorf("Stamp across midnight = %q", got)
	}
}

func TestPublicAt(t *testing.T) {
	now := time.Date(2022, 5, 16, 1, 33, 25, 0, time.UTC)
	cases := []struct {
		status Status
		pub    time.Time
		want   bool
	}{
		{StatusPublished, now, true},
		{StatusPublished, now.Add(-time.Hour), true},
		{StatusPublished, now.Add(time.Second), false},
		{StatusScheduled, now.Add(-time.Hour), false},
		{StatusDraft, now.Add(-time.Hour), false},
		{StatusUnpublished, now.Add(-time.Hour), false},
	}
	for _, c := range cases {
		a := Article{Status: c.status, PublishedAt: c.pub}
		if got := a.PublicAt(now); got != c.want {
			t.Errorf("%s at %v: PublicAt = %v, want %v", c.status, c.pub, got, c.want)
		}
	}
}

func TestPaths(t *testing.T) {
	a := Article{ID: 264300, Slug: "hieu-qua-tu-cong-tac-luan-chuyen-can-bo"}
	if got := a.Path(); got != "/hieu-qua-tu-cong-tac-luan-chuyen-can-bo-264300.html" {
		t.Errorf("Path = %q", got)
	}
	m := &Media{Hash: "ab12", Ext: "jpg"}
	if got := m.Path(); got != "/media/ab/ab12.jpg" {
		t.Errorf("Media.Path = %q", got)
	}
	var none *Media
	if none.Path() != "" {
		t.Error("nil media has a path")
	}
}

func TestCheckCategoryCode(t *testing.T) {
	for _, ok := range []string{"thoi-su", "tp-thu-dau-mot", "a", "the-thao-2", "f1"} {
		if err := CheckCategoryCode(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "-a", "a-", "a--b", "Thoi-su", "thời-sự", "a b", "a/b", "admin", "media", "static",
		"tim-kiem", "chu-de", "rss", "api", "robots.txt"} {
		if err := CheckCategoryCode(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSiteInfoDefaults(t *testing.T) {
	info := SiteInfoFrom(map[string]string{SettingAgency: "Tỉnh ủy", SettingSiteName: ""})
	if info.Name != DefaultSettings[SettingSiteName] || info.Agency != "Tỉnh ủy" || info.BaseURL != "" {
		t.Errorf("SiteInfoFrom = %+v", info)
	}
}
