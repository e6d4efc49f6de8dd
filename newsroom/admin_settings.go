package newsroom

import (
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/viet"
)

// Settings: the site's name and the imprint the Law on Press (2016, Art.
// 46) requires on every page of an electronic newspaper. The site shows a
// saved change at once.

// settingField is one field of the settings form.
type settingField struct {
	Key      string
	Label    string
	Hint     string
	Required bool
	Type     string // the input's type: text, email, tel, url
	Value    string
	Error    string
}

// ID is the field's HTML id: the key without dots, which CSS would read
// as classes.
func (f settingField) ID() string { return strings.ReplaceAll(f.Key, ".", "-") }

// settingGroups is the form, in the order it shows.
var settingGroups = []struct {
	Title  string
	Fields []settingField
}{
	{"Trang báo", []settingField{
		{Key: content.SettingSiteName, Label: "Tên báo", Required: true, Type: "text"},
		{Key: content.SettingSiteTagline, Label: "Dòng giới thiệu", Hint: "hiện dưới tên báo", Type: "text"},
		{Key: content.SettingBaseURL, Label: "Địa chỉ trang báo", Hint: "ví dụ https://baobinhduong.vn; để trống: theo địa chỉ bạn đọc đang mở", Type: "url"},
	}},
	{"Thông tin bắt buộc theo Luật Báo chí (Điều 46)", []settingField{
		{Key: content.SettingAgency, Label: "Cơ quan chủ quản", Required: true, Type: "text"},
		{Key: content.SettingLicence, Label: "Số giấy phép", Hint: "ví dụ Giấy phép số 123/GP-BTTTT", Required: true, Type: "text"},
		{Key: content.SettingLicenceDate, Label: "Ngày cấp giấy phép", Hint: "ngày-tháng-năm, ví dụ 25-01-2022", Required: true, Type: "text"},
		{Key: content.SettingLicenceIssuer, Label: "Nơi cấp giấy phép", Required: true, Type: "text"},
		{Key: content.SettingAddress, Label: "Địa chỉ tòa soạn", Required: true, Type: "text"},
		{Key: content.SettingPhone, Label: "Điện thoại", Required: true, Type: "tel"},
		{Key: content.SettingEmail, Label: "Email", Required: true, Type: "email"},
		{Key: content.SettingEditorInChief, Label: "Tổng biên tập", Required: true, Type: "text"},
	}},
}

// maxSettingLen bounds a setting, in characters.
const maxSettingLen = 300

type settingsPage struct {
	frame
	Groups []settingGroup
	Notice string
	Error  string
}

type settingGroup struct {
	Title  string
	Fields []settingField
}

// checkSetting normalizes a typed setting (NFC, one line, trimmed) and says
// in Vietnamese what is wrong with it, if anything.
func checkSetting(f settingField, raw string) (string, string) {
	v := viet.NormalizeLine(raw)
	if v == "" {
		if f.Required {
			return "", "Mục “" + f.Label + "” không được để trống."
		}
		return "", ""
	}
	if utf8.RuneCountInString(v) > maxSettingLen {
		return v, fmt.Sprintf("Dài quá %d ký tự.", maxSettingLen)
	}
	switch f.Key {
	case content.SettingEmail:
		a, err := mail.ParseAddress(v)
		if err != nil || a.Address != v || a.Name != "" {
			return v, "Địa chỉ email không hợp lệ (ví dụ: toasoan@baobinhduong.vn)."
		}
	case content.SettingPhone:
		digits := 0
		for _, r := range v {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune(" +().-", r):
			default:
				return v, "Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . -"
			}
		}
		if digits < 8 || digits > 15 {
			return v, "Số điện thoại cần từ 8 đến 15 chữ số."
		}
	case content.SettingLicenceDate:
		t, err := time.Parse("2-1-2006", strings.NewReplacer("/", "-", ".", "-").Replace(v))
		if err != nil {
			return v, "Ngày cấp giấy phép cần theo dạng ngày-tháng-năm, ví dụ 25-01-2022."
		}
		v = t.Format("02-01-2006")
	case content.SettingBaseURL:
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
			return v, "Địa chỉ trang báo cần có dạng https://tên-miền, không kèm đường dẫn."
		}
		v = u.Scheme + "://" + u.Host
	}
	return v, ""
}

func (n *Newsroom) settings(w http.ResponseWriter, r *http.Request, s *staff) error {
	stored, err := n.st.Settings(r.Context())
	if err != nil {
		return err
	}
	notice := ""
	switch {
	case r.URL.Query().Has("da-luu"):
		notice = "Đã lưu cấu hình. Chân trang của báo đã hiện thông tin mới."
	case r.URL.Query().Has("khong-doi"):
		notice = "Cấu hình không có gì thay đổi."
	}
	return n.renderSettings(w, r, s, http.StatusOK, func(f settingField) settingField {
		f.Value = stored[f.Key]
		return f
	}, notice, "")
}

func (n *Newsroom) renderSettings(w http.ResponseWriter, r *http.Request, s *staff, status int, fill func(settingField) settingField, notice, errMsg string) error {
	p := settingsPage{frame: n.frame(r, s, "Cấu hình"), Notice: notice, Error: errMsg}
	for _, g := range settingGroups {
		sg := settingGroup{Title: g.Title}
		for _, f := range g.Fields {
			sg.Fields = append(sg.Fields, fill(f))
		}
		p.Groups = append(p.Groups, sg)
	}
	return n.render(w, r, status, "settings.html", &p)
}

func (n *Newsroom) saveSettings(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	stored, err := n.st.Settings(ctx)
	if err != nil {
		return err
	}
	values, problems := map[string]string{}, map[string]string{}
	var changed []string
	kv := map[string]string{}
	for _, g := range settingGroups {
		for _, f := range g.Fields {
			v, problem := checkSetting(f, r.PostFormValue(f.Key))
			values[f.Key] = v
			if problem != "" {
				problems[f.Key] = problem
			} else if v != stored[f.Key] {
				kv[f.Key] = v
				changed = append(changed, f.Label)
			}
		}
	}
	if len(problems) > 0 {
		return n.renderSettings(w, r, s, http.StatusBadRequest, func(f settingField) settingField {
			f.Value, f.Error = values[f.Key], problems[f.Key]
			return f
		}, "", fmt.Sprintf("Chưa lưu: %d mục cần sửa, được đánh dấu bên dưới.", len(problems)))
	}
	if len(kv) == 0 {
		http.Redirect(w, r, "/admin/cau-hinh?khong-doi=1", http.StatusSeeOther)
		return nil
	}
	err = n.st.SaveSettings(ctx, kv, n.audit(r, s, EventSettingsUpdate, "settings", "Sửa cấu hình: "+strings.Join(changed, ", ")))
	if err != nil {
		return err
	}
	n.siteChanged()
	n.log.Info("settings changed", "request_id", requestID(r), "by", s.user.Username, "fields", len(kv))
	http.Redirect(w, r, "/admin/cau-hinh?da-luu=1", http.StatusSeeOther)
	return nil
}
